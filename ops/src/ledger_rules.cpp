#include "ledger_rules.hpp"

#include <cmath>

#include "respgrid/grids/deadlines.hpp"

namespace respgrid::ops::detail {

std::vector<grids::CaseOwner> case_owners(const grids::ResolvedChain& chain, const grids::Resolution* resolution) {
    std::vector<grids::CaseOwner> owners;
    for (const auto& link : chain.links) {
        owners.push_back({grids::case_owner_role(link.role), link.owner->id, link.owner->name, chain.person(link.role),
                          chain.phone(link.role), link.owner->unit_code, link.rule});
    }
    if (!resolution) return owners;
    for (const auto& a : resolution->answers) {
        if (a.layer == grids::kTerritory || !a.owner) continue;
        bool listed = false;
        for (const auto& o : owners) listed = listed || (o.role == grids::CaseOwnerRole::Department && o.owner_id == a.owner->id);
        if (listed) continue;
        owners.push_back({grids::CaseOwnerRole::Department, a.owner->id, a.owner->name,
                          a.owner->contact.empty() ? a.owner->name : a.owner->contact, a.owner->phone, a.owner->unit_code,
                          a.rule});
    }
    return owners;
}

const grids::CaseOwner* responsible_owner(const grids::CaseOwners& owners) {
    for (const auto& o : owners) {
        if (o.role == grids::CaseOwnerRole::Department) return &o;
    }
    // The chain is in role order: the grid worker first, then the village...
    return owners.empty() ? nullptr : &owners.front();
}

grids::Instant case_deadline(const grids::IssueCategory* category, grids::Instant dispatched,
                             const grids::LedgerSettings& settings) {
    if (category && category->deadline_kind == grids::DeadlineKind::SameDay) {
        return grids::same_day_deadline(dispatched, settings.same_day, settings.working_time);
    }
    if (category && category->deadline_hours) {
        const std::chrono::seconds limit(std::llround(*category->deadline_hours * 3600.0));
        if (category->deadline_kind == grids::DeadlineKind::WorkingHours) {
            return grids::working_deadline(dispatched, limit, settings.working_time);
        }
        return grids::calendar_deadline(dispatched, limit);
    }
    return grids::calendar_deadline(dispatched, settings.default_deadline);
}

void dispatch(grids::LedgerCase& c, grids::CaseOwners owners, const grids::IssueCategory* category,
              grids::Instant at, const grids::LedgerSettings& settings) {
    c.owners = std::move(owners);
    const grids::CaseOwner* responsible = responsible_owner(c.owners);
    c.responsible_id = responsible ? responsible->owner_id : std::string();
    c.responsible_name = responsible ? responsible->name : std::string();
    c.category_code = category ? category->code : std::string();
    c.category_name = category ? category->name : std::string();
    c.dispatched_at = at;
    c.deadline = case_deadline(category, at, settings);
    c.status = grids::CaseStatus::Dispatched;
}

std::string LedgerNumbers::next(grids::Instant logged_at) {
    const grids::Date day = logged_at.date_in(zone_);
    const int key = day.days_since_1970();
    auto it = next_of_day_.find(key);
    if (it == next_of_day_.end()) it = next_of_day_.emplace(key, ledger_.next_sequence(prefix_, day)).first;
    const int sequence = it->second++;
    return grids::format_ledger_number(grids::ledger_number(prefix_, logged_at, zone_, sequence));
}

bool closed_recently(const grids::LedgerCase& c, grids::Instant t, std::chrono::seconds window) {
    if (c.status != grids::CaseStatus::Closed || !c.closed_at) return false;
    return t.unix_seconds() - c.closed_at->unix_seconds() <= window.count();
}

DuplicateFinder::DuplicateFinder(const grids::LedgerSettings& settings)
    : distance_m_(settings.duplicate_distance_m), closed_window_(std::chrono::hours(24) * settings.duplicate_days) {}

std::string DuplicateFinder::category_of(const std::string& code, const std::string& text) {
    return code.empty() ? "text:" + grids::category_key(text) : "code:" + code;
}
std::string DuplicateFinder::category_of(const grids::LedgerCase& c) { return category_of(c.category_code, c.category_text); }

void DuplicateFinder::add(grids::LedgerCase& c) {
    if (distance_m_ <= 0.0) return;
    const auto ix = static_cast<long long>(std::floor(c.position.x / distance_m_));
    const auto iy = static_cast<long long>(std::floor(c.position.y / distance_m_));
    cells_[cell_key(ix, iy)].push_back(&c);
}

std::optional<DuplicateFinder::Match> DuplicateFinder::find(geo::XY p, const std::string& category,
                                                            grids::Instant reported_at) const {
    if (distance_m_ <= 0.0) return std::nullopt;
    const auto ix = static_cast<long long>(std::floor(p.x / distance_m_));
    const auto iy = static_cast<long long>(std::floor(p.y / distance_m_));
    std::optional<Match> best;
    for (long long dx = -1; dx <= 1; ++dx) {
        for (long long dy = -1; dy <= 1; ++dy) {
            auto it = cells_.find(cell_key(ix + dx, iy + dy));
            if (it == cells_.end()) continue;
            for (grids::LedgerCase* c : it->second) {
                if (!c->on_books() && !closed_recently(*c, reported_at, closed_window_)) continue;
                if (category_of(*c) != category) continue;
                const double d = std::hypot(c->position.x - p.x, c->position.y - p.y);
                if (d > distance_m_) continue;
                // The nearest; of two as near, the older case (the lower number).
                if (!best || d < best->distance_m || (d == best->distance_m && c->number < best->c->number)) {
                    best = Match{c, d};
                }
            }
        }
    }
    return best;
}

}  // namespace respgrid::ops::detail

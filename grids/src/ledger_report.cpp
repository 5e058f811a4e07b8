#include "respgrid/grids/ledger_report.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "respgrid/geo/enum_names.hpp"
#include "respgrid/grids/deadlines.hpp"

namespace respgrid::grids {

namespace {

constexpr geo::EnumNames<ReportUnitKind, 5> kUnitKindNames{{{{ReportUnitKind::Township, "township"},
                                                             {ReportUnitKind::Village, "village"},
                                                             {ReportUnitKind::Department, "department"},
                                                             {ReportUnitKind::Leader, "leader"},
                                                             {ReportUnitKind::Category, "category"}}}};
constexpr geo::EnumNames<ReportUnitKind, 5> kUnitKindLabelsZh{{{{ReportUnitKind::Township, "乡镇/街道"},
                                                                {ReportUnitKind::Village, "村/社区"},
                                                                {ReportUnitKind::Department, "责任部门"},
                                                                {ReportUnitKind::Leader, "包联领导"},
                                                                {ReportUnitKind::Category, "问题类别"}}}};

constexpr double kSecondsPerHour = 3600.0;

bool awaits_fix(CaseStatus s) {
    return s == CaseStatus::Logged || s == CaseStatus::Dispatched || s == CaseStatus::InProgress ||
           s == CaseStatus::Reopened;
}

// A case as it stood at the as-of instant, replayed from its timeline (see the header).
struct CaseAt {
    const LedgerCase* c = nullptr;
    CaseStatus status = CaseStatus::Logged;
    std::optional<Instant> last_dispatch;  // the latest dispatch by the as-of instant
    std::optional<Instant> fixed_at;       // the fix nothing undid
    std::optional<Instant> fix_dispatch;   // the dispatch the fix answered
    int escalations = 0;                   // escalation events by the as-of instant
    bool escalated_later = false;          // an escalation event after it

    [[nodiscard]] bool rejected() const { return status == CaseStatus::Rejected; }
    [[nodiscard]] bool awaiting() const { return awaits_fix(status); }
    [[nodiscard]] bool rectified() const { return !awaiting() && !rejected(); }
    // The deadline runs once the case was dispatched.
    [[nodiscard]] std::optional<Instant> deadline() const { return last_dispatch ? c->deadline : std::nullopt; }
    [[nodiscard]] bool late_fix() const {
        const auto due = deadline();
        return fixed_at && due && is_overdue(*due, *fixed_at);
    }
    [[nodiscard]] bool overdue_at(Instant as_of) const {
        const auto due = deadline();
        return awaiting() && due && is_overdue(*due, as_of);
    }
    [[nodiscard]] int escalation_level() const { return escalated_later ? escalations : c->escalation_level; }
};

// The status an event moves a case to, if any.
std::optional<CaseStatus> target_of(const CaseEvent& e) {
    if (e.to) return e.to;
    if (e.kind == CaseEventKind::Logged) return CaseStatus::Logged;
    if (e.kind == CaseEventKind::Dispatched) return CaseStatus::Dispatched;
    return std::nullopt;
}

CaseAt replay(const LedgerCase& c, const std::vector<const CaseEvent*>& timeline, Instant as_of) {
    CaseAt state;
    state.c = &c;
    for (const CaseEvent* e : timeline) {
        if (e->at > as_of) {
            if (e->kind == CaseEventKind::Escalated) state.escalated_later = true;
            continue;
        }
        if (e->kind == CaseEventKind::Escalated) ++state.escalations;
        const auto to = target_of(*e);
        if (!to) continue;
        state.status = *to;
        if (*to == CaseStatus::Dispatched) state.last_dispatch = e->at;
        if (*to == CaseStatus::Fixed) {
            state.fixed_at = e->at;
            state.fix_dispatch = state.last_dispatch;
        } else if (awaits_fix(*to)) {
            state.fixed_at.reset();  // a failed check or a reopen undoes the fix
            state.fix_dispatch.reset();
        }
    }
    return state;
}

// Each case's events in time order (ties in the order given).
std::unordered_map<long long, std::vector<const CaseEvent*>> timelines(std::span<const CaseEvent> events) {
    std::unordered_map<long long, std::vector<const CaseEvent*>> by_case;
    for (const CaseEvent& e : events) by_case[e.case_id].push_back(&e);
    for (auto& [id, list] : by_case) {
        std::stable_sort(list.begin(), list.end(), [](const CaseEvent* a, const CaseEvent* b) { return a->at < b->at; });
    }
    return by_case;
}

// What one case adds to the figures of every unit it belongs to.
struct Contribution {
    bool in_period = false;   // logged within the period
    const CaseAt* state = nullptr;
    bool overdue = false;
    bool fixed_in_period = false;
};

// Accumulates a unit's figures; the rate and the average are made at the end.
struct Accumulator {
    UnitFigures figures;
    double fix_hours = 0.0;
    int fixes_timed = 0;

    void add(const Contribution& k) {
        const CaseAt& s = *k.state;
        UnitFigures& f = figures;
        if (k.fixed_in_period) ++f.rectified_in_period;
        if (k.in_period) {
            ++f.logged;
            if (s.rejected()) {
                ++f.rejected;
                return;
            }
            ++f.received;
            f.reports += s.c->report_count;
            if (s.rectified()) {
                if (s.late_fix()) {
                    ++f.rectified_late;
                } else {
                    ++f.rectified_on_time;
                }
                if (s.fixed_at && s.fix_dispatch) {
                    fix_hours += static_cast<double>(s.fixed_at->unix_seconds() - s.fix_dispatch->unix_seconds()) /
                                 kSecondsPerHour;
                    ++fixes_timed;
                }
            } else {
                ++f.open_new;
                ++f.open;
                if (k.overdue) ++f.overdue_new;
            }
        } else if (s.awaiting()) {
            ++f.carried;
            ++f.open;
        }
        if (k.overdue) {
            ++f.overdue;
            f.overdue_numbers.push_back(s.c->number);
        }
    }

    UnitFigures finish() {
        const int decided = figures.rectified_on_time + figures.rectified_late + figures.overdue_new;
        if (decided > 0) figures.on_time_rate = static_cast<double>(figures.rectified_on_time) / decided;
        if (fixes_timed > 0) figures.average_hours_to_fix = fix_hours / fixes_timed;
        std::sort(figures.overdue_numbers.begin(), figures.overdue_numbers.end());
        return std::move(figures);
    }
};

// Units of one kind by code, in code order.
class UnitTable {
public:
    Accumulator& unit(const std::string& code, const std::string& name, const std::string& parent = {}) {
        auto [it, fresh] = units_.try_emplace(code);
        if (fresh) {
            it->second.figures.code = code;
            it->second.figures.name = name;
            it->second.figures.parent = parent;
        }
        return it->second;
    }
    std::vector<UnitFigures> finish() {
        std::vector<UnitFigures> out;
        for (auto& [code, acc] : units_) out.push_back(acc.finish());
        return out;
    }

private:
    std::map<std::string, Accumulator> units_;
};

std::string name_or(const std::string& name, std::string_view fallback) {
    return name.empty() ? std::string(fallback) : name;
}

// Worst first: most overdue, lowest on-time rate (no rate after every rate), code.
void rank_worst_first(std::vector<UnitFigures>& units) {
    std::sort(units.begin(), units.end(), [](const UnitFigures& a, const UnitFigures& b) {
        if (a.overdue != b.overdue) return a.overdue > b.overdue;
        if (a.on_time_rate.has_value() != b.on_time_rate.has_value()) return a.on_time_rate.has_value();
        if (a.on_time_rate && *a.on_time_rate != *b.on_time_rate) return *a.on_time_rate < *b.on_time_rate;
        return a.code < b.code;
    });
}

void rank_by_received(std::vector<UnitFigures>& units) {
    std::sort(units.begin(), units.end(), [](const UnitFigures& a, const UnitFigures& b) {
        if (a.received != b.received) return a.received > b.received;
        return a.code < b.code;
    });
}

// The distinct owners of `role` a case was dispatched to, by id (the name when there is no id).
std::vector<const CaseOwner*> owners_of(const LedgerCase& c, CaseOwnerRole role) {
    std::vector<const CaseOwner*> out;
    std::set<std::string> seen;
    for (const CaseOwner& o : c.owners) {
        if (o.role != role) continue;
        const std::string& key = o.owner_id.empty() ? o.name : o.owner_id;
        if (seen.insert(key).second) out.push_back(&o);
    }
    return out;
}

// --- the invariant (see the header): checked before the report is returned

[[noreturn]] void fail(const std::string& what) {
    throw LedgerReportError("grids: the daily report does not add up: " + what);
}

void check_unit(const UnitFigures& f, std::string_view kind) {
    const auto where = [&] { return " (" + std::string(kind) + "='" + f.code + "' " + f.name + ")"; };
    if (f.logged != f.received + f.rejected) {
        fail("logged " + std::to_string(f.logged) + " != received " + std::to_string(f.received) + " + rejected " +
             std::to_string(f.rejected) + where());
    }
    if (f.received != f.rectified_on_time + f.rectified_late + f.open_new) {
        fail("received " + std::to_string(f.received) + " != rectified on time " + std::to_string(f.rectified_on_time) +
             " + late " + std::to_string(f.rectified_late) + " + open " + std::to_string(f.open_new) + where());
    }
    if (f.open != f.open_new + f.carried) {
        fail("open " + std::to_string(f.open) + " != open new " + std::to_string(f.open_new) + " + carried " +
             std::to_string(f.carried) + where());
    }
    if (f.overdue_new > f.overdue || f.overdue > f.open ||
        f.overdue_numbers.size() != static_cast<std::size_t>(f.overdue)) {
        fail("overdue " + std::to_string(f.overdue) + " (new " + std::to_string(f.overdue_new) + ", numbers " +
             std::to_string(f.overdue_numbers.size()) + ") against open " + std::to_string(f.open) + where());
    }
}

void check_partition(const std::vector<UnitFigures>& units, const UnitFigures& totals, std::string_view kind) {
    UnitFigures sum;
    std::size_t numbers = 0;
    for (const UnitFigures& u : units) {
        sum.logged += u.logged;
        sum.rejected += u.rejected;
        sum.received += u.received;
        sum.rectified_on_time += u.rectified_on_time;
        sum.rectified_late += u.rectified_late;
        sum.open_new += u.open_new;
        sum.carried += u.carried;
        sum.open += u.open;
        sum.overdue += u.overdue;
        sum.overdue_new += u.overdue_new;
        sum.rectified_in_period += u.rectified_in_period;
        sum.reports += u.reports;
        numbers += u.overdue_numbers.size();
    }
    const std::tuple<const char*, long long, long long> figures[] = {
        {"logged", sum.logged, totals.logged},
        {"rejected", sum.rejected, totals.rejected},
        {"received", sum.received, totals.received},
        {"rectified_on_time", sum.rectified_on_time, totals.rectified_on_time},
        {"rectified_late", sum.rectified_late, totals.rectified_late},
        {"open_new", sum.open_new, totals.open_new},
        {"carried", sum.carried, totals.carried},
        {"open", sum.open, totals.open},
        {"overdue", sum.overdue, totals.overdue},
        {"overdue_new", sum.overdue_new, totals.overdue_new},
        {"rectified_in_period", sum.rectified_in_period, totals.rectified_in_period},
        {"reports", sum.reports, totals.reports},
        {"overdue numbers", static_cast<long long>(numbers), static_cast<long long>(totals.overdue_numbers.size())},
    };
    for (const auto& [name, over_units, total] : figures) {
        if (over_units != total) {
            fail(std::string("the sum of ") + name + " over " + std::string(kind) + "s is " + std::to_string(over_units) +
                 ", the total is " + std::to_string(total));
        }
    }
}

void check_report(const DailyReport& r) {
    check_unit(r.totals, "county");
    for (ReportUnitKind kind : {ReportUnitKind::Township, ReportUnitKind::Village, ReportUnitKind::Department,
                                ReportUnitKind::Leader, ReportUnitKind::Category}) {
        for (const UnitFigures& u : r.units(kind)) check_unit(u, to_string(kind));
    }
    check_partition(r.townships, r.totals, "township");
    check_partition(r.villages, r.totals, "village");
    check_partition(r.categories, r.totals, "category");
    long long in_grids = r.received_outside_grids;
    for (const HotSpot& g : r.grid_counts) in_grids += g.cases;
    if (in_grids != r.totals.received) {
        fail("the cases per grid and those in no grid add up to " + std::to_string(in_grids) + ", " +
             std::to_string(r.totals.received) + " were received");
    }
    if (r.worst_overdue.size() != std::min<std::size_t>(r.options.worst_overdue, r.totals.overdue)) {
        fail("the worst overdue list has " + std::to_string(r.worst_overdue.size()) + " cases of " +
             std::to_string(r.totals.overdue) + " overdue");
    }
}

// --- the lists beside the unit tables

std::vector<OverdueItem> worst_overdue(const std::vector<CaseAt>& states, const std::vector<Contribution>& parts,
                                       const ReportPeriod& period, std::size_t limit) {
    const Instant as_of = period.as_of();
    // The longest overdue first, then by number: ranked on (deadline, number) alone, and items made
    // only for the few listed (a year's ledger can hold tens of thousands of overdue cases).
    std::vector<std::size_t> overdue;
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (parts[i].overdue) overdue.push_back(i);
    }
    auto longer = [&states](std::size_t a, std::size_t b) {
        const Instant da = *states[a].deadline(), db = *states[b].deadline();
        if (da != db) return da < db;  // the earlier deadline is the longer overdue
        return states[a].c->number < states[b].c->number;
    };
    const std::size_t listed = std::min(limit, overdue.size());
    std::partial_sort(overdue.begin(), overdue.begin() + static_cast<std::ptrdiff_t>(listed), overdue.end(), longer);
    std::vector<OverdueItem> items;
    items.reserve(listed);
    for (std::size_t k = 0; k < listed; ++k) {
        const std::size_t i = overdue[k];
        const CaseAt& s = states[i];
        const LedgerCase& c = *s.c;
        OverdueItem item;
        item.number = c.number;
        item.township_name = name_or(c.township_name, kUnlocatedName);
        item.village_name = name_or(c.village_name, kUnlocatedName);
        item.grid_code = c.grid_code;
        item.location_text = c.location_text;
        item.category_name = name_or(c.category_name, kUncategorisedName);
        item.responsible_name = c.responsible_name;
        item.logged_day = c.logged_at.date_in(period.zone);
        item.deadline = *s.deadline();
        item.hours_overdue = static_cast<double>(as_of.unix_seconds() - item.deadline.unix_seconds()) / kSecondsPerHour;
        item.escalation_level = s.escalation_level();
        item.carried = !parts[i].in_period;
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<HotSpot> grid_counts(const std::vector<CaseAt>& states, const std::vector<Contribution>& parts) {
    std::map<std::string, HotSpot> by_grid;
    for (std::size_t i = 0; i < states.size(); ++i) {
        const LedgerCase& c = *states[i].c;
        if (!parts[i].in_period || states[i].rejected() || c.grid_code.empty()) continue;
        HotSpot& h = by_grid[c.grid_code];
        h.grid_code = c.grid_code;
        h.village_name = c.village_name;
        h.township_name = c.township_name;
        ++h.cases;
        h.reports += c.report_count;
    }
    std::vector<HotSpot> out;
    for (auto& [code, h] : by_grid) out.push_back(std::move(h));
    std::sort(out.begin(), out.end(), [](const HotSpot& a, const HotSpot& b) {
        if (a.cases != b.cases) return a.cases > b.cases;
        if (a.reports != b.reports) return a.reports > b.reports;
        return a.grid_code < b.grid_code;
    });
    return out;
}

std::vector<RepeatProblem> repeats(const std::vector<CaseAt>& states, const ReportPeriod& period,
                                   const ReportOptions& options) {
    const Date first = Date::from_days(period.last.days_since_1970() - (options.repeat_days - 1));
    const Instant from = Instant::start_of_day(first, period.zone);
    const Instant to = period.as_of();
    std::map<std::pair<std::string, std::string>, RepeatProblem> groups;
    for (const CaseAt& s : states) {
        const LedgerCase& c = *s.c;
        if (s.rejected() || c.logged_at < from || c.logged_at > to) continue;
        if (c.grid_code.empty() || c.category_code.empty()) continue;
        RepeatProblem& g = groups[{c.grid_code, c.category_code}];
        g.grid_code = c.grid_code;
        g.village_name = c.village_name;
        g.township_name = c.township_name;
        g.category_code = c.category_code;
        g.category_name = c.category_name;
        g.numbers.push_back(c.number);
    }
    std::vector<RepeatProblem> out;
    for (auto& [key, g] : groups) {
        if (g.numbers.size() < static_cast<std::size_t>(options.repeat_min_cases)) continue;
        std::sort(g.numbers.begin(), g.numbers.end());
        out.push_back(std::move(g));
    }
    std::stable_sort(out.begin(), out.end(), [](const RepeatProblem& a, const RepeatProblem& b) {
        return a.numbers.size() > b.numbers.size();  // ties stay in grid, category order
    });
    return out;
}

}  // namespace

std::string_view to_string(ReportUnitKind kind) { return kUnitKindNames.name(kind); }
std::string_view label_zh(ReportUnitKind kind) { return kUnitKindLabelsZh.name(kind); }

const std::vector<UnitFigures>& DailyReport::units(ReportUnitKind kind) const {
    switch (kind) {
        case ReportUnitKind::Township: return townships;
        case ReportUnitKind::Village: return villages;
        case ReportUnitKind::Department: return departments;
        case ReportUnitKind::Leader: return leaders;
        case ReportUnitKind::Category: return categories;
    }
    return townships;
}

DailyReport compute_daily_report(std::span<const LedgerCase> cases, std::span<const CaseEvent> events,
                                 const ReportPeriod& period, const ReportOptions& options) {
    if (period.first > period.last) {
        throw LedgerReportError("grids: the report's first day " + period.first.to_string() + " is after its last day " +
                                period.last.to_string());
    }
    if (options.repeat_days < 1 || options.repeat_min_cases < 2) {
        throw LedgerReportError("grids: repeat problems need a window of at least 1 day and at least 2 cases (days=" +
                                std::to_string(options.repeat_days) +
                                ", cases=" + std::to_string(options.repeat_min_cases) + ")");
    }
    const Instant start = period.start();
    const Instant as_of = period.as_of();
    const auto by_case = timelines(events);
    static const std::vector<const CaseEvent*> kNoEvents;

    // Every case on the books by the as-of instant, as it stood then.
    std::vector<CaseAt> states;
    for (const LedgerCase& c : cases) {
        if (c.logged_at > as_of) continue;  // not yet logged then
        const auto it = by_case.find(c.id);
        states.push_back(replay(c, it == by_case.end() ? kNoEvents : it->second, as_of));
    }
    std::vector<Contribution> parts;
    for (const CaseAt& s : states) {
        Contribution k;
        k.state = &s;
        k.in_period = s.c->logged_at >= start;
        k.overdue = s.overdue_at(as_of);
        k.fixed_in_period = s.rectified() && s.fixed_at && *s.fixed_at >= start && *s.fixed_at <= as_of;
        parts.push_back(k);
    }

    Accumulator totals;
    totals.figures.name = "合计";
    UnitTable townships, villages, departments, leaders, categories;
    for (const Contribution& k : parts) {
        const LedgerCase& c = *k.state->c;
        totals.add(k);
        const std::string township = name_or(c.township_code.empty() ? "" : c.township_name, kUnlocatedName);
        townships.unit(c.township_code, township).add(k);
        villages.unit(c.village_code, name_or(c.village_code.empty() ? "" : c.village_name, kUnlocatedName), township)
            .add(k);
        categories.unit(c.category_code, name_or(c.category_code.empty() ? "" : c.category_name, kUncategorisedName))
            .add(k);
        for (const CaseOwner* o : owners_of(c, CaseOwnerRole::Department)) {
            departments.unit(o->owner_id.empty() ? o->name : o->owner_id, o->name).add(k);
        }
        for (const CaseOwner* o : owners_of(c, CaseOwnerRole::Leader)) {
            leaders.unit(o->owner_id.empty() ? o->name : o->owner_id, o->name).add(k);
        }
    }

    DailyReport report;
    report.period = period;
    report.as_of = as_of;
    report.options = options;
    report.totals = totals.finish();
    report.townships = townships.finish();
    report.villages = villages.finish();
    report.departments = departments.finish();
    report.leaders = leaders.finish();
    report.categories = categories.finish();
    rank_worst_first(report.townships);
    rank_worst_first(report.villages);
    rank_worst_first(report.departments);
    rank_worst_first(report.leaders);
    rank_by_received(report.categories);
    report.worst_overdue = worst_overdue(states, parts, period, options.worst_overdue);
    report.grid_counts = grid_counts(states, parts);
    report.hot_spots.assign(report.grid_counts.begin(),
                            report.grid_counts.begin() +
                                static_cast<std::ptrdiff_t>(std::min(options.hot_spots, report.grid_counts.size())));
    for (const Contribution& k : parts) {
        if (k.in_period && !k.state->rejected() && k.state->c->grid_code.empty()) ++report.received_outside_grids;
    }
    report.repeats = repeats(states, period, options);
    check_report(report);
    return report;
}

}  // namespace respgrid::grids

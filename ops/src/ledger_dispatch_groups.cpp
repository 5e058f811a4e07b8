#include "ledger_dispatch_groups.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace respgrid::ops::detail {

namespace {

struct OwnerKey {
    std::string code;
    std::string name;
};

// The owner units a case goes to under `per`; none when a department sheet has no department.
std::vector<OwnerKey> owners_of(const grids::LedgerCase& c, DispatchBy per) {
    switch (per) {
        case DispatchBy::Township:
            return {{c.township_code, c.township_code.empty() ? "未落入乡镇/街道" : c.township_name}};
        case DispatchBy::Village:
            return {{c.village_code, c.village_code.empty() ? "未落入村/社区" : c.village_name}};
        case DispatchBy::Department: {
            std::vector<OwnerKey> out;
            std::set<std::string> seen;  // a department named twice for one case lists it once
            for (const auto& o : c.owners) {
                if (o.role == grids::CaseOwnerRole::Department && seen.insert(o.owner_id).second) {
                    out.push_back({o.owner_id, o.name});
                }
            }
            return out;
        }
    }
    return {};
}

// Deadline first (the most urgent on top; not yet dispatched, without one, last), then number.
bool sheet_order(const exporters::DispatchRow& a, const exporters::DispatchRow& b) {
    const auto& da = a.ledger_case->deadline;
    const auto& db = b.ledger_case->deadline;
    if (da.has_value() != db.has_value()) return da.has_value();
    if (da && *da != *db) return *da < *db;
    return a.ledger_case->number < b.ledger_case->number;
}

}  // namespace

DispatchGroups group_for_dispatch(std::span<const grids::LedgerCase> cases, DispatchBy per, grids::Instant at) {
    DispatchGroups out;
    std::map<std::string, std::size_t> index;  // code -> owner
    for (const auto& c : cases) {
        if (!c.awaiting_fix()) continue;
        const auto keys = owners_of(c, per);
        if (keys.empty()) ++out.without_owner;
        for (const auto& key : keys) {
            auto [it, added] = index.try_emplace(key.code, out.owners.size());
            if (added) out.owners.push_back({key.code, key.name.empty() ? key.code : key.name, nullptr, {}});
            out.owners[it->second].rows.push_back({0, &c, grids::case_clock(c, at)});
        }
    }
    // Owners by code, the cases outside every unit ("" code) last.
    std::sort(out.owners.begin(), out.owners.end(), [](const auto& a, const auto& b) {
        if (a.code.empty() != b.code.empty()) return b.code.empty();
        return a.code < b.code;
    });
    for (auto& o : out.owners) {
        std::sort(o.rows.begin(), o.rows.end(), sheet_order);
        for (std::size_t i = 0; i < o.rows.size(); ++i) o.rows[i].seq = static_cast<int>(i + 1);
    }
    return out;
}

}  // namespace respgrid::ops::detail

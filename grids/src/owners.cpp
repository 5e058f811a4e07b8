#include "respgrid/grids/owners.hpp"
#include "respgrid/geo/enum_names.hpp"

#include <algorithm>
#include <map>

namespace respgrid::grids {

namespace {
constexpr geo::EnumNames<OwnerKind, 5> kOwnerKindNames{{{{OwnerKind::Township, "township"},
                                                        {OwnerKind::Village, "village"},
                                                        {OwnerKind::Department, "department"},
                                                        {OwnerKind::Leader, "leader"},
                                                        {OwnerKind::GridWorker, "grid_worker"}}}};
constexpr geo::EnumNames<Role, 4> kRoleNames{{{{Role::GridWorker, "grid_worker"},
                                              {Role::Village, "village"},
                                              {Role::Township, "township"},
                                              {Role::Leader, "leader"}}}};
constexpr geo::EnumNames<Role, 4> kRoleLabelsZh{{{{Role::GridWorker, "网格员"},
                                                 {Role::Village, "村/社区"},
                                                 {Role::Township, "乡镇/街道"},
                                                 {Role::Leader, "包联领导"}}}};
}  // namespace

std::string_view to_string(OwnerKind kind) { return kOwnerKindNames.name(kind); }
std::optional<OwnerKind> parse_owner_kind(std::string_view text) { return kOwnerKindNames.parse(text); }
std::string_view to_string(Role role) { return kRoleNames.name(role); }
std::string_view label_zh(Role role) { return kRoleLabelsZh.name(role); }
std::optional<Role> parse_role(std::string_view text) { return kRoleNames.parse(text); }

namespace {

// Active owners indexed by the unit they answer for; each list sorted by owner id.
struct OwnerIndex {
    std::map<std::string, std::vector<const Owner*>> units;    // "village:<code>", "township:<code>"
    std::map<std::string, std::vector<const Owner*>> workers;  // village code -> grid workers
    std::map<std::string, std::vector<const Owner*>> leaders;  // township code -> leaders

    explicit OwnerIndex(std::span<const Owner> owners) {
        for (const auto& o : owners) {
            if (!o.active) continue;
            switch (o.kind) {
                case OwnerKind::Village: units["village:" + o.unit_code].push_back(&o); break;
                case OwnerKind::Township: units["township:" + o.unit_code].push_back(&o); break;
                case OwnerKind::GridWorker: workers[o.unit_code].push_back(&o); break;
                case OwnerKind::Leader:
                    for (const auto& t : o.packages) leaders[t].push_back(&o);
                    break;
                case OwnerKind::Department: break;
            }
        }
        auto by_id = [](const Owner* a, const Owner* b) { return a->id < b->id; };
        for (auto* m : {&units, &workers, &leaders}) {
            for (auto& [key, list] : *m) std::sort(list.begin(), list.end(), by_id);
        }
    }

    static const Owner* first(const std::map<std::string, std::vector<const Owner*>>& m, const std::string& key) {
        auto it = m.find(key);
        return it == m.end() || it->second.empty() ? nullptr : it->second.front();
    }
};

}  // namespace

std::vector<GridAssignment> assign_territorial(std::span<const GridRef> grids, std::span<const Owner> owners) {
    OwnerIndex index(owners);

    // Position of each grid within its village, in code order, to split villages among workers.
    std::map<std::string, std::vector<std::size_t>> grids_of_village;
    for (std::size_t k = 0; k < grids.size(); ++k) grids_of_village[grids[k].village_code].push_back(k);
    std::vector<const Owner*> worker_of(grids.size(), nullptr);
    for (auto& [village, members] : grids_of_village) {
        auto it = index.workers.find(village);
        if (it == index.workers.end() || it->second.empty()) continue;
        std::sort(members.begin(), members.end(),
                  [&grids](std::size_t a, std::size_t b) { return grids[a].code < grids[b].code; });
        const auto& workers = it->second;
        for (std::size_t pos = 0; pos < members.size(); ++pos) {
            worker_of[members[pos]] = workers[pos * workers.size() / members.size()];
        }
    }

    std::vector<GridAssignment> out;
    out.reserve(grids.size());
    for (std::size_t k = 0; k < grids.size(); ++k) {
        const GridRef& g = grids[k];
        GridAssignment a;
        a.grid_code = g.code;
        auto add = [&a](Role role, const Owner* owner, std::string rule) {
            if (owner) {
                a.chain.push_back({role, owner->id, std::move(rule)});
            } else {
                a.missing.push_back(role);
            }
        };
        add(Role::GridWorker, worker_of[k], "grid worker of village " + g.village_code);
        add(Role::Village, OwnerIndex::first(index.units, "village:" + g.village_code), "village unit " + g.village_code);
        add(Role::Township, OwnerIndex::first(index.units, "township:" + g.township_code),
            "township unit " + g.township_code);
        add(Role::Leader, OwnerIndex::first(index.leaders, g.township_code), "包联 township " + g.township_code);
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace respgrid::grids

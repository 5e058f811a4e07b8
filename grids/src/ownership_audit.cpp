#include "respgrid/grids/ownership_audit.hpp"

#include <map>
#include <string>
#include <vector>

namespace respgrid::grids {

std::size_t OwnershipAudit::missing_count() const {
    std::size_t n = 0;
    for (auto role : kTerritorialRoles) n += missing_count(role);
    return n;
}

std::size_t OwnershipAudit::missing_count(Role role) const {
    auto it = missing.find(role);
    return unowned.size() + (it == missing.end() ? 0 : it->second.size());
}

bool OwnershipAudit::passed() const {
    return unowned.empty() && missing.empty() && dead_links.empty() && orphan_zones.empty() &&
           categories_without_department.empty();
}

OwnershipAudit audit_ownership(std::span<const GridCell> grids, const Directory& directory,
                               std::span<const IssueCategory> categories) {
    return audit_ownership(GridShapes::of(grids), directory, categories);
}

OwnershipAudit audit_ownership(const GridShapes& grids, const Directory& directory,
                               std::span<const IssueCategory> categories) {
    OwnershipAudit out;
    out.grid_count = grids.size();
    double unowned_area = 0.0;
    // Positions first, codes once their number is known: a city without a roster lists a million
    // grids, whose codes grown by doubling would be held up to three times over (100 MB).
    std::vector<std::size_t> unowned;
    std::map<Role, std::vector<std::size_t>> missing;
    for (std::size_t i = 0; i < grids.size(); ++i) {
        const auto& c = grids[i];
        auto chain = directory.chain(c.code);
        if (chain.links.empty()) {  // every role missing: listed once, as unowned
            unowned.push_back(i);
            unowned_area += c.area_m2;
        } else {
            for (auto role : chain.missing) missing[role].push_back(i);
        }
        for (const auto& link : chain.dead) {
            out.dead_links.push_back({c.code, link.role, link.owner_id, directory.owner(link.owner_id) != nullptr});
        }
    }
    auto codes_at = [&grids](const std::vector<std::size_t>& positions) {
        std::vector<std::string> codes;
        codes.reserve(positions.size());
        for (std::size_t i : positions) codes.push_back(grids[i].code);
        return codes;
    };
    out.unowned = codes_at(unowned);
    unowned = std::vector<std::size_t>();  // released, not just emptied
    for (const auto& [role, positions] : missing) out.missing[role] = codes_at(positions);
    for (const auto& category : categories) {
        std::string reason;
        if (category.department_id.empty()) {
            reason = "no department registered";
        } else if (const Owner* o = directory.owner(category.department_id); !o) {
            reason = "department " + category.department_id + " is not in the roster";
            out.categories_without_department.push_back(category.code);
        } else if (!o->active) {
            reason = "department " + category.department_id + " is inactive";
            out.categories_without_department.push_back(category.code);
        } else {
            continue;  // the department answers everywhere
        }
        if (out.unowned.empty()) continue;  // the territory answers everywhere
        out.orphan_zones.push_back({category.code, category.name, reason + "; the territory answers except here",
                                    out.unowned, unowned_area});
    }
    return out;
}

}  // namespace respgrid::grids

#pragma once
// The ownership half of the coverage certificate: every grid has a live territorial owner chain
// (grid worker, village, township, 包联 leader), every owner a chain or a category names exists
// and is active, and every issue category has someone responsible at every location.
//
// A category answers everywhere through its department when that department exists and is
// active; otherwise the territory answers (属地兜底), and the category is orphaned wherever
// the territory has nobody: the grids without any territorial owner form its orphan zone.

#include <map>
#include <span>
#include <string>
#include <vector>

#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/grid_cell.hpp"
#include "respgrid/grids/grid_shapes.hpp"
#include "respgrid/grids/issues.hpp"

namespace respgrid::grids {

struct DeadOwnerLink {
    std::string grid_code;
    Role role = Role::Village;
    std::string owner_id;
    bool owner_exists = false;  // false: unknown id; true: the owner is inactive
};

struct CategoryOrphanZone {
    std::string category_code;
    std::string category_name;
    std::string reason;                    // why the category falls back to the territory
    std::vector<std::string> grid_codes;   // grids where nobody answers for it
    double area_m2 = 0.0;
};

struct OwnershipAudit {
    std::size_t grid_count = 0;
    std::vector<std::string> unowned;                    // grids with no live territorial owner
    // Grids with a live owner but none for a role, by role. The unowned grids miss every role and
    // are listed in `unowned` only: a county without a roster would list its million grids five
    // times. missing_count(role) counts both.
    std::map<Role, std::vector<std::string>> missing;
    std::vector<DeadOwnerLink> dead_links;
    std::vector<CategoryOrphanZone> orphan_zones;        // categories orphaned somewhere
    std::vector<std::string> categories_without_department;  // department unknown or inactive

    [[nodiscard]] std::size_t missing_count() const;           // over every territorial role
    [[nodiscard]] std::size_t missing_count(Role role) const;  // grids without a live owner of `role`
    [[nodiscard]] bool passed() const;
};

OwnershipAudit audit_ownership(const GridShapes& grids, const Directory& directory,
                               std::span<const IssueCategory> categories);
// The same for GridCells (in code order).
OwnershipAudit audit_ownership(std::span<const GridCell> grids, const Directory& directory,
                               std::span<const IssueCategory> categories);

}  // namespace respgrid::grids

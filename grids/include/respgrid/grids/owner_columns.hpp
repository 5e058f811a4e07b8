#pragma once
// The owner-chain columns, defined once: the name tools and scripts read, the Chinese title people
// read, and which role's person or phone fills it. The grids layer of every export, the issues
// layer, the KML balloons and batch locate's output all take their owner columns from here, so
// a column added here (as village_phone and township_phone were to batch locate) appears in each.

#include <string>
#include <string_view>

#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::grids {

enum class OwnerValue { Person, Phone };

struct OwnerColumn {
    std::string_view name;   // stable ASCII name
    std::string_view title;  // Chinese title (QGIS alias, KML balloon, spreadsheet reader)
    Role role;
    OwnerValue value;
};

// The territorial chain, role by role (kTerritorialRoles order): each role's person, then phone.
inline constexpr OwnerColumn kOwnerColumns[] = {
    {"grid_worker", "网格员", Role::GridWorker, OwnerValue::Person},
    {"grid_worker_phone", "网格员电话", Role::GridWorker, OwnerValue::Phone},
    {"village_owner", "村/社区负责人", Role::Village, OwnerValue::Person},
    {"village_phone", "村/社区电话", Role::Village, OwnerValue::Phone},
    {"township_owner", "乡镇/街道负责人", Role::Township, OwnerValue::Person},
    {"township_phone", "乡镇/街道电话", Role::Township, OwnerValue::Phone},
    {"leader", "包联领导", Role::Leader, OwnerValue::Person},
    {"leader_phone", "包联领导电话", Role::Leader, OwnerValue::Phone},
};

// The issues layer carries who to call first: the grid worker and the leader.
inline constexpr OwnerColumn kIssueOwnerColumns[] = {kOwnerColumns[0], kOwnerColumns[1], kOwnerColumns[6]};

// The unit columns that precede the owners in the grids layer, the issues layer and batch locate.
struct UnitColumn {
    std::string_view name;
    std::string_view title;
};
inline constexpr UnitColumn kUnitColumns[] = {{"village_code", "村/社区代码"},
                                              {"village_name", "村/社区"},
                                              {"township_code", "乡镇/街道代码"},
                                              {"township_name", "乡镇/街道"}};

// The value of `column` in `chain`: "" when its role is missing.
inline std::string owner_value(const ResolvedChain& chain, const OwnerColumn& column) {
    return column.value == OwnerValue::Person ? chain.person(column.role) : chain.phone(column.role);
}

}  // namespace respgrid::grids

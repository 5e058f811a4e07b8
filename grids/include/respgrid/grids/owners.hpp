#pragma once
// Owners and the territorial owner chain of a grid (属地责任链).
//
// For every grid the chain is, in order:
//   grid_worker (网格员)  an active grid worker of the grid's village; a village's grids are
//                         split into contiguous runs (in code order, i.e. bands of rows), one
//                         per active worker, so each worker patrols one compact area;
//   village (村/社区)     the active owner registered for the village code;
//   township (乡镇/街道)  the active owner registered for the township code;
//   leader (包联领导)     the active county leader whose packages include the township.
// A role that cannot be filled is listed as missing; the coverage audit reports it.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/grids/local_time.hpp"

namespace respgrid::grids {

enum class OwnerKind { Township, Village, Department, Leader, GridWorker };
std::string_view to_string(OwnerKind kind);  // "township", "village", "department", "leader", "grid_worker"
std::optional<OwnerKind> parse_owner_kind(std::string_view text);

struct Owner {
    std::string id;
    OwnerKind kind = OwnerKind::Village;
    std::string name;       // unit name, or the person's name for leaders and grid workers
    std::string unit_code;  // the township/village the owner is or belongs to
    std::string contact;    // responsible person of a unit
    std::string title;
    std::string phone;
    std::vector<std::string> packages;  // township codes a leader 包联
    bool active = true;
    // Validity (起始日期/终止日期), days of the project's zone, both included; unset = open-ended.
    // An owner answers at time T only when active and T's day lies in [valid_from, valid_to]
    // (grids/responsibility.hpp).
    std::optional<Date> valid_from;
    std::optional<Date> valid_to;
};

enum class Role { GridWorker, Village, Township, Leader };
inline constexpr Role kTerritorialRoles[] = {Role::GridWorker, Role::Village, Role::Township, Role::Leader};
std::string_view to_string(Role role);  // "grid_worker", "village", "township", "leader"
std::string_view label_zh(Role role);   // "网格员", "村/社区", "乡镇/街道", "包联领导"
std::optional<Role> parse_role(std::string_view text);

struct ChainLink {
    Role role = Role::Village;
    std::string owner_id;
    std::string rule;  // why this owner: which registration produced the link
};

struct GridRef {
    std::string code;
    std::string village_code;
    std::string township_code;
};

struct GridAssignment {
    std::string grid_code;
    std::vector<ChainLink> chain;  // in kTerritorialRoles order, filled roles only
    std::vector<Role> missing;     // roles nobody active fills
};

// One assignment per grid, in the order given. Deterministic: ties go to the lowest owner id.
std::vector<GridAssignment> assign_territorial(std::span<const GridRef> grids, std::span<const Owner> owners);

}  // namespace respgrid::grids

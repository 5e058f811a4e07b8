#pragma once
// Look-ups that join grids, units and owners: who owns grid X, what is unit Y called. Used by
// locate, audit and export, so they all resolve owners the same way.

#include <map>
#include <span>
#include <string>
#include <vector>

#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::grids {

struct ResolvedLink {
    Role role = Role::Village;
    const Owner* owner = nullptr;  // never null in a resolved chain
    std::string rule;
};

struct ResolvedChain {
    std::vector<ResolvedLink> links;  // in role order
    std::vector<Role> missing;        // roles without an owner, or whose owner is unknown or inactive
    std::vector<ChainLink> dead;      // registered links whose owner is unknown or inactive
    [[nodiscard]] const ResolvedLink* find(Role role) const;
    // The person to call for a role: the unit's contact, or the owner's name for a person;
    // "" when the role is missing.
    [[nodiscard]] std::string person(Role role) const;
    [[nodiscard]] std::string phone(Role role) const;
};

class Directory {
public:
    Directory(std::vector<Owner> owners, std::span<const AdminUnit> units, std::vector<GridAssignment> assignments);

    [[nodiscard]] const Owner* owner(const std::string& id) const;
    // The unit's name, or "" when the code is unknown.
    [[nodiscard]] std::string unit_name(const std::string& code) const;
    // The grid's chain; every role is missing for a grid that was never assigned.
    [[nodiscard]] ResolvedChain chain(const std::string& grid_code) const;
    [[nodiscard]] const std::vector<Owner>& owners() const { return owners_; }

private:
    std::vector<Owner> owners_;
    std::map<std::string, std::size_t> owner_index_;
    std::map<std::string, std::string> unit_names_;
    [[nodiscard]] const GridAssignment* assignment(const std::string& grid_code) const;
    std::vector<GridAssignment> assignments_;  // sorted by grid code; assigned grids only
};

}  // namespace respgrid::grids

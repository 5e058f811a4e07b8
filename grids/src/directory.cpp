#include "respgrid/grids/directory.hpp"

#include <algorithm>

namespace respgrid::grids {

const ResolvedLink* ResolvedChain::find(Role role) const {
    for (const auto& l : links) {
        if (l.role == role) return &l;
    }
    return nullptr;
}

std::string ResolvedChain::person(Role role) const {
    const auto* link = find(role);
    if (!link) return {};
    return link->owner->contact.empty() ? link->owner->name : link->owner->contact;
}

std::string ResolvedChain::phone(Role role) const {
    const auto* link = find(role);
    return link ? link->owner->phone : std::string();
}

Directory::Directory(std::vector<Owner> owners, std::span<const AdminUnit> units, std::vector<GridAssignment> assignments)
    : owners_(std::move(owners)) {
    for (std::size_t i = 0; i < owners_.size(); ++i) owner_index_[owners_[i].id] = i;
    for (const auto& u : units) unit_names_[u.code] = u.name;
    // A sorted vector, not a map: a county has a million grids, and a node per grid costs.
    // Grids never assigned have nothing to say (every role is missing): they are left out.
    assignments_ = std::move(assignments);
    std::erase_if(assignments_, [](const GridAssignment& a) { return a.chain.empty(); });
    std::stable_sort(assignments_.begin(), assignments_.end(),
                     [](const GridAssignment& a, const GridAssignment& b) { return a.grid_code < b.grid_code; });
    // A code given twice keeps its first assignment, as the map it replaces did.
    assignments_.erase(std::unique(assignments_.begin(), assignments_.end(),
                                   [](const GridAssignment& a, const GridAssignment& b) {
                                       return a.grid_code == b.grid_code;
                                   }),
                       assignments_.end());
}

const GridAssignment* Directory::assignment(const std::string& grid_code) const {
    auto it = std::lower_bound(assignments_.begin(), assignments_.end(), grid_code,
                               [](const GridAssignment& a, const std::string& code) { return a.grid_code < code; });
    return it != assignments_.end() && it->grid_code == grid_code ? &*it : nullptr;
}

const Owner* Directory::owner(const std::string& id) const {
    auto it = owner_index_.find(id);
    return it == owner_index_.end() ? nullptr : &owners_[it->second];
}

std::string Directory::unit_name(const std::string& code) const {
    auto it = unit_names_.find(code);
    return it == unit_names_.end() ? std::string() : it->second;
}

ResolvedChain Directory::chain(const std::string& grid_code) const {
    ResolvedChain out;
    const GridAssignment* assigned = assignment(grid_code);
    for (auto role : kTerritorialRoles) {
        const ChainLink* link = nullptr;
        if (assigned) {
            for (const auto& l : assigned->chain) {
                if (l.role == role) link = &l;
            }
        }
        const Owner* o = link ? owner(link->owner_id) : nullptr;
        if (o && o->active) {
            out.links.push_back({role, o, link->rule});
        } else {
            out.missing.push_back(role);
            if (link) out.dead.push_back(*link);
        }
    }
    return out;
}

}  // namespace respgrid::grids

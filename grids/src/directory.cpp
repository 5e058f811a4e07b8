#include "respgrid/grids/directory.hpp"

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
    for (auto& a : assignments) {
        std::string code = a.grid_code;
        assignments_.emplace(std::move(code), std::move(a));
    }
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
    auto it = assignments_.find(grid_code);
    for (auto role : kTerritorialRoles) {
        const ChainLink* link = nullptr;
        if (it != assignments_.end()) {
            for (const auto& l : it->second.chain) {
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

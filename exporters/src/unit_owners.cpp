#include "unit_owners.hpp"

#include "respgrid/grids/serving.hpp"

namespace respgrid::exporters::detail {

UnitOwners::UnitOwners(const grids::Directory* directory, std::optional<grids::Date> day) {
    if (!directory) return;
    for (const auto& o : directory->owners()) {
        if (o.kind != grids::OwnerKind::Township && o.kind != grids::OwnerKind::Village) continue;
        if (day ? grids::serves_on(o, *day) : o.active) owners_.emplace(o.unit_code, &o);  // the first one stays
    }
}

const grids::Owner* UnitOwners::of(const std::string& unit_code) const {
    auto it = owners_.find(unit_code);
    return it == owners_.end() ? nullptr : it->second;
}

}  // namespace respgrid::exporters::detail

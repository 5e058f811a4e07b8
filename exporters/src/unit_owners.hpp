#pragma once
// The owner registered for a township or village itself (乡镇/街道, 村/社区 as units, not the
// grids' chains): what the unit layers and the county overview show as its contact and phone.
// One rule for both: the first owner in roster order whose unit is the code and who serves on
// the layers' day (grids::serves_on), or without a day the first active one.

#include <map>
#include <optional>
#include <string>

#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::exporters::detail {

class UnitOwners {
public:
    UnitOwners(const grids::Directory* directory, std::optional<grids::Date> day);
    // nullptr when nobody is registered (or serves) for `unit_code`.
    [[nodiscard]] const grids::Owner* of(const std::string& unit_code) const;

private:
    std::map<std::string, const grids::Owner*> owners_;
};

}  // namespace respgrid::exporters::detail

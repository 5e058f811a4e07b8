#pragma once
// Administrative units: the county, its townships/streets (乡镇/街道) and villages/communities
// (村/社区). Geometry is in the project's working CRS (metres).

#include <optional>
#include <string>
#include <string_view>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {

enum class AdminLevel { County, Township, Village };

std::string_view to_string(AdminLevel level);          // "county", "township", "village"
std::string_view label_zh(AdminLevel level);           // "县", "乡镇/街道", "村/社区"
std::optional<AdminLevel> parse_admin_level(std::string_view text);

struct AdminUnit {
    AdminLevel level = AdminLevel::Village;
    std::string code;         // 6 (county), 9 (township) or 12 (village) digits
    std::string name;
    std::string parent_code;  // empty for the county
    geo::Geometry geometry;   // valid (Multi)Polygon, working CRS
    // The geometry as the source drew it, when that was invalid and `geometry` is its GEOS
    // MakeValid repair; null otherwise. `respgrid repair --apply` accepts the repair and clears it.
    geo::Geometry as_shipped{};
};

}  // namespace respgrid::grids

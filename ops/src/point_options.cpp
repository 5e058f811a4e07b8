#include "respgrid/ops/point_options.hpp"

#include <charconv>

namespace respgrid::ops {

std::string coordinate_text(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

importers::PointTableOptions point_options(store::Project& project, const std::string& path, std::optional<geo::Crs> crs) {
    importers::PointTableOptions o;
    o.path = path;
    o.default_crs = std::move(crs);
    o.target_crs = project.working_crs();
    if (auto county = project.load_units(grids::AdminLevel::County); !county.empty()) {
        o.expected_area = county.front().geometry.envelope();
    }
    return o;
}

}  // namespace respgrid::ops

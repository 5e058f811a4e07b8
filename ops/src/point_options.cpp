#include "respgrid/ops/point_options.hpp"

namespace respgrid::ops {

importers::PointTableOptions point_table_options(store::Project& project, const std::string& path,
                                                 std::optional<geo::Crs> crs) {
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

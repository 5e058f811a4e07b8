#include "cli/point_options.hpp"

#include "cli/commands.hpp"

namespace respgrid::cli {

importers::PointTableOptions point_options(store::Project& project, const std::string& path, const std::string& crs,
                                           std::optional<geo::Crs> fallback) {
    importers::PointTableOptions o;
    o.path = path;
    o.default_crs = crs.empty() ? std::move(fallback) : std::optional(crs_option(crs, "--crs"));
    o.target_crs = project.working_crs();
    if (auto county = project.load_units(grids::AdminLevel::County); !county.empty()) {
        o.expected_area = county.front().geometry.envelope();
    }
    return o;
}

}  // namespace respgrid::cli

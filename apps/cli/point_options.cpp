#include "cli/point_options.hpp"

#include "cli/commands.hpp"
#include "respgrid/ops/point_options.hpp"

namespace respgrid::cli {

importers::PointTableOptions point_options(store::Project& project, const std::string& path, const std::string& crs,
                                           std::optional<geo::Crs> fallback) {
    return ops::point_table_options(project, path, crs.empty() ? std::move(fallback) : crs_option(crs, "--crs"));
}

}  // namespace respgrid::cli

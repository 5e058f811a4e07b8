#pragma once
// The --crs option of a command that reads points, turned into ops::point_options (the one rule
// for checking points: ops/point_options.hpp).

#include <optional>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

// `crs`: the --crs text ("" = `fallback`, which may be none: then rows need a crs column).
// UsageError when --crs is not a CRS.
importers::PointTableOptions point_options(store::Project& project, const std::string& path, const std::string& crs,
                                           std::optional<geo::Crs> fallback = std::nullopt);

}  // namespace respgrid::cli

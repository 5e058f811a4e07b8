#pragma once
// How every point a command reads is checked (importers::PointChecker), in one place for
// `import issues`, batch `locate` and single-point `locate`, so the same coordinates get the same
// verdict everywhere: the coordinates' CRS, the project's working CRS, and the county's extent
// (swapped and far-away coordinates are caught, not located).

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

#pragma once
// How every point a use case reads is checked (importers::PointChecker), in one place for
// `import issues`, batch `locate` and single-point `locate`, so the same coordinates get the same
// verdict everywhere: the coordinates' CRS, the project's working CRS, and the county's extent
// (swapped and far-away coordinates are caught, not located).

#include <optional>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

// `crs`: the CRS of points without their own (nullopt: then rows need a crs column).
// The shortest text that reads back as `v`: a coordinate as a message quotes it.
std::string coordinate_text(double v);

importers::PointTableOptions point_options(store::Project& project, const std::string& path, std::optional<geo::Crs> crs);

}  // namespace respgrid::ops

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

// `crs`: the CRS of rows without a crs value (none: such rows are rejected).
importers::PointTableOptions point_table_options(store::Project& project, const std::string& path,
                                                 std::optional<geo::Crs> crs);

}  // namespace respgrid::ops

#pragma once
// A repair's change list as a GeoPackage layer "changes" (piece, area, from, to, rule, reason),
// in EPSG:4490 unless another EPSG code is asked for: what `respgrid repair` will do (or did),
// to look at over the units in QGIS before applying it.

#include <span>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/repair.hpp"

namespace respgrid::exporters {

// Writes (replaces) `path` atomically; changes without a piece (make_valid, snap) are written
// as the point they name. Returns the number of features. Throws OutputError.
std::size_t write_change_list_gpkg(const std::string& path, const geo::Crs& working_crs,
                                   std::span<const grids::RepairChange> changes, int target_epsg = 4490);

}  // namespace respgrid::exporters

#pragma once
// Display coordinates for China's web base maps (export --crs gcj02|bd09): the grids overlay
// AMap/Tencent (GCJ-02) or Baidu (BD-09) tiles only when their lon/lat carry the same offsets.
// These are not a CRS a GIS can carry (no EPSG code, no PROJ definition), so they are made only
// for the formats a web map reads (GeoJSON, KML, vector tiles), by shifting the lon/lat of the
// GeoPackage those are copied from (geo/china_offsets.hpp, the formulas the inputs' inverse uses).

#include <string>

#include "respgrid/geo/crs.hpp"

namespace respgrid::exporters {

// Whether `crs` is one of the display offsets (GCJ-02, BD-09).
bool is_display_offset(const geo::Crs& crs);

// Shifts every vertex of every layer with geometry in the GeoPackage `gpkg`, written in
// EPSG:4326 lon/lat, from WGS-84 to `display` (GCJ-02 or BD-09), in place and in one
// transaction. Throws OutputError.
void shift_to_display_offsets(const std::string& gpkg, const geo::Crs& display);

}  // namespace respgrid::exporters

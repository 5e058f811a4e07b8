#pragma once
// Geometry as GeoJSON (RFC 7946): longitude/latitude, exterior rings counter-clockwise.

#include <nlohmann/json.hpp>

#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/geometry.hpp"

namespace respgrid::views {

// `polygons` (in `from`) as a GeoJSON MultiPolygon in longitude/latitude (CGCS2000, which is
// WGS 84 to well under a metre), 7 decimals (1 cm). The transformation is made once per thread
// and CRS.
nlohmann::json multipolygon_json(const std::vector<geo::PolygonRings>& polygons, const geo::Crs& from);
// A point of `from` as [lon, lat].
nlohmann::json point_json(geo::XY p, const geo::Crs& from);
// A point of `from` in longitude/latitude.
geo::XY to_lonlat(geo::XY p, const geo::Crs& from);
// A longitude/latitude box in `to` (the envelope of its edges, densified: a box is not a box
// after a projection).
geo::Envelope from_lonlat(const geo::Envelope& box, const geo::Crs& to);

}  // namespace respgrid::views

#pragma once
// Geometry onto the page: polygons and lines as Cairo paths through the page transform, and the
// hatch that marks grids nobody patrols.

#include <vector>

#include "map_cairo.hpp"
#include "respgrid/geo/xy.hpp"

namespace respgrid::exporters::map {

using Polyline = std::vector<geo::XY>;

// Appends the polygons' rings (closed sub-paths) to the current path. Fill with the even-odd
// rule or winding; rings of valid polygons give the same result.
void add_polygons(cairo_t* cr, const std::vector<geo::PolygonRings>& polygons, const PageTransform& t);
// Appends the rings only as outlines (for stroking boundaries).
void add_polylines(cairo_t* cr, const std::vector<Polyline>& lines, const PageTransform& t);

// Dashes of `dash` with gaps of half that, or solid for 0: one dash style for map and key.
void set_dash(cairo_t* cr, double dash);

// Diagonal grey lines on a light grey ground, repeating, in page points.
PatternPtr hatch_pattern();

// Whether two envelopes meet (for culling what lies outside the map frame).
bool meets(const geo::Envelope& a, const geo::Envelope& b);

}  // namespace respgrid::exporters::map

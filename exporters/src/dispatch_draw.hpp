#pragma once
// The pieces of a dispatch sheet's page (dispatch_sheets.hpp): the map of an owner's area with
// its cases as numbered markers, and the markers' look, shared by the map and the table.

#include <vector>

#include "map_cairo.hpp"
#include "respgrid/exporters/dispatch_sheets.hpp"

namespace respgrid::exporters::map {

// Red for an overdue case, blue for one on time: the map's markers and the table's numbers.
inline constexpr RgbColour kOverdueMarker{0.86, 0.05, 0.05};
inline constexpr RgbColour kOnTimeMarker{0.10, 0.42, 0.85};
inline constexpr double kMarkerRadius = 5.5;  // points

// A filled circle of radius kMarkerRadius at (x, y) with `seq` in white.
void draw_case_marker(cairo_t* cr, TextPen& pen, double x, double y, int seq, bool overdue);

// The map of `owner`'s area in `frame`: its unit (or, for a department, its cases'
// surroundings) with the townships, villages, grids, roads and rivers around, each case a
// numbered marker, a key, a scale bar and a north arrow. Returns the markers drawn (page left
// 0 for the caller to set; owner as given).
std::vector<DispatchMarker> draw_dispatch_map(cairo_t* cr, TextPen& pen, const PageBox& frame, const ProjectLayers& layers,
                                              const MapOverlays& overlays, const DispatchOwner& owner,
                                              std::size_t owner_index);

}  // namespace respgrid::exporters::map

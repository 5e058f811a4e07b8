#pragma once
// Hexagonal responsibility grids: flat-topped regular hexagons aligned to the working CRS origin
// (a hexagon is centred on (0, 0)), `size` being the distance between opposite sides.
//
// Corners are points of an integer lattice: corner (X, Y) lies at (X·size/(2√3), Y·size/2), so a
// corner shared by three hexagons is computed once, bit for bit. Where a hexagon edge crosses the
// area's boundary, the crossing is computed once (geo::proper_crossing) and inserted into both
// the boundary and the hexagon before they are intersected, so neighbouring villages' cells meet
// at identical vertices.

#include <vector>

#include "respgrid/geo/densify.hpp"
#include "respgrid/grids/cell_piece.hpp"

namespace respgrid::grids {

// The hexagon pieces of `area` (valid, polygonal), in no particular order. Pieces carry
// row = the band of size metres holding the centre, column = the axial q index, anchor = centre.
std::vector<CellPiece> cut_hexes(const geo::Geometry& area, double size);

// The edges of every hexagon whose bounding box meets `box`.
std::vector<geo::Segment> hex_edges(const geo::Envelope& box, double size);

}  // namespace respgrid::grids

#pragma once
// Square responsibility grids.
//
// Cells are aligned to the working CRS origin: cell (column i, row j) spans
// [i*size, (i+1)*size) x [j*size, (j+1)*size), so regenerated and neighbouring grids line up.
// An area is first densified at every grid-line crossing, computed once per edge in a canonical
// direction; areas sharing an edge therefore get bit-identical vertices, and clipped cells on
// either side of a border share exact coordinates (the half-open locator relies on that).
// Whole squares are found by a scan line, without any overlay; only squares the boundary passes
// through are clipped with GEOS.

#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/grids/grid_cell.hpp"

namespace respgrid::grids {

// Densifies every ring at the crossings with x = i*size and y = j*size.
geo::Geometry densify_at_grid_lines(const geo::Geometry& polygonal, double size);

// The square pieces of `area` (valid, polygonal, already densified at the grid lines), in no
// particular order. Pieces carry row = j, column = i and the square's centre as anchor. With
// `whole_as_geometry` false, whole squares come as their box only (CellPiece::box), which saves
// building a GEOS object for most cells.
std::vector<CellPiece> cut_squares(const geo::Geometry& area, double size, bool whole_as_geometry = true);

struct SquareGridOptions {
    double cell_size_m = 100.0;
    GridCodeScheme scheme = GridCodeScheme::Digits15;
};

// The villages cut into coded squares, without sliver merging (generator.hpp does the full job).
// Ordered by village code, then grid code. Throws CodeError when a village needs more cells than
// its code digits allow.
std::vector<GridCell> cut_square_grid(std::span<const AdminUnit> villages, const SquareGridOptions& options,
                                      const Progress& progress = {});

}  // namespace respgrid::grids

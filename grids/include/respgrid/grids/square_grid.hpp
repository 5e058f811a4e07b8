#pragma once
// Square responsibility grids cut from village/community polygons.
//
// Cells are aligned to the working CRS origin: cell (column i, row j) spans
// [i*size, (i+1)*size) x [j*size, (j+1)*size), so regenerated and neighbouring grids line up.
// Each square is clipped to every village it touches, so a grid never crosses a village (and
// hence township) boundary. Village rings are first densified at every grid line crossing,
// computed once per edge in a canonical direction; both villages sharing an edge therefore get
// bit-identical vertices, and clipped cells on either side of a border share exact coordinates
// (the half-open locator relies on that).
//
// Codes follow codes.hpp, numbered within each village west->east along rows, rows from
// north to south.

#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/codes.hpp"

namespace respgrid::grids {

struct SquareGridOptions {
    double cell_size_m = 100.0;
    GridCodeScheme scheme = GridCodeScheme::Digits15;
};

struct GridCell {
    std::string code;
    std::string name;  // "<village name>第N网格"
    std::string village_code;
    std::string township_code;
    long long column = 0;  // i of the aligned square
    long long row = 0;     // j of the aligned square
    geo::Geometry geometry;  // Polygon or MultiPolygon (a square cut in two inside one village)
    double area_m2 = 0.0;
};

// Densifies every ring at the crossings with x = i*size and y = j*size (exposed for tests).
geo::Geometry densify_at_grid_lines(const geo::Geometry& polygonal, double size);

// Cuts the villages into cells. Villages must be valid polygons in a metric CRS. Output is
// ordered by village code, then by grid code. Throws CodeError when a village needs more cells
// than its code digits allow.
std::vector<GridCell> cut_square_grid(std::span<const AdminUnit> villages, const SquareGridOptions& options,
                                      const Progress& progress = {});

}  // namespace respgrid::grids

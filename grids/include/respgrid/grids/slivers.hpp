#pragma once
// The sliver policy shared by every grid method.
//
// A general piece smaller than a minimum area (a sliver) is merged into the general neighbour of
// the same village with which it shares the longest boundary (ties: the larger neighbour, then
// the first in input order). A sliver with no such neighbour (an exclave of the village, or one
// surrounded by dedicated grids) stays as it is and is reported.
//
// A noise piece (noise.hpp: under 1 dm², or under 1 cm mean width), general or dedicated, is
// never kept, whatever the minimum area (even 0, sliver merging off): it merges like a sliver,
// else into the dedicated neighbour sharing the longest boundary, else into the nearest piece of
// the village (a general one first at equal distance; the grid then has a part that touches it
// at a point or lies apart). Other dedicated pieces are never merged.

#include <vector>

#include "respgrid/grids/cell_piece.hpp"

namespace respgrid::grids {

struct SliverOutcome {
    std::size_t merged = 0;
    std::vector<std::size_t> kept;  // indices (into the returned pieces) of slivers left alone
};

// Merges in place; removed pieces are erased, order otherwise kept. A piece that is noise is left
// only when it is the only piece.
SliverOutcome merge_slivers(std::vector<CellPiece>& pieces, double min_area_m2);

}  // namespace respgrid::grids

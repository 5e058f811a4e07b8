#pragma once
// The sliver policy shared by every grid method: a general piece smaller than a minimum area is
// merged into the general neighbour of the same village with which it shares the longest
// boundary (ties: the larger neighbour, then the first in input order). A sliver with no such
// neighbour (an exclave of the village, or one surrounded by dedicated grids) stays as it is and
// is reported. Dedicated pieces are never merged and never receive slivers.

#include <vector>

#include "respgrid/grids/cell_piece.hpp"

namespace respgrid::grids {

struct SliverOutcome {
    std::size_t merged = 0;
    std::vector<std::size_t> kept;  // indices (into the returned pieces) of slivers left alone
};

// Merges in place; removed pieces are erased, order otherwise kept.
SliverOutcome merge_slivers(std::vector<CellPiece>& pieces, double min_area_m2);

}  // namespace respgrid::grids

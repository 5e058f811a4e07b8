#pragma once
// Adapters from the generator to the blocks and balanced methods (their own headers define the
// algorithms and options).

#include <span>
#include <vector>

#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/grids/generator.hpp"
#include "respgrid/grids/lines.hpp"

namespace respgrid::grids::detail {

std::vector<CellPiece> cut_blocks_of(const geo::Geometry& area, const AdminUnit& village,
                                     std::span<const LineFeature> lines, const GridOptions& options);
std::vector<CellPiece> cut_balanced_of(const geo::Geometry& area, const AdminUnit& village,
                                       std::span<const LineFeature> lines, std::span<const WeightPoint> weights,
                                       const GridOptions& options);

}  // namespace respgrid::grids::detail

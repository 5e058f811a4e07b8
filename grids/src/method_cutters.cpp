#include "method_cutters.hpp"

#include <stdexcept>

#include "respgrid/grids/balanced.hpp"
#include "respgrid/grids/blocks.hpp"

namespace respgrid::grids::detail {

std::vector<CellPiece> cut_blocks_of(const geo::Geometry& area, const AdminUnit& village,
                                     std::span<const LineFeature> lines, const GridOptions& options) {
    // The method cuts what is left of the village once dedicated grids are out.
    AdminUnit general{village.level, village.code, village.name, village.parent_code, area.clone(), {}};
    BlockOptions o;
    o.target_area_m2 = options.target_area_m2;
    o.tolerance = options.tolerance;
    return cut_blocks(general, lines, o);
}

std::vector<CellPiece> cut_balanced_of(const geo::Geometry& area, const AdminUnit& village,
                                       std::span<const LineFeature> lines, std::span<const WeightPoint> weights,
                                       const GridOptions& options) {
    // The method cuts what is left of the village once dedicated grids are out.
    AdminUnit general{village.level, village.code, village.name, village.parent_code, area.clone(), {}};
    BalancedOptions o;
    o.min_weight = options.min_weight;
    o.max_weight = options.max_weight;
    o.base_cell_m = options.base_cell_m;
    return cut_balanced(general, weights, lines, o);
}

}  // namespace respgrid::grids::detail

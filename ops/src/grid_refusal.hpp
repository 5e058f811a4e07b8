#pragma once
// The words of a grid run the generator refused as too large (grids::CellCountError): which
// option to change, and the least value of it whose estimate fits.

#include <string>

#include "respgrid/grids/cell_estimate.hpp"
#include "respgrid/ops/grid.hpp"

namespace respgrid::ops::detail {

std::string cell_count_refusal(const grids::CellEstimate& estimate, const GridOptions& options);

}  // namespace respgrid::ops::detail

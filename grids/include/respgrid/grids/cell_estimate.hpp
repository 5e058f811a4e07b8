#pragma once
// How many cells a grid run would cut, estimated from areas before anything is cut, so that an
// impossible run (`--size 0.01`: billions of cells) is refused at once instead of exhausting
// memory long before the grid codes run out.
//
// A village's estimate is its area over the method's nominal cell area (GridOptions::
// nominal_area_m2): the grids of square, hex and blocks, the base cells of balanced (whose grids
// follow the workload, not the area). Limits:
//   - per village, square/hex/blocks: twice the grid sequence numbers its code allows (999, or 99
//     with the 14-digit scheme). The estimate is not exact (slivers merge, blocks follow roads),
//     so only a run that cannot fit is refused; a closer one is cut and its codes checked exactly
//     (CodeError naming the village).
//   - per village, balanced: kMaxBaseCellsPerVillage base cells (memory and time grow with them).
//   - the county: kMaxCellsPerRun cells in all (every cell is held in memory until stored).

#include <cstddef>
#include <span>
#include <string>

#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/generator.hpp"

namespace respgrid::grids {

inline constexpr double kMaxBaseCellsPerVillage = 250'000;
inline constexpr double kMaxCellsPerRun = 5'000'000;

struct CellEstimate {
    const AdminUnit* largest = nullptr;  // the village with the most cells (null without villages)
    double largest_area_m2 = 0.0;
    double largest_cells = 0.0;          // its estimate
    double village_target = 0.0;         // cells a village should stay within: grid codes, base cells
    double village_limit = 0.0;          // estimates above it are refused (twice the codes, or the target)
    double total_area_m2 = 0.0;
    double total_cells = 0.0;            // the county's estimate
    double total_limit = kMaxCellsPerRun;
    // The smallest nominal cell area (m²) whose estimates are within the village target and the
    // run's limit: what to suggest instead.
    double min_nominal_area_m2 = 0.0;

    [[nodiscard]] bool village_fits() const { return largest_cells <= village_limit; }
    [[nodiscard]] bool total_fits() const { return total_cells <= total_limit; }
    [[nodiscard]] bool fits() const { return village_fits() && total_fits(); }
};

CellEstimate estimate_cells(std::span<const AdminUnit> villages, const GridOptions& options);

}  // namespace respgrid::grids

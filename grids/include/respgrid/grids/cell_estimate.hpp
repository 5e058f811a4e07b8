#pragma once
// How many cells a grid run would cut, estimated from the villages' shapes before anything is
// cut, so that an impossible run (`--size 0.01`: billions of cells) is refused at once instead of
// exhausting memory long before the grid codes run out.
//
// With a the method's nominal cell area (GridOptions::nominal_area_m2), a village of area A and
// perimeter P is estimated at A / a + P / (2·√a) cells: the whole cells, and the part cells along
// its border. Measured on the sample county's 460 villages with square cells of 100 and 200 m and
// the default sliver fraction: 0.80 to 1.02 times the grids actually cut. These are the grids of
// square, hex and blocks, and the base cells of balanced (whose grids follow the workload, not
// the area). Limits:
//   - per village, square/hex/blocks: twice the grid sequence numbers its code has (999, or 99
//     with the 14-digit scheme). Only a run that cannot fit is refused; a closer one is cut and
//     its codes checked exactly (CodeError naming the village).
//   - per village, balanced: kMaxBaseCellsPerVillage base cells (memory and time grow with them).
//   - the run: kMaxCellsPerRun cells in all. Every cell is held in memory until stored, about
//     1 KB each (the sample county at 79 m: 229,098 cells, 285 MB at the peak), so 2 million
//     cells take about 2 GB; a county at 100 m has 100,000 to 200,000.

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>

#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/generator.hpp"

namespace respgrid::grids {

inline constexpr double kMaxBaseCellsPerVillage = 250'000;
inline constexpr double kMaxCellsPerRun = 2'000'000;

struct CellEstimate {
    const AdminUnit* largest = nullptr;  // the village with the most cells (null without villages)
    double largest_area_m2 = 0.0;        // its area
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

// A run whose estimate does not fit: the estimate says by how much, and what would fit. Its
// `largest` points into the villages the estimate was made of.
class CellCountError : public std::invalid_argument {
public:
    explicit CellCountError(const CellEstimate& estimate);
    [[nodiscard]] const CellEstimate& estimate() const { return estimate_; }

private:
    CellEstimate estimate_;
};

// The one check of a run's size, made by the generator before anything is cut: CellCountError
// when the estimate of `villages` cut with `options` is over its limits.
void require_cells_fit(std::span<const AdminUnit> villages, const GridOptions& options);

}  // namespace respgrid::grids

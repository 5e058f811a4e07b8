#include "respgrid/grids/cell_estimate.hpp"

#include <algorithm>
#include <cmath>

#include "respgrid/grids/codes.hpp"

namespace respgrid::grids {

namespace {

// Cells of nominal area `cell` in a shape of `area` and `perimeter` (see the header).
double cells_in(double area, double perimeter, double cell) { return area / cell + perimeter / (2.0 * std::sqrt(cell)); }

// The nominal cell area at which a shape of `area` and `perimeter` holds `cells` cells: with
// x = 1/√a, area·x² + (perimeter/2)·x = cells.
double cell_area_for(double area, double perimeter, double cells) {
    if (area <= 0.0) return 0.0;
    const double half = perimeter / 2.0;
    const double x = (-half + std::sqrt(half * half + 4.0 * area * cells)) / (2.0 * area);
    return 1.0 / (x * x);
}

}  // namespace

CellEstimate estimate_cells(std::span<const AdminUnit> villages, const GridOptions& o) {
    CellEstimate e;
    const bool by_codes = o.method != GridMethod::Balanced;
    e.village_target = by_codes ? static_cast<double>(max_grid_sequence(o.scheme)) : kMaxBaseCellsPerVillage;
    e.village_limit = by_codes ? 2.0 * e.village_target : e.village_target;
    const double cell = o.nominal_area_m2();
    // A zero or NaN cell area cannot cut anything: it counts as infinitely many cells.
    const bool usable_cell = cell > 0.0;
    double total_perimeter = 0.0;
    for (const auto& v : villages) {
        const double area = v.geometry.area(), perimeter = v.geometry.length();
        const double cells = usable_cell ? cells_in(area, perimeter, cell) : HUGE_VAL;
        e.total_area_m2 += area;
        total_perimeter += perimeter;
        e.total_cells += cells;
        if (!e.largest || cells > e.largest_cells) {
            e.largest = &v;
            e.largest_area_m2 = area;
            e.largest_cells = cells;
        }
        e.min_nominal_area_m2 = std::max(e.min_nominal_area_m2, cell_area_for(area, perimeter, e.village_target));
    }
    e.min_nominal_area_m2 =
        std::max(e.min_nominal_area_m2, cell_area_for(e.total_area_m2, total_perimeter, e.total_limit));
    return e;
}

CellCountError::CellCountError(const CellEstimate& estimate)
    : std::invalid_argument("grids: the cells are too small for the villages (estimate over its limit, village " +
                            estimate.largest->code + ")"),
      estimate_(estimate) {}

void require_cells_fit(std::span<const AdminUnit> villages, const GridOptions& options) {
    if (const auto estimate = estimate_cells(villages, options); !estimate.fits()) throw CellCountError(estimate);
}

}  // namespace respgrid::grids

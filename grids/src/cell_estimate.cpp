#include "respgrid/grids/cell_estimate.hpp"

#include <algorithm>
#include <cmath>

#include "respgrid/grids/codes.hpp"

namespace respgrid::grids {

CellEstimate estimate_cells(std::span<const AdminUnit> villages, const GridOptions& o) {
    CellEstimate e;
    const bool by_codes = o.method != GridMethod::Balanced;
    e.village_target = by_codes ? static_cast<double>(max_grid_sequence(o.scheme)) : kMaxBaseCellsPerVillage;
    e.village_limit = by_codes ? 2.0 * e.village_target : e.village_target;
    const double cell = o.nominal_area_m2();
    for (const auto& v : villages) {
        const double area = v.geometry.area();
        e.total_area_m2 += area;
        if (!e.largest || area > e.largest_area_m2) {
            e.largest = &v;
            e.largest_area_m2 = area;
        }
    }
    // A zero or NaN cell area cannot cut anything: it counts as infinitely many cells.
    const bool usable_cell = cell > 0.0;
    e.largest_cells = usable_cell ? e.largest_area_m2 / cell : (villages.empty() ? 0.0 : HUGE_VAL);
    e.total_cells = usable_cell ? e.total_area_m2 / cell : (villages.empty() ? 0.0 : HUGE_VAL);
    e.min_nominal_area_m2 = std::max(e.largest_area_m2 / e.village_target, e.total_area_m2 / e.total_limit);
    return e;
}

}  // namespace respgrid::grids

#include "grid_refusal.hpp"

#include <cmath>

#include "respgrid/geo/number_text.hpp"

namespace respgrid::ops::detail {

namespace {

struct OptionToChange {
    std::string option, given, least;
};

OptionToChange option_to_change(const grids::CellEstimate& e, const GridOptions& options) {
    const auto& o = options.cutting;
    const double a = e.min_nominal_area_m2;
    switch (o.method) {
        case grids::GridMethod::Square:
        case grids::GridMethod::Hex:
            if (options.area_m2) {
                return {"--area", geo::option_text(*options.area_m2), geo::number_text(std::ceil(a), 0) + " m²"};
            }
            return {"--size", geo::option_text(o.cell_size_m),
                    geo::number_text(std::ceil(grids::cell_size_for_area(o.method, a)), 0) + " m"};
        case grids::GridMethod::Blocks:
            return {"--target-area", geo::option_text(o.target_area_m2), geo::number_text(std::ceil(a), 0) + " m²"};
        case grids::GridMethod::Balanced:
            return {"--base-cell", geo::option_text(o.base_cell_m), geo::number_text(std::ceil(std::sqrt(a)), 0) + " m"};
    }
    return {};
}

}  // namespace

std::string cell_count_refusal(const grids::CellEstimate& e, const GridOptions& options) {
    const auto& o = options.cutting;
    const auto change = option_to_change(e, options);
    const bool balanced = o.method == grids::GridMethod::Balanced;
    const std::string cells = balanced ? "base cells" : "cells";
    std::string what;
    if (!e.village_fits()) {
        const std::string scheme = o.scheme == grids::GridCodeScheme::Digits14 ? "14" : "15";
        const std::string limit = balanced ? "the " + geo::number_text(e.village_target, 0) + " a village may have"
                                           : "twice the " + geo::number_text(e.village_target, 0) +
                                                 " grid codes a village has (--scheme " + scheme + ")";
        what = "village " + e.largest->code + " " + e.largest->name + " (" + geo::area_km2_text(e.largest_area_m2) +
               ") would be cut into about " + geo::number_text(e.largest_cells, 0) + " " + cells + ", more than " + limit;
    } else {
        what = "the villages (" + geo::area_km2_text(e.total_area_m2) + " in all) would be cut into about " +
               geo::number_text(e.total_cells, 0) + " " + cells + ", more than the " + geo::number_text(e.total_limit, 0) +
               " one run may hold";
    }
    return change.option + " " + change.given + ": " + what + "; give " + change.option + " " + change.least +
           " or more";
}

}  // namespace respgrid::ops::detail

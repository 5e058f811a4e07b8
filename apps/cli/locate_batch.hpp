#pragma once
// respgrid locate PROJECT --input FILE --output FILE: every row of a point table located, with
// its grid and owners, written as CSV; rejected rows beside it.

#include <optional>
#include <string>

#include "cli/console.hpp"
#include "respgrid/grids/noise.hpp"

namespace respgrid::cli {

struct LocateBatchOptions {
    std::string project;
    std::string input;
    std::string output;  // "-" = standard output; .xlsx = an XLSX workbook; else CSV
    bool overwrite = false;  // replace an existing output
    std::string crs;  // default CRS of rows without a crs column value; "" = cgcs2000
    std::string at{};  // time the grids and owners are taken at ("" = now)
    std::optional<double> assign_nearest_m{};  // outside points within this distance go to the nearest grid
    double border_tolerance_m = 5.0;         // runner-up grid named within this distance of a border
    double noise_width_m = grids::kNoiseWidthM;  // a point in no grid this close to one goes to a grid by the border rule
};

int locate_batch(const LocateBatchOptions& options, Console& console);

}  // namespace respgrid::cli

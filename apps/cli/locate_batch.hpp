#pragma once
// respgrid locate PROJECT --input FILE --output FILE: every row of a point table located, with
// its grid and owners, written as CSV; rejected rows beside it.

#include <string>

#include "cli/console.hpp"

namespace respgrid::cli {

struct LocateBatchOptions {
    std::string project;
    std::string input;
    std::string output;
    std::string crs;  // default CRS of rows without a crs column value; "" = cgcs2000
};

int locate_batch(const LocateBatchOptions& options, Console& console);

}  // namespace respgrid::cli

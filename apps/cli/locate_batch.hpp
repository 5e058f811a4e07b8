#pragma once
// respgrid locate PROJECT --input FILE --output FILE: ops::locate_table with its rows written as
// CSV (a file or standard output) or an XLSX workbook, its rejects beside them, and its summary.

#include <string>

#include "cli/console.hpp"
#include "respgrid/ops/locate.hpp"

namespace respgrid::cli {

// `output`: "-" = standard output; .xlsx = an XLSX workbook; else CSV. `overwrite`: replace an
// existing output; `headers`: the column names or their Chinese titles. Returns the exit code
// (kRowsRejected when rows were rejected).
int locate_batch(const ops::TableLocateOptions& options, const std::string& output, bool overwrite,
                 exporters::Headers headers, Console& console);

}  // namespace respgrid::cli

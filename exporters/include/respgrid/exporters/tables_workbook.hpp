#pragma once
// The project's tables as one Excel workbook (export --format xlsx), made from the exported
// GeoPackage as the other formats are (format_copy.hpp), so its grids, owners and issues are the
// layers' own. Sheets, in the order an office reads them:
//   <乡镇>花名册  one per township (what a township office prints and pins up): a row per grid
//                worker and village, with the worker's phone, the grids' codes, how many, their
//                area and households (the balanced grids' workload);
//   网格清单      every grid with its village, township and every owner and phone (the grids layer);
//   问题定位      the located issues (the issues layer);
// then the sheets the caller adds (the audit summary). Chinese column titles (layer_fields.hpp's);
// codes are text cells, so 411626001001001 never becomes 4.11626E+14.

#include <cstddef>
#include <string>
#include <vector>

#include "respgrid/exporters/table_sink.hpp"

namespace respgrid::exporters {

struct WorkbookCounts {
    std::size_t roster_sheets = 0;  // townships with grids
    std::size_t roster_rows = 0;    // (worker, village) rows over every roster sheet
    std::size_t grids = 0;
    std::size_t issues = 0;
};

// Writes (replaces, staged) the workbook `output` from the exported GeoPackage `gpkg`, with the
// sheets of `extra` after the tables above (their names must not be those). Throws OutputError.
WorkbookCounts write_tables_workbook(const std::string& gpkg, const std::string& output,
                                     const std::vector<TableSheet>& extra = {});

// The codes of one worker's grids as a cell: runs of consecutive codes as "first～last", runs
// joined by "、", cut (with "…") to fit Excel's 32,767 characters per cell. `codes` sorted.
std::string code_ranges(const std::vector<std::string>& codes);

}  // namespace respgrid::exporters

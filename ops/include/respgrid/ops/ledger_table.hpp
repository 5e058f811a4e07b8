#pragma once
// The ledger's cases as rows of a table (台账): the columns every listing writes, whatever the
// sink (a CSV file, an XLSX workbook, standard output, a service's response).

#include <vector>

#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/grids/ledger_case.hpp"

namespace respgrid::ops {

// ASCII names (what scripts read) with their Chinese titles (exporters::headed picks the header).
std::vector<exporters::TableColumn> case_columns();
// One row per case, as of `at` (overdue, hours over) in `zone`.
void add_case_rows(exporters::TableRows& rows, const std::vector<grids::LedgerCase>& cases, grids::Instant at,
                   grids::UtcOffset zone);

// Hours `c` is overdue at `at` (0 when it is not awaiting the fix or not late).
double hours_overdue(const grids::LedgerCase& c, grids::Instant at);

}  // namespace respgrid::ops

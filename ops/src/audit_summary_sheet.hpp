#pragma once
// The latest audit's summary as a sheet of the export's workbook (审计摘要): when it ran, on
// which grid generation, whether it passed, and per level (grids, villages, townships) the
// counts and areas of each kind of defect, then the ownership findings. Read from the summary
// recorded with the run (audit_report.hpp writes it), so the sheet says what the audit said.

#include <optional>

#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops::detail {

// `current_generation`: the grids being exported (0 for none), named beside the audited one
// when they differ.
exporters::TableSheet audit_summary_sheet(const store::AuditRun& run, long long current_generation);

}  // namespace respgrid::ops::detail

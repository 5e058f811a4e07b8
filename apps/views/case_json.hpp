#pragma once
// Ledger cases as JSON: `ledger list/show --json` and the service answer the same.

#include <nlohmann/json.hpp>

#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/ops/ledger.hpp"

namespace respgrid::views {

// A case as it stands at `at` (overdue, hours overdue), its times in `zone`.
nlohmann::json case_json(const grids::LedgerCase& c, grids::Instant at, grids::UtcOffset zone);
nlohmann::json cases_json(const ops::CaseListing& listing);
// A case with its reports and timeline.
nlohmann::json case_detail_json(const ops::CaseDetail& detail);

}  // namespace respgrid::views

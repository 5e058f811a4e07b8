#pragma once
// The one-village project of serving_project.hpp made ready for the ledger: a department D1 (县城管局)
// and a catalogue with each kind of time limit, the ledger prefix HY. Points are written in
// EPSG:4547 (the project's working CRS), so a test states distances in metres exactly.

#include <string>
#include <vector>

#include "serving_project.hpp"

namespace respgrid::test {

// Categories: C24 (24 calendar hours, the territory answers), W4 (4 working hours, D1 answers),
// SD (事不过夜, D1 answers).
void make_ledger_project(const std::string& path);

// One report row of a ledger import file (header: kLedgerHeader).
struct ReportRow {
    std::string id;
    std::string reported_at;  // local, e.g. "2026-09-04 17:00"
    double x = 0.0;           // EPSG:4547
    double y = 0.0;
    std::string category;
    std::string source = "巡查";  // any source text the ledger reads
    std::string dispatched_at;  // "" = the import's time
};
std::string ledger_csv(const std::vector<ReportRow>& rows);

}  // namespace respgrid::test

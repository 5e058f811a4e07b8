#pragma once
// A small county's issue ledger, made by hand for the daily report's tests (grids, exporters,
// ops): 30 cases with their timelines, in 3 townships, 5 villages and 6 grids, dispatched to 2
// departments and 2 包联 leaders. The report of 2026-09-10 (+08:00) has figures worked out by hand
// in tests/grids/ledger_report_test.cpp; what each case does is listed in ledger_fixture.cpp.
//
// Grids are 1 km squares of EPSG:4547 (x from 500000, y from 3730000), one row per township, so
// the HTML report's map has something to draw.

#include <string>
#include <vector>

#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/grid_cell.hpp"
#include "respgrid/grids/ledger_case.hpp"

namespace respgrid::test {

inline constexpr const char* kTownshipChengguan = "411626100";  // 城关镇
inline constexpr const char* kTownshipBailou = "411626101";     // 白楼镇
inline constexpr const char* kTownshipZhuji = "411626102";      // 朱集乡
inline constexpr const char* kVillageDongguan = "411626100001"; // 东关村 (城关镇)
inline constexpr const char* kVillageXiguan = "411626100002";   // 西关村 (城关镇)
inline constexpr const char* kVillageBailou = "411626101001";   // 白楼村 (白楼镇)
inline constexpr const char* kVillageLizhuang = "411626101002"; // 李庄村 (白楼镇)
inline constexpr const char* kVillageZhuji = "411626102001";    // 朱集村 (朱集乡)
inline constexpr const char* kDepartmentChengguan = "dep-cg";   // 县城管局
inline constexpr const char* kDepartmentHuanbao = "dep-hb";     // 县环保局
inline constexpr const char* kLeaderWang = "ld-wang";           // 王书记
inline constexpr const char* kLeaderLi = "ld-li";               // 李镇长

struct LedgerFixture {
    std::vector<grids::LedgerCase> cases;   // in number order
    std::vector<grids::CaseEvent> events;   // by case, in time order
};

// The ledger (ids 1-30).
LedgerFixture thirty_case_ledger();

// The grids the cases are in (6 cells, two spare ones without cases) and the townships' outlines.
std::vector<grids::GridCell> fixture_grid_cells();
std::vector<grids::AdminUnit> fixture_townships();

}  // namespace respgrid::test

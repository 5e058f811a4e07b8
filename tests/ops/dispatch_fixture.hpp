#pragma once
// A two-township project with a ledger, for the dispatch sheets and the export of cases.
//
// County 411626 淮阳县 is x 500000..502000, y 3730000..3731000 of EPSG:4547; township 411626001
// 城关镇 (village 411626001001 东村) is its west half, 411626002 白楼镇 (village 411626002001 西村)
// its east half; one grid per village, its village's code + "001". The cases, seen at
// kDispatchNoon (2026-09-02 12:00 +08:00):
//
//   number              where      status       deadline (+08:00)   departments        at noon
//   HY-20260901-0001    东村       dispatched   2026-09-01 18:00    城管局              18 h overdue
//   HY-20260901-0002    东村       in_progress  2026-09-03 12:00    城管局, 市场监管局  24 h left
//   HY-20260901-0003    东村       closed       2026-09-01 18:00    城管局              not awaiting
//   HY-20260901-0004    西村       logged       none                none               no clock
//   HY-20260901-0005    西村       reopened     2026-09-02 08:00    市场监管局          4 h overdue
//   HY-20260901-0006    outside    dispatched   2026-09-05 12:00    城管局              72 h left
//   HY-20260901-0007    西村       fixed        2026-09-01 18:00    市场监管局          not awaiting

#include <optional>
#include <string>
#include <vector>

#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::test {

inline grids::Instant beijing_time(const std::string& text) {
    return grids::parse_time(text).value->instant(grids::kChinaTime);
}

inline const grids::Instant kDispatchNoon = beijing_time("2026-09-02T12:00:00");

struct DispatchFixtureCase {
    const char* number;
    int village;  // 1 东村, 2 西村, 0 outside the county
    grids::CaseStatus status;
    const char* deadline;  // "" for none
    std::vector<std::pair<const char*, const char*>> departments;  // owner id, name
};

inline grids::LedgerCase dispatch_case(const DispatchFixtureCase& f) {
    grids::LedgerCase c;
    c.number = f.number;
    c.status = f.status;
    c.found_at = beijing_time("2026-09-01T09:00:00");
    c.logged_at = c.found_at;
    c.crs = "EPSG:4490";
    c.lon = 114.9;
    c.lat = 33.7;
    const int sequence = std::stoi(std::string(f.number).substr(12));
    // Spread within the village so that the markers do not sit on each other.
    c.position = {f.village == 2 ? 501500.0 : f.village == 1 ? 500500.0 : 503000.0, 3730150.0 + 100.0 * sequence};
    if (f.village != 0) {
        c.generation_id = 1;
        c.township_code = f.village == 1 ? "411626001" : "411626002";
        c.township_name = f.village == 1 ? "城关镇" : "白楼镇";
        c.village_code = c.township_code + "001";
        c.village_name = f.village == 1 ? "东村" : "西村";
        c.grid_code = c.village_code + "001";
    }
    c.category_code = "0101";
    c.category_name = "垃圾满溢";
    c.location_text = "人民路 " + std::to_string(sequence) + " 号";
    c.description = "垃圾桶满溢，周边散落";
    if (*f.deadline) {
        c.dispatched_at = c.found_at;
        c.deadline = beijing_time(f.deadline);
    }
    std::vector<grids::CaseOwner> owners;
    for (const auto& [id, name] : f.departments) {
        grids::CaseOwner o;
        o.role = grids::CaseOwnerRole::Department;
        o.owner_id = id;
        o.name = name;
        owners.push_back(o);
    }
    c.owners = std::move(owners);
    c.responsible_id = f.departments.empty() ? "" : f.departments.front().first;
    c.responsible_name = f.departments.empty() ? "" : f.departments.front().second;
    c.escalation_level = sequence == 1 ? 1 : 0;
    c.report_count = sequence == 1 ? 3 : 1;
    return c;
}

inline const std::vector<DispatchFixtureCase>& dispatch_fixture_cases() {
    using S = grids::CaseStatus;
    static const std::vector<DispatchFixtureCase> cases{
        {"HY-20260901-0001", 1, S::Dispatched, "2026-09-01T18:00:00", {{"D1", "城管局"}}},
        {"HY-20260901-0002", 1, S::InProgress, "2026-09-03T12:00:00", {{"D1", "城管局"}, {"D2", "市场监管局"}}},
        {"HY-20260901-0003", 1, S::Closed, "2026-09-01T18:00:00", {{"D1", "城管局"}}},
        {"HY-20260901-0004", 2, S::Logged, "", {}},
        {"HY-20260901-0005", 2, S::Reopened, "2026-09-02T08:00:00", {{"D2", "市场监管局"}}},
        {"HY-20260901-0006", 0, S::Dispatched, "2026-09-05T12:00:00", {{"D1", "城管局"}}},
        {"HY-20260901-0007", 2, S::Fixed, "2026-09-01T18:00:00", {{"D2", "市场监管局"}}},
    };
    return cases;
}

// Adds `cases` to the project's ledger in one transaction.
inline void add_dispatch_cases(store::Project& project, std::vector<grids::LedgerCase> cases) {
    project.in_one_transaction([&] {
        store::Ledger ledger(project);
        for (auto& c : cases) ledger.add_case(c);
    });
}

// The project at `path` with the units, grids and (unless `with_cases` is false) the cases above.
inline void make_dispatch_project(const std::string& path, bool with_cases = true) {
    auto p = store::Project::create(path, "411626", "淮阳县", 4547);
    auto box = [](double x0, double x1) { return geo::Geometry::rectangle(x0, 3730000, x1, 3731000); };
    std::vector<grids::AdminUnit> units;
    units.push_back({grids::AdminLevel::County, "411626", "淮阳县", "", box(500000, 502000), {}});
    units.push_back({grids::AdminLevel::Township, "411626001", "城关镇", "411626", box(500000, 501000), {}});
    units.push_back({grids::AdminLevel::Township, "411626002", "白楼镇", "411626", box(501000, 502000), {}});
    units.push_back({grids::AdminLevel::Village, "411626001001", "东村", "411626001", box(500000, 501000), {}});
    units.push_back({grids::AdminLevel::Village, "411626002001", "西村", "411626002", box(501000, 502000), {}});
    p.upsert_units(units, "fixture");
    std::vector<grids::GridCell> cells;
    for (int i = 0; i < 2; ++i) {
        grids::GridCell c;
        c.village_code = i == 0 ? "411626001001" : "411626002001";
        c.township_code = c.village_code.substr(0, 9);
        c.code = c.village_code + "001";
        c.name = c.code;
        c.set_shape(box(500000 + 1000 * i, 501000 + 1000 * i));
        c.area_m2 = c.shape().area();
        cells.push_back(std::move(c));
    }
    p.add_generation("square", "{}", cells);
    if (!with_cases) return;
    std::vector<grids::LedgerCase> cases;
    for (const auto& f : dispatch_fixture_cases()) cases.push_back(dispatch_case(f));
    add_dispatch_cases(p, cases);
}

}  // namespace respgrid::test

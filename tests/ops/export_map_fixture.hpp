#pragma once
// A one-village project for the export and map use cases: county 411626, township 411626001,
// village 411626001001 (the 1 km square x 500000..501000, y 3730000..3731000 of EPSG:4547), two
// grids, and a roster whose grid worker changes on 2026-09-01: GW_OLD (老网格员) serves to
// 2026-08-31, GW_NEW (新网格员) from 2026-09-01.

#include <algorithm>
#include <string>
#include <vector>

#include "respgrid/grids/serving.hpp"
#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::test {

inline grids::Owner fixture_owner(const std::string& id, grids::OwnerKind kind, const std::string& name,
                                  const std::string& unit) {
    grids::Owner o;
    o.id = id;
    o.kind = kind;
    o.name = name;
    o.unit_code = unit;
    o.phone = "139" + std::to_string(id.size()) + "0000";
    return o;
}

// Makes the project at `path`; `assign_on` set: the chains `assign` would have stored that day.
inline void make_served_project(const std::string& path, std::optional<grids::Date> assign_on) {
    auto p = store::Project::create(path, "411626", "淮阳县", 4547);
    auto square = [](double x0, double x1) { return geo::Geometry::rectangle(x0, 3730000, x1, 3731000); };
    std::vector<grids::AdminUnit> units;
    units.push_back({grids::AdminLevel::County, "411626", "淮阳县", "", square(500000, 501000), {}});
    units.push_back({grids::AdminLevel::Township, "411626001", "城关镇", "411626", square(500000, 501000), {}});
    units.push_back({grids::AdminLevel::Village, "411626001001", "东村", "411626001", square(500000, 501000), {}});
    p.upsert_units(units, "fixture");
    std::vector<grids::GridCell> cells;
    for (int i = 0; i < 2; ++i) {
        grids::GridCell c;
        c.code = "411626001001" + std::string(i == 0 ? "001" : "002");
        c.name = "东村第" + std::to_string(i + 1) + "网格";
        c.village_code = "411626001001";
        c.township_code = "411626001";
        c.set_shape(square(500000 + 500 * i, 500500 + 500 * i));
        c.area_m2 = c.shape().area();
        cells.push_back(std::move(c));
    }
    const auto generation = p.add_generation("square", "{}", cells);
    std::vector<grids::Owner> owners{fixture_owner("T1", grids::OwnerKind::Township, "城关镇", "411626001"),
                                     fixture_owner("V1", grids::OwnerKind::Village, "东村", "411626001001"),
                                     fixture_owner("L1", grids::OwnerKind::Leader, "王县长", ""),
                                     fixture_owner("GW_OLD", grids::OwnerKind::GridWorker, "老网格员", "411626001001"),
                                     fixture_owner("GW_NEW", grids::OwnerKind::GridWorker, "新网格员", "411626001001")};
    owners[2].packages = {"411626001"};
    owners[3].valid_to = grids::Date::from_iso("2026-08-31");
    owners[4].valid_from = grids::Date::from_iso("2026-09-01");
    p.upsert_owners(owners);
    if (assign_on) {
        const auto refs = p.load_grid_refs(generation.id);
        p.replace_assignments(generation.id, grids::ServingRoster(p.load_owners()).chains_on(refs, *assign_on));
    }
}

// Hands unit `unit_code` (township or village, `kind`) from owner `old_id` (contact 旧负责人, to
// 2026-08-31) to a new owner NEW_<unit_code> (contact 新负责人, from 2026-09-01).
inline void change_unit_owner(const std::string& path, const std::string& old_id, grids::OwnerKind kind,
                              const std::string& unit_code) {
    auto p = store::Project::open(path);
    auto owners = p.load_owners();
    auto old = std::find_if(owners.begin(), owners.end(), [&](const grids::Owner& o) { return o.id == old_id; });
    old->contact = "旧负责人";
    old->valid_to = grids::Date::from_iso("2026-08-31");
    auto successor = fixture_owner("NEW_" + unit_code, kind, old->name, unit_code);
    successor.contact = "新负责人";
    successor.valid_from = grids::Date::from_iso("2026-09-01");
    std::vector<grids::Owner> changed{*old, successor};
    p.upsert_owners(changed);
}

// Noon of `day` in Beijing time.
inline grids::Instant noon_of(const std::string& day) {
    return grids::parse_time(day + "T12:00:00").value->instant(grids::kChinaTime);
}

}  // namespace respgrid::test

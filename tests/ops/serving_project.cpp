#include "serving_project.hpp"

#include <vector>

#include "respgrid/grids/serving.hpp"
#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::test {

namespace {

std::string square(double x0, double x1) {
    const std::string a = std::to_string(x0), b = std::to_string(x1);
    return "POLYGON((" + a + " 3730000," + b + " 3730000," + b + " 3731000," + a + " 3731000," + a + " 3730000))";
}

grids::GridCell cell(const std::string& code, const std::string& name, double x0, double x1) {
    grids::GridCell c;
    c.code = code;
    c.name = name;
    c.village_code = "411626001001";
    c.township_code = "411626001";
    c.set_shape(wkt(square(x0, x1)));
    c.area_m2 = c.shape().area();
    return c;
}

grids::Owner owner(const std::string& id, grids::OwnerKind kind, const std::string& name, const std::string& unit,
                   const char* from = nullptr, const char* to = nullptr) {
    grids::Owner o;
    o.id = id;
    o.kind = kind;
    o.name = name;
    o.unit_code = unit;
    o.phone = "1380000" + id;
    if (kind == grids::OwnerKind::Leader) o.packages = {"411626001"};
    if (from) o.valid_from = grids::Date::from_iso(from);
    if (to) o.valid_to = grids::Date::from_iso(to);
    return o;
}

}  // namespace

void make_serving_project(const std::string& path) {
    auto project = store::Project::create(path, "411626", "淮阳县", 4547);
    std::vector<grids::AdminUnit> units;  // geometries move, never copy
    units.push_back({grids::AdminLevel::County, "411626", "淮阳县", "", wkt(square(500000, 501000)), {}});
    units.push_back({grids::AdminLevel::Township, "411626001", "城关镇", "411626", wkt(square(500000, 501000)), {}});
    units.push_back({grids::AdminLevel::Village, "411626001001", "东村", "411626001", wkt(square(500000, 501000)), {}});
    project.upsert_units(units, "test");
    std::vector<grids::GridCell> cells;
    cells.push_back(cell(kWestGrid, "东村第1网格", 500000, 500500));
    cells.push_back(cell(kEastGrid, "东村第2网格", 500500, 501000));
    const auto generation = project.add_generation("square", "{}", cells);
    project.connection().exec("UPDATE grid_generations SET created_at = '2020-01-01T00:00:00.000Z'");
    const std::vector<grids::Owner> owners{
        owner("T1", grids::OwnerKind::Township, "城关镇", "411626001"),
        owner("V1", grids::OwnerKind::Village, "东村", "411626001001"),
        owner("L1", grids::OwnerKind::Leader, "王县长", ""),
        owner("GW_A", grids::OwnerKind::GridWorker, "甲", "411626001001", nullptr, "2026-06-30"),
        owner("GW_B", grids::OwnerKind::GridWorker, "乙", "411626001001", "2026-07-01")};
    project.upsert_owners(owners);
    const auto refs = project.load_grid_refs(generation.id);
    const grids::ServingRoster roster(owners);
    project.replace_assignments(generation.id, roster.chains_on(refs, grids::Instant::now().date_in(grids::kChinaTime)));
}

}  // namespace respgrid::test

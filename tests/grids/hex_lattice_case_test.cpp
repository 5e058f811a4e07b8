// The case tests/data/cases/hex_lattice_township (README there): one township cut into 21 villages
// by a lon/lat lattice, imported as the CLI imports it. Cut into hexagons of 500 m, the grids of
// village 411600005011 used to lie partly in its neighbours (8 km² of overlaps, a 9.6 km² gap),
// because noding the villages against each other put a neighbour's vertex, nanometres from one of
// the village's own, into both edges around it: a spike that made the village invalid, and GEOS
// overlay on an invalid polygon answers anything.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "respgrid/grids/generator.hpp"
#include "respgrid/importers/boundaries.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

std::vector<AdminUnit> case_villages() {
    const std::string dir = test::test_data_file("cases/hex_lattice_township/");
    importers::BoundaryImportOptions o;
    o.path = dir + "villages.geojson";
    o.level = AdminLevel::Village;
    o.code_field = "code12";
    o.parent_field = "parent9";
    o.source_crs = geo::Crs::wgs84();
    o.target_crs = geo::Crs::from_epsg(importers::suggest_working_epsg(o.path, "", o.source_crs));
    auto imported = importers::read_boundaries(o);
    EXPECT_TRUE(imported.rejects.empty());
    return std::move(imported.units);
}

// Per village: the grids' areas add up to the village's, their union is the village, and no grid
// has more than rounding outside it.
void expect_villages_tiled(const std::vector<AdminUnit>& villages, const GridRun& run) {
    std::map<std::string, std::vector<const GridCell*>> by_village;
    for (const auto& c : run.cells) by_village[c.village_code].push_back(&c);
    for (const auto& v : villages) {
        SCOPED_TRACE(v.code);
        const double area = v.geometry.area();
        double sum = 0.0, outside = 0.0;
        std::vector<geo::Geometry> shapes;
        std::vector<const geo::Geometry*> parts;
        for (const auto* c : by_village[v.code]) {
            shapes.push_back(c->shape());
            sum += shapes.back().area();
            outside += shapes.back().difference(v.geometry).area();
        }
        for (const auto& s : shapes) parts.push_back(&s);
        EXPECT_NEAR(sum, area, 1e-9 * area);
        EXPECT_LT(outside, 1e-9 * area);
        geo::Geometry u = geo::Geometry::union_of_tiles(parts);
        EXPECT_LT(u.difference(v.geometry).area() + v.geometry.difference(u).area(), 1e-9 * area);
    }
}

class HexLatticeCase : public ::testing::TestWithParam<GridMethod> {};

TEST_P(HexLatticeCase, GridsTileEveryVillageOfTheTownship) {
    const auto villages = case_villages();
    ASSERT_EQ(villages.size(), 21u);
    GridOptions o;
    o.method = GetParam();
    o.cell_size_m = 500.0;
    GridInputs in;
    in.villages = villages;
    const GridRun run = generate_grids(in, o);
    EXPECT_TRUE(run.slivers_kept.empty());
    expect_villages_tiled(villages, run);
}

INSTANTIATE_TEST_SUITE_P(Methods, HexLatticeCase, ::testing::Values(GridMethod::Hex, GridMethod::Square),
                         [](const auto& p) { return std::string(to_string(p.param)); });

}  // namespace
}  // namespace respgrid::grids

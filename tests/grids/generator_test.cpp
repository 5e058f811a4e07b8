// Grid generation (grids/generator.hpp): square and hex cells, dedicated grids, the sliver
// policy, numbering, determinism and code stability, on hand-made villages with known answers.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "respgrid/geo/half_open.hpp"
#include "respgrid/grids/generator.hpp"
#include "respgrid/grids/hex_grid.hpp"
#include "respgrid/grids/locator.hpp"
#include "respgrid/grids/noise.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

using geo::Geometry;

AdminUnit village(const std::string& code, const std::string& wkt_text) {
    return {AdminLevel::Village, code, "村" + code.substr(9), parent_code_of(code), test::wkt(wkt_text), {}};
}

// Two villages sharing a slanted border, and a third with a hole: a small realistic case.
std::vector<AdminUnit> three_villages() {
    std::vector<AdminUnit> v;
    v.push_back(village("411626001001", "POLYGON ((0 0, 730 0, 510 640, 0 640, 0 0))"));
    v.push_back(village("411626001002", "POLYGON ((730 0, 1210 0, 1210 640, 510 640, 730 0))"));
    v.push_back(village("411626101201",
                        "POLYGON ((0 640, 1210 640, 1210 1000, 0 1000, 0 640), (300 700, 420 700, 420 820, 300 820, 300 700))"));
    return v;
}

GridRun generate(const std::vector<AdminUnit>& villages, GridOptions o, const std::vector<DedicatedArea>& dedicated = {}) {
    GridInputs in;
    in.villages = villages;
    in.dedicated = dedicated;
    return generate_grids(in, o);
}

// The invariants every method must hold: grids tile each village (sum of areas == village area,
// union == village), never overlap, lie in their village, and have unique codes in order.
void expect_tiling(const std::vector<AdminUnit>& villages, const GridRun& run, double area_tolerance = 1e-6) {
    std::map<std::string, std::vector<const GridCell*>> by_village;
    std::set<std::string> codes;
    for (const auto& c : run.cells) {
        by_village[c.village_code].push_back(&c);
        EXPECT_TRUE(codes.insert(c.code).second) << "duplicate code " << c.code;
        EXPECT_EQ(c.code.substr(0, 12), c.village_code);
        EXPECT_TRUE(c.shape().is_valid()) << c.code << " " << c.shape().validity_reason();
        EXPECT_NEAR(c.area_m2, c.shape().area(), 1e-6);
    }
    for (const auto& v : villages) {
        SCOPED_TRACE(v.code);
        const auto& cells = by_village[v.code];
        double sum = 0;
        std::vector<Geometry> parts;
        for (const auto* c : cells) {
            sum += c->area_m2;
            parts.push_back(c->shape());
            // Inside the village up to the rounding of vertices inserted on its edges.
            EXPECT_LT(c->shape().difference(v.geometry).area(), 1e-9) << c->code << " leaves its village";
        }
        EXPECT_NEAR(sum, v.geometry.area(), area_tolerance);
        // Exact tiling: the fast coverage union accepts them (it throws on overlaps or mismatched edges).
        Geometry u = Geometry::coverage_union(std::move(parts));
        EXPECT_NEAR(u.area(), v.geometry.area(), area_tolerance);
        EXPECT_NEAR(u.difference(v.geometry).area() + v.geometry.difference(u).area(), 0.0, area_tolerance);
        for (std::size_t i = 1; i < cells.size(); ++i) EXPECT_LT(cells[i - 1]->code, cells[i]->code);
    }
    // Across villages too: the whole layer is one clean coverage.
    std::vector<Geometry> all;
    for (const auto& c : run.cells) all.push_back(c.shape());
    EXPECT_NO_THROW((void)Geometry::coverage_union(std::move(all)));
}

// expect_tiling, and no grid is noise (noise.hpp).
void expect_tiling_without_noise(const std::vector<AdminUnit>& villages, const GridRun& run) {
    for (const auto& c : run.cells) EXPECT_FALSE(is_noise_piece(c.shape())) << c.code;
    expect_tiling(villages, run);
}

TEST(GenerateGrids, SquaresTileVillagesSharingASlantedBorder) {
    auto villages = three_villages();
    GridOptions o;
    o.min_piece_fraction = 0.0;
    auto run = generate(villages, o);
    expect_tiling(villages, run);
    EXPECT_EQ(run.slivers_merged, 0u);
}

TEST(GenerateGrids, HexagonsTileVillagesSharingASlantedBorder) {
    auto villages = three_villages();
    GridOptions o;
    o.method = GridMethod::Hex;
    o.cell_size_m = 90.0;
    o.min_piece_fraction = 0.0;
    auto run = generate(villages, o);
    expect_tiling(villages, run);
    // A whole hexagon of flat-to-flat width 90 m has area (sqrt(3)/2)·90².
    double whole = std::sqrt(3.0) / 2.0 * 90.0 * 90.0;
    auto largest = std::max_element(run.cells.begin(), run.cells.end(),
                                    [](const GridCell& a, const GridCell& b) { return a.area_m2 < b.area_m2; });
    EXPECT_NEAR(largest->area_m2, whole, 1e-6);
}

TEST(GenerateGrids, HexCornersAreSharedBitForBit) {
    // Neighbouring hexagons list the same corner coordinates: every edge of the lattice appears
    // exactly once in hex_edges, and whole hexagons' vertices are lattice corners.
    geo::Envelope box{0, 0, 500, 500};
    auto edges = hex_edges(box, 100.0);
    std::set<std::pair<double, double>> corners;
    for (const auto& e : edges) {
        corners.insert({e.a.x, e.a.y});
        corners.insert({e.b.x, e.b.y});
    }
    auto pieces = cut_hexes(Geometry::rectangle(-1000, -1000, 1000, 1000), 100.0);
    std::size_t checked = 0;
    for (const auto& p : pieces) {
        if (std::fabs(p.geometry.area() - std::sqrt(3.0) / 2.0 * 1e4) > 1e-6) continue;
        for (const auto& rings : p.geometry.polygons()) {
            for (const auto& pt : rings[0]) {
                if (pt.x < 50 || pt.x > 450 || pt.y < 50 || pt.y > 450) continue;
                EXPECT_TRUE(corners.count({pt.x, pt.y})) << pt.x << " " << pt.y;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 20u);
    // The hexagon centred on the origin has its corners at distance size/sqrt(3).
    for (const auto& p : pieces) {
        if (p.anchor.x == 0.0 && p.anchor.y == 0.0) {
            const auto polygons = p.geometry.polygons();
            for (const auto& pt : polygons[0][0]) {
                EXPECT_NEAR(std::hypot(pt.x, pt.y), 100.0 / std::sqrt(3.0), 1e-9);
            }
        }
    }
}

TEST(GenerateGrids, SliversMergeIntoTheNeighbourWithTheLongestSharedEdge) {
    // A 230 x 100 m village: squares of 100 m give two whole cells and a 30 x 100 strip (30%).
    // With a 40% threshold the strip merges into the cell it shares its 100 m edge with.
    std::vector<AdminUnit> v;
    v.push_back(village("411626001001", "POLYGON ((0 0, 230 0, 230 100, 0 100, 0 0))"));
    GridOptions o;
    o.min_piece_fraction = 0.4;
    auto run = generate(v, o);
    ASSERT_EQ(run.cells.size(), 2u);
    EXPECT_EQ(run.slivers_merged, 1u);
    EXPECT_DOUBLE_EQ(run.cells[0].area_m2, 10000.0);
    EXPECT_DOUBLE_EQ(run.cells[1].area_m2, 13000.0);
    EXPECT_NEAR(run.cells[1].shape().envelope().max_x, 230.0, 1e-12);
    expect_tiling(v, run);
}

TEST(GenerateGrids, PartsSeparatedByEmptyRowsAreAllCut) {
    // Rows 3-9 of this village are empty; the band of rows 8-15 starts on an empty row and the
    // northern part (rows 10-12) must still be cut from the right band.
    std::vector<AdminUnit> v;
    v.push_back(village("411626001001",
                        "MULTIPOLYGON (((0 0, 250 0, 250 250, 0 250, 0 0)), ((0 1050, 250 1050, 250 1300, 0 1300, 0 1050)))"));
    GridOptions o;
    o.min_piece_fraction = 0.0;
    auto run = generate(v, o);
    double sum = 0;
    for (const auto& c : run.cells) sum += c.area_m2;
    EXPECT_DOUBLE_EQ(sum, 2 * 250.0 * 250.0);
    EXPECT_EQ(run.cells.size(), 18u);
    expect_tiling(v, run);
}

TEST(GenerateGrids, SliverWithoutNeighbourIsKeptAndReported) {
    // A village of a main part and a small detached exclave (20 x 20 m).
    std::vector<AdminUnit> v;
    v.push_back(village("411626001001",
                        "MULTIPOLYGON (((0 0, 100 0, 100 100, 0 100, 0 0)), ((300 20, 320 20, 320 40, 300 40, 300 20)))"));
    GridOptions o;
    auto run = generate(v, o);
    ASSERT_EQ(run.cells.size(), 2u);
    ASSERT_EQ(run.slivers_kept.size(), 1u);
    EXPECT_EQ(run.slivers_kept[0].village_code, "411626001001");
    EXPECT_DOUBLE_EQ(run.slivers_kept[0].area_m2, 400.0);
}

TEST(GenerateGrids, NoiseExclaveIsNeverKeptAsAGrid) {
    // A 5 x 5 cm exclave (0.0025 m², under the noise area) far from the rest of the village: it
    // was kept as a grid of its own and reported as "sliver ... (0.0 m²) kept". It goes to the
    // nearest grid of the village now.
    std::vector<AdminUnit> v;
    v.push_back(village("411626001001",
                        "MULTIPOLYGON (((0 0, 100 0, 100 100, 0 100, 0 0)), ((300 20, 300.05 20, 300.05 20.05, 300 20.05, 300 20)))"));
    auto run = generate(v, GridOptions{});
    EXPECT_TRUE(run.slivers_kept.empty());
    ASSERT_EQ(run.cells.size(), 1u);
    EXPECT_EQ(run.slivers_merged, 1u);
    expect_tiling_without_noise(v, run);
}

TEST(GenerateGrids, NoiseStripsMergeEvenWithSliverMergingOff) {
    // Squares of 100 m on a village 200.004 m wide leave a strip 4 mm wide (0.4 m²: above the noise
    // area, under the noise width). --sliver-fraction 0 keeps slivers, never noise.
    std::vector<AdminUnit> v;
    v.push_back(village("411626001001", "POLYGON ((0 0, 200.004 0, 200.004 100, 0 100, 0 0))"));
    GridOptions o;
    o.min_piece_fraction = 0.0;
    auto run = generate(v, o);
    ASSERT_EQ(run.cells.size(), 2u);
    EXPECT_EQ(run.slivers_merged, 1u);
    expect_tiling_without_noise(v, run);
}

TEST(GenerateGrids, AnInstitutionOverlappingAVillageByMillimetresMakesNoDedicatedGrid) {
    // The school is drawn 3 mm across the village's eastern border: that strip is noise, not a
    // dedicated grid; it stays with the village's general grids.
    std::vector<AdminUnit> v;
    v.push_back(village("411626001001", "POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))"));
    std::vector<DedicatedArea> dedicated;
    dedicated.push_back({"小学", "school", test::wkt("POLYGON ((199.997 10, 260 10, 260 60, 199.997 60, 199.997 10))")});
    auto run = generate(v, GridOptions{}, dedicated);
    EXPECT_EQ(run.dedicated_grids, 0u);
    ASSERT_EQ(run.cells.size(), 2u);
    expect_tiling_without_noise(v, run);
}

TEST(GenerateGrids, DedicatedAreaCrossingTwoVillagesBecomesOneGridInEach) {
    auto villages = three_villages();
    std::vector<DedicatedArea> dedicated;
    // A school straddling the slanted border between villages 001 and 002.
    dedicated.push_back({"第一中学", "school", test::wkt("POLYGON ((560 200, 760 200, 760 330, 560 330, 560 200))")});
    GridOptions o;
    auto run = generate(villages, o, dedicated);
    std::vector<const GridCell*> schools;
    for (const auto& c : run.cells) {
        if (c.dedicated) schools.push_back(&c);
    }
    ASSERT_EQ(schools.size(), 2u);
    EXPECT_EQ(run.dedicated_grids, 2u);
    EXPECT_NE(schools[0]->village_code, schools[1]->village_code);
    EXPECT_NEAR(schools[0]->area_m2 + schools[1]->area_m2, 200.0 * 130.0, 1e-6);
    EXPECT_EQ(schools[0]->name, "第一中学 (school)");
    EXPECT_NE(schools[0]->label.find("school"), std::string::npos);
    expect_tiling(villages, run);
    // No general grid overlaps the school.
    Geometry school = dedicated[0].geometry.clone();
    for (const auto& c : run.cells) {
        if (!c.dedicated) {
            EXPECT_LT(c.shape().intersection(school).area(), 1e-6) << c.code;
        }
    }
}

TEST(GenerateGrids, OutputIsIdenticalWhateverTheThreadsAndOnRerun) {
    auto villages = three_villages();
    std::vector<DedicatedArea> dedicated;
    dedicated.push_back({"市场", "market", test::wkt("POLYGON ((100 100, 180 100, 180 170, 100 170, 100 100))")});
    for (auto method : {GridMethod::Square, GridMethod::Hex}) {
        GridOptions o;
        o.method = method;
        o.cell_size_m = 80.0;
        o.threads = 1;
        auto one = generate(villages, o, dedicated);
        o.threads = 3;
        auto three = generate(villages, o, dedicated);
        auto again = generate(villages, o, dedicated);
        ASSERT_EQ(one.cells.size(), three.cells.size());
        for (std::size_t i = 0; i < one.cells.size(); ++i) {
            EXPECT_EQ(one.cells[i].code, three.cells[i].code);
            EXPECT_EQ(one.cells[i].wkb, three.cells[i].wkb) << one.cells[i].code;
            EXPECT_EQ(three.cells[i].wkb, again.cells[i].wkb) << one.cells[i].code;
        }
    }
}

TEST(GenerateGrids, UnchangedVillagesKeepTheirCodesWhenANeighbourChanges) {
    auto before = three_villages();
    auto after = three_villages();
    // Village 201 loses its hole: its grids change, the other villages' must not.
    after[2].geometry = test::wkt("POLYGON ((0 640, 1210 640, 1210 1000, 0 1000, 0 640))");
    GridOptions o;
    auto a = generate(before, o);
    auto b = generate(after, o);
    std::map<std::string, std::vector<std::uint8_t>> old_cells;
    for (const auto& c : a.cells) old_cells[c.code] = c.wkb;
    std::size_t kept = 0;
    for (const auto& c : b.cells) {
        if (c.village_code == "411626101201") continue;
        ASSERT_TRUE(old_cells.count(c.code)) << c.code;
        EXPECT_EQ(old_cells[c.code], c.wkb) << c.code;
        ++kept;
    }
    EXPECT_GT(kept, 50u);
}

TEST(GenerateGrids, LocatorFindsExactlyOneGridOnEveryVertexOfTheTiling) {
    auto villages = three_villages();
    std::vector<DedicatedArea> dedicated;
    dedicated.push_back({"医院", "hospital", test::wkt("POLYGON ((560 200, 760 200, 760 330, 560 330, 560 200))")});
    for (auto method : {GridMethod::Square, GridMethod::Hex}) {
        GridOptions o;
        o.method = method;
        auto run = generate(villages, o, dedicated);
        std::vector<LocatorCell> cells;
        for (const auto& c : run.cells) cells.push_back({c.code, c.shape().polygons()});
        GridLocator locator(std::move(cells));
        std::size_t vertices = 0;
        for (const auto& c : run.cells) {
            for (const auto& rings : c.shape().polygons()) {
                for (const auto& ring : rings) {
                    for (const auto& p : ring) {
                        // Vertices on the outer boundary of the three villages may be outside.
                        if (p.x <= 0 || p.x >= 1210 || p.y <= 0 || p.y >= 1000) continue;
                        if (p.x >= 300 && p.x <= 420 && p.y >= 700 && p.y <= 820) continue;  // the hole
                        auto r = locator.locate(p);
                        EXPECT_EQ(r.claims, 1u) << to_string(method) << " vertex " << p.x << " " << p.y;
                        ++vertices;
                    }
                }
            }
        }
        EXPECT_GT(vertices, 500u);
    }
}

}  // namespace
}  // namespace respgrid::grids

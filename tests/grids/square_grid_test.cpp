// Square grid cutting (grids/square_grid.hpp) on hand-made villages with known answers, and the
// partition invariants on villages that share a slanted border.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "respgrid/geo/half_open.hpp"
#include "respgrid/grids/locator.hpp"
#include "respgrid/grids/square_grid.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

using geo::Geometry;
using geo::XY;

AdminUnit village(const std::string& code, const std::string& name, const std::string& wkt_text) {
    return {AdminLevel::Village, code, name, parent_code_of(code), test::wkt(wkt_text), {}};
}

std::vector<AdminUnit> villages_of(AdminUnit v) {
    std::vector<AdminUnit> out;
    out.push_back(std::move(v));
    return out;
}

std::vector<GridCell> cut(const std::vector<AdminUnit>& villages, double size = 100.0,
                          GridCodeScheme scheme = GridCodeScheme::Digits15) {
    return cut_square_grid(villages, SquareGridOptions{size, scheme});
}

// --- a rectangle with a known answer -----------------------------------------------------------

TEST(CutSquareGrid, RectangleAtOriginGivesSixCellsNumberedFromTheNorthWest) {
    auto cells = cut(villages_of(village("410102001001", "东村", "POLYGON ((0 0, 250 0, 250 150, 0 150, 0 0))")));
    struct Expected {
        const char* code;
        long long column, row;
        double min_x, min_y, max_x, max_y, area;
    };
    // Rows north -> south, west -> east within a row; squares aligned to multiples of 100 m.
    const Expected expected[] = {
        {"410102001001001", 0, 1, 0, 100, 100, 150, 5000},  {"410102001001002", 1, 1, 100, 100, 200, 150, 5000},
        {"410102001001003", 2, 1, 200, 100, 250, 150, 2500}, {"410102001001004", 0, 0, 0, 0, 100, 100, 10000},
        {"410102001001005", 1, 0, 100, 0, 200, 100, 10000},  {"410102001001006", 2, 0, 200, 0, 250, 100, 5000},
    };
    ASSERT_EQ(cells.size(), std::size(expected));
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const auto& c = cells[k];
        const auto& e = expected[k];
        SCOPED_TRACE(e.code);
        EXPECT_EQ(c.code, e.code);
        EXPECT_EQ(c.column, e.column);
        EXPECT_EQ(c.row, e.row);
        auto env = c.shape().envelope();
        EXPECT_EQ(env.min_x, e.min_x);
        EXPECT_EQ(env.min_y, e.min_y);
        EXPECT_EQ(env.max_x, e.max_x);
        EXPECT_EQ(env.max_y, e.max_y);
        EXPECT_EQ(c.area_m2, e.area);
        EXPECT_EQ(c.shape().area(), e.area);
        EXPECT_EQ(c.village_code, "410102001001");
        EXPECT_EQ(c.township_code, "410102001");
        EXPECT_EQ(c.name, "东村第" + std::to_string(k + 1) + "网格");
    }
}

TEST(CutSquareGrid, CellsAlignToTheCrsOriginNotToTheVillage) {
    auto cells = cut(villages_of(village("410102001001", "v", "POLYGON ((50 30, 250 30, 250 130, 50 130, 50 30))")));
    ASSERT_EQ(cells.size(), 6U);
    double total = 0;
    for (const auto& c : cells) {
        auto env = c.shape().envelope();
        // Every cell edge is a village edge or a multiple of 100 m.
        for (double x : {env.min_x, env.max_x}) EXPECT_TRUE(x == 50 || x == 250 || std::fmod(x, 100) == 0) << x;
        for (double y : {env.min_y, env.max_y}) EXPECT_TRUE(y == 30 || y == 130 || std::fmod(y, 100) == 0) << y;
        EXPECT_GE(env.min_x, c.column * 100.0);
        EXPECT_LE(env.max_x, (c.column + 1) * 100.0);
        EXPECT_GE(env.min_y, c.row * 100.0);
        EXPECT_LE(env.max_y, (c.row + 1) * 100.0);
        total += c.area_m2;
    }
    EXPECT_EQ(total, 200.0 * 100.0);
    EXPECT_EQ(cells.front().shape().envelope().min_x, 50);   // 001: north-west
    EXPECT_EQ(cells.front().shape().envelope().max_y, 130);
}

TEST(CutSquareGrid, CellSizeOtherThanHundred) {
    auto cells = cut(villages_of(village("410102001001", "v", "POLYGON ((0 0, 250 0, 250 150, 0 150, 0 0))")), 50.0);
    ASSERT_EQ(cells.size(), 15U);  // 5 columns x 3 rows
    for (const auto& c : cells) EXPECT_EQ(c.area_m2, 2500.0);
}

TEST(CutSquareGrid, RejectsNonPositiveCellSize) {
    auto vs = villages_of(village("410102001001", "v", "POLYGON ((0 0, 250 0, 250 150, 0 150, 0 0))"));
    EXPECT_THROW((void)cut(vs, 0.0), std::invalid_argument);
    EXPECT_THROW((void)cut(vs, -100.0), std::invalid_argument);
    EXPECT_THROW((void)cut(vs, std::nan("")), std::invalid_argument);
}

// --- holes and parts ------------------------------------------------------------------------

TEST(CutSquareGrid, AlignedHoleLeavesNoCell) {
    auto cells = cut(villages_of(village(
        "410102001001", "v",
        "POLYGON ((0 0, 300 0, 300 300, 0 300, 0 0), (100 100, 200 100, 200 200, 100 200, 100 100))")));
    ASSERT_EQ(cells.size(), 8U);
    for (const auto& c : cells) {
        EXPECT_FALSE(c.column == 1 && c.row == 1) << c.code;
        EXPECT_EQ(c.area_m2, 10000.0);
    }
}

TEST(CutSquareGrid, HoleInsideACellIsKeptInThatCell) {
    auto cells = cut(villages_of(village(
        "410102001001", "v",
        "POLYGON ((0 0, 300 0, 300 300, 0 300, 0 0), (120 120, 180 120, 180 180, 120 180, 120 120))")));
    ASSERT_EQ(cells.size(), 9U);
    const auto& centre = cells[4];  // middle row, middle column
    EXPECT_EQ(centre.column, 1);
    EXPECT_EQ(centre.row, 1);
    EXPECT_EQ(centre.area_m2, 10000.0 - 3600.0);
    auto polys = centre.shape().polygons();
    ASSERT_EQ(polys.size(), 1U);
    EXPECT_EQ(polys[0].size(), 2U);  // exterior + the hole
}

TEST(CutSquareGrid, VillageOfTwoPartsGetsCellsInBoth) {
    auto cells = cut(villages_of(village(
        "410102001001", "v",
        "MULTIPOLYGON (((0 0, 100 0, 100 100, 0 100, 0 0)), ((300 0, 400 0, 400 100, 300 100, 300 0)), "
        "((150 250, 250 250, 250 300, 150 300, 150 250)))")));
    ASSERT_EQ(cells.size(), 4U);
    // The northern part comes first (row 2: columns 1 and 2), then row 0 west to east.
    EXPECT_EQ(cells[0].row, 2);
    EXPECT_EQ(cells[0].column, 1);
    EXPECT_EQ(cells[0].area_m2, 2500.0);
    EXPECT_EQ(cells[1].row, 2);
    EXPECT_EQ(cells[1].column, 2);
    EXPECT_EQ(cells[2].column, 0);
    EXPECT_EQ(cells[3].column, 3);
    EXPECT_EQ(cells[3].code, "410102001001004");
    EXPECT_EQ(cells[3].area_m2, 10000.0);
}

TEST(CutSquareGrid, SquareCutInTwoInsideOneVillageIsOneMultiPolygonCell) {
    // A U shape: in the square (0, 1) the village is two separate strips, joined further south.
    auto cells = cut(villages_of(
        village("410102001001", "v", "POLYGON ((0 0, 100 0, 100 150, 70 150, 70 50, 30 50, 30 150, 0 150, 0 0))")));
    ASSERT_EQ(cells.size(), 2U);
    EXPECT_EQ(cells[0].row, 1);
    EXPECT_EQ(cells[0].shape().num_geometries(), 2U);
    EXPECT_EQ(cells[0].shape().type_name(), "MultiPolygon");
    EXPECT_EQ(cells[0].area_m2, 2 * 30.0 * 50.0);
    EXPECT_EQ(cells[1].row, 0);
    EXPECT_EQ(cells[1].area_m2, 10000.0 - 40.0 * 50.0);
}

// --- codes ------------------------------------------------------------------------------------

TEST(CutSquareGrid, OutputIsOrderedByVillageCodeAndNumberingRestartsPerVillage) {
    std::vector<AdminUnit> vs;
    vs.push_back(village("410102001002", "西村", "POLYGON ((200 0, 400 0, 400 100, 200 100, 200 0))"));
    vs.push_back(village("410102001001", "东村", "POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))"));
    auto cells = cut(vs);
    ASSERT_EQ(cells.size(), 4U);
    EXPECT_EQ(cells[0].code, "410102001001001");
    EXPECT_EQ(cells[1].code, "410102001001002");
    EXPECT_EQ(cells[2].code, "410102001002001");
    EXPECT_EQ(cells[3].code, "410102001002002");
    EXPECT_EQ(cells[2].name, "西村第1网格");
    EXPECT_EQ(cells[2].column, 2);
}

TEST(CutSquareGrid, FourteenDigitSchemeOverflowsAtHundredCells) {
    // 1100 m x 1000 m: 110 cells of 100 m.
    auto vs = villages_of(village("410102001007", "v", "POLYGON ((0 0, 1100 0, 1100 1000, 0 1000, 0 0))"));
    try {
        (void)cut(vs, 100.0, GridCodeScheme::Digits14);
        FAIL() << "no CodeError";
    } catch (const CodeError& e) {
        EXPECT_EQ(e.code(), "410102001007");
    }
    auto cells = cut(vs, 100.0, GridCodeScheme::Digits15);
    ASSERT_EQ(cells.size(), 110U);
    EXPECT_EQ(cells.back().code, "410102001007110");
}

TEST(CutSquareGrid, FourteenDigitSchemeAtExactlyNinetyNineCells) {
    auto vs = villages_of(village("410102001007", "v", "POLYGON ((0 0, 900 0, 900 1100, 0 1100, 0 0))"));
    auto cells = cut(vs, 100.0, GridCodeScheme::Digits14);
    ASSERT_EQ(cells.size(), 99U);
    EXPECT_EQ(cells.back().code, "41010200100799");
}

TEST(CutSquareGrid, ReportsProgressUpToOne) {
    std::vector<double> fractions;
    auto vs = villages_of(village("410102001001", "v", "POLYGON ((0 0, 250 0, 250 150, 0 150, 0 0))"));
    (void)cut_square_grid(vs, {}, [&fractions](double f, std::string_view) {
        fractions.push_back(f);
        return true;
    });
    ASSERT_FALSE(fractions.empty());
    EXPECT_EQ(fractions.back(), 1.0);
}

// --- densification ------------------------------------------------------------------------

// Two villages splitting [0, 300]^2 along the slanted line from (0, y0) to (300, 250). Village
// A (south-east of the line) walks the line from east to west, village B from west to east.
std::vector<AdminUnit> split_square(double y0) {
    std::string a = "POLYGON ((0 0, 300 0, 300 250, 0 " + std::to_string(y0) + ", 0 0))";
    std::string b = "POLYGON ((0 " + std::to_string(y0) + ", 300 250, 300 300, 0 300, 0 " + std::to_string(y0) + "))";
    std::vector<AdminUnit> out;
    out.push_back(village("410102001001", "A", a));
    out.push_back(village("410102001002", "B", b));
    return out;
}

// The vertices of `ring` from the first occurrence of `from` to that of `to`, walking forward.
std::vector<XY> chain(const geo::Ring& ring, XY from, XY to) {
    auto begin = std::find(ring.begin(), ring.end(), from);
    auto end = std::find(begin, ring.end(), to);
    if (begin == ring.end() || end == ring.end()) return {};
    return {begin, end + 1};
}

TEST(DensifyAtGridLines, SharedEdgeGetsIdenticalVerticesFromBothSides) {
    auto vs = split_square(30);  // the line crosses x = 100 at y = 103.33..., not a round number
    auto a = densify_at_grid_lines(vs[0].geometry, 100).polygons()[0][0];
    auto b = densify_at_grid_lines(vs[1].geometry, 100).polygons()[0][0];
    auto along_a = chain(a, {300, 250}, {0, 30});
    auto along_b = chain(b, {0, 30}, {300, 250});
    // Endpoints plus the crossings with x = 100, x = 200, y = 100, y = 200.
    ASSERT_EQ(along_a.size(), 6U);
    std::reverse(along_a.begin(), along_a.end());
    EXPECT_EQ(along_a, along_b);  // bit-identical coordinates
    int on_vertical = 0, on_horizontal = 0;
    for (std::size_t k = 1; k + 1 < along_b.size(); ++k) {
        on_vertical += along_b[k].x == 100 || along_b[k].x == 200;
        on_horizontal += along_b[k].y == 100 || along_b[k].y == 200;
        EXPECT_LT(along_b[k - 1].x, along_b[k].x);  // in order along the edge
    }
    EXPECT_EQ(on_vertical, 2);
    EXPECT_EQ(on_horizontal, 2);
}

TEST(DensifyAtGridLines, InsertsACrossingOfEveryGridLine) {
    auto ring = densify_at_grid_lines(test::wkt("POLYGON ((0 0, 250 0, 250 150, 0 150, 0 0))"), 100).polygons()[0][0];
    const geo::Ring expected{{0, 0},     {100, 0},   {200, 0}, {250, 0}, {250, 100},
                             {250, 150}, {200, 150}, {100, 150}, {0, 150}, {0, 100}, {0, 0}};
    EXPECT_EQ(ring, expected);
}

TEST(DensifyAtGridLines, EdgeThroughAGridNodeInsertsTheNodeOnce) {
    auto ring = densify_at_grid_lines(test::wkt("POLYGON ((0 0, 300 0, 300 300, 0 0))"), 100).polygons()[0][0];
    const geo::Ring expected{{0, 0},     {100, 0},   {200, 0},   {300, 0},   {300, 100},
                             {300, 200}, {300, 300}, {200, 200}, {100, 100}, {0, 0}};
    EXPECT_EQ(ring, expected);
}

TEST(DensifyAtGridLines, KeepsTheShape) {
    Geometry g = test::wkt(
        "POLYGON ((3 7, 517 41, 433 389, 12 250, 3 7), (100.5 100.5, 100.5 200.5, 300.5 150.25, 100.5 100.5))");
    Geometry dense = densify_at_grid_lines(g, 100);
    EXPECT_TRUE(dense.is_valid());
    EXPECT_NEAR(dense.area(), g.area(), 1e-6);
    EXPECT_LT(dense.difference(g).area() + g.difference(dense).area(), 1e-6);
    EXPECT_GT(dense.polygons()[0][0].size(), g.polygons()[0][0].size());
}

// --- partition invariants on a shared slanted border ------------------------------------------

void expect_partition(const std::vector<AdminUnit>& vs, const std::vector<GridCell>& cells) {
    constexpr double kTolerance = 1e-6;  // m²
    // Every cell lies in exactly one village, the one it names.
    for (const auto& c : cells) {
        int inside = 0;
        for (const auto& v : vs) {
            double shared = c.shape().intersection(v.geometry).area();
            if (shared >= c.area_m2 - kTolerance) {
                ++inside;
                EXPECT_EQ(c.village_code, v.code) << c.code;
            } else {
                EXPECT_LT(shared, kTolerance) << c.code << " crosses into " << v.code;
            }
        }
        EXPECT_EQ(inside, 1) << c.code;
        EXPECT_NEAR(c.area_m2, c.shape().area(), 1e-9);
        EXPECT_TRUE(c.shape().is_valid()) << c.code << ": " << c.shape().validity_reason();
    }
    // Cells of a village add up to the village.
    for (const auto& v : vs) {
        double total = 0;
        for (const auto& c : cells) {
            if (c.village_code == v.code) total += c.area_m2;
        }
        EXPECT_NEAR(total, v.geometry.area(), kTolerance) << v.code;
    }
    // No two cells overlap.
    for (std::size_t i = 0; i < cells.size(); ++i) {
        for (std::size_t j = i + 1; j < cells.size(); ++j) {
            EXPECT_LT(cells[i].shape().intersection(cells[j].shape()).area(), kTolerance)
                << cells[i].code << " / " << cells[j].code;
            EXPECT_FALSE(cells[i].shape().interiors_intersect(cells[j].shape()))
                << cells[i].code << " / " << cells[j].code;
        }
    }
}

TEST(CutSquareGrid, VillagesSharingASlantedBorderArePartitionedExactly) {
    for (double y0 : {30.0, 10.0, 70.0}) {
        SCOPED_TRACE("y0=" + std::to_string(y0));
        auto vs = split_square(y0);
        auto cells = cut(vs);
        ASSERT_GT(cells.size(), 12U);
        expect_partition(vs, cells);
    }
}

TEST(CutSquareGrid, IrregularVillagesArePartitionedExactly) {
    // Three villages around a shared inner vertex, edges in general position.
    std::vector<AdminUnit> vs;
    vs.push_back(village("410102001001", "a", "POLYGON ((13.7 11.1, 431.3 27.9, 277.77 219.13, 13.7 11.1))"));
    vs.push_back(village("410102001002", "b", "POLYGON ((431.3 27.9, 402.9 377.1, 277.77 219.13, 431.3 27.9))"));
    vs.push_back(village("410102001003", "c", "POLYGON ((13.7 11.1, 277.77 219.13, 402.9 377.1, 21.3 341.7, 13.7 11.1))"));
    auto cells = cut(vs, 70.0);
    expect_partition(vs, cells);
}

std::vector<LocatorCell> locator_cells(const std::vector<GridCell>& cells) {
    std::vector<LocatorCell> out;
    for (const auto& c : cells) out.push_back({c.code, c.shape().polygons()});
    return out;
}

TEST(CutSquareGrid, PointsOnTheSharedBorderHaveExactlyOneCellOnItsEastSide) {
    // Border from (0, 10) to (300, 250): slope 4/5, so the points below are exactly on it.
    auto vs = split_square(10);
    auto cells = cut(vs);
    GridLocator locator(locator_cells(cells));
    for (double x = 12.5; x < 300; x += 12.5) {
        XY p{x, 10 + x * 4 / 5};
        auto r = locator.locate(p);
        ASSERT_EQ(r.status, LocateStatus::Inside) << x;
        EXPECT_EQ(r.claims, 1U) << x;
        // East of a rising border is village A (below the line).
        EXPECT_EQ(locator.code(*r.cell).substr(0, 12), "410102001001") << "(" << p.x << ", " << p.y << ")";
    }
    // The far end of the border is on the east edge of the square: nobody's.
    EXPECT_EQ(locator.locate({300, 250}).status, LocateStatus::Outside);
    EXPECT_EQ(locator.locate({0, 10}).claims, 1U);
}

TEST(CutSquareGrid, PointsOnAnInexactSharedBorderHaveExactlyOneCell) {
    auto vs = split_square(30);
    auto cells = cut(vs);
    GridLocator locator(locator_cells(cells));
    // The densified border vertices, and points along each border piece.
    auto ring = densify_at_grid_lines(vs[1].geometry, 100).polygons()[0][0];
    auto border = chain(ring, {0, 30}, {300, 250});
    ASSERT_EQ(border.size(), 6U);
    for (std::size_t k = 0; k + 1 < border.size(); ++k) {
        for (int s = 0; s < 8; ++s) {
            XY a = border[k], b = border[k + 1];
            XY p{a.x + (b.x - a.x) * s / 8, a.y + (b.y - a.y) * s / 8};
            EXPECT_EQ(locator.locate(p).claims, 1U) << "(" << p.x << ", " << p.y << ")";
        }
    }
}

TEST(CutSquareGrid, RandomPointsInTheSquareHaveExactlyOneCell) {
    for (double y0 : {30.0, 10.0}) {
        auto cells = cut(split_square(y0));
        GridLocator locator(locator_cells(cells));
        std::mt19937 rng(99);
        int bad = 0;
        for (int k = 0; k < 20000; ++k) {
            XY p{300.0 * rng() / 4294967296.0, 300.0 * rng() / 4294967296.0};
            if (locator.locate(p).claims != 1) ++bad;
        }
        EXPECT_EQ(bad, 0) << "y0=" << y0;
    }
}

}  // namespace
}  // namespace respgrid::grids

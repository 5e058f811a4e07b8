// GridLocator (grids/locator.hpp): which grid a point lies in, with the half-open rule on shared
// borders, gaps and the outside, the nearest grid, and overlap claims.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "respgrid/geo/half_open.hpp"
#include "respgrid/grids/locator.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

using geo::XY;

LocatorCell cell(const std::string& code, const std::string& wkt_text) {
    return {code, test::wkt(wkt_text).polygons()};
}

std::vector<geo::PolygonRings> polygons(const std::string& wkt_text) { return test::wkt(wkt_text).polygons(); }

// 100 m squares over [0, 200]^2, numbered from the north-west like the grid cutter does.
//   001 NW | 002 NE
//   -------+-------
//   003 SW | 004 SE
constexpr const char* kNW = "410102001001001";
constexpr const char* kNE = "410102001001002";
constexpr const char* kSW = "410102001001003";
constexpr const char* kSE = "410102001001004";

std::vector<LocatorCell> tiling2x2(bool with_ne = true) {
    std::vector<LocatorCell> cells;
    cells.push_back(cell(kNW, "POLYGON ((0 100, 100 100, 100 200, 0 200, 0 100))"));
    if (with_ne) cells.push_back(cell(kNE, "POLYGON ((100 100, 200 100, 200 200, 100 200, 100 100))"));
    cells.push_back(cell(kSW, "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"));
    cells.push_back(cell(kSE, "POLYGON ((100 0, 200 0, 200 100, 100 100, 100 0))"));
    return cells;
}

const char* const kCounty = "POLYGON ((0 0, 200 0, 200 200, 0 200, 0 0))";

// The code of the cell a point is located in, or "" when none.
std::string located(const GridLocator& locator, XY p) {
    auto r = locator.locate(p);
    return r.cell ? locator.code(*r.cell) : std::string();
}

// --- inside and on shared borders -----------------------------------------------------------------

TEST(GridLocator, PointInsideACellFindsItWithOneClaim) {
    GridLocator locator(tiling2x2());
    auto r = locator.locate({150, 50});
    EXPECT_EQ(r.status, LocateStatus::Inside);
    ASSERT_TRUE(r.cell);
    EXPECT_EQ(locator.code(*r.cell), kSE);
    EXPECT_EQ(r.claims, 1U);
}

TEST(GridLocator, PointOnSharedEdgeBelongsToEastCell) {
    GridLocator locator(tiling2x2());
    for (double y = 0.5; y < 100; y += 6.25) {
        EXPECT_EQ(located(locator, {100, y}), kSE) << y;
        EXPECT_EQ(located(locator, {100, 100 + y}), kNE) << 100 + y;
        EXPECT_EQ(locator.locate({100, y}).claims, 1U);
    }
}

TEST(GridLocator, PointOnSharedHorizontalEdgeBelongsToNorthCell) {
    GridLocator locator(tiling2x2());
    for (double x = 0.5; x < 100; x += 6.25) {
        EXPECT_EQ(located(locator, {x, 100}), kNW) << x;
        EXPECT_EQ(located(locator, {100 + x, 100}), kNE) << 100 + x;
        EXPECT_EQ(locator.locate({x, 100}).claims, 1U);
    }
}

TEST(GridLocator, SharedVertexBelongsToNorthEastCell) {
    GridLocator locator(tiling2x2());
    auto r = locator.locate({100, 100});
    EXPECT_EQ(r.claims, 1U);
    EXPECT_EQ(located(locator, {100, 100}), kNE);
}

TEST(GridLocator, WestAndSouthOuterEdgesAreInsideEastAndNorthAreNot) {
    GridLocator locator(tiling2x2());
    EXPECT_EQ(located(locator, {0, 50}), kSW);
    EXPECT_EQ(located(locator, {50, 0}), kSW);
    EXPECT_EQ(located(locator, {0, 0}), kSW);
    EXPECT_EQ(locator.locate({200, 50}).status, LocateStatus::Outside);
    EXPECT_EQ(locator.locate({50, 200}).status, LocateStatus::Outside);
}

TEST(GridLocator, PointOnEastOuterEdgeIsOutsideAtDistanceZeroFromItsCell) {
    GridLocator locator(tiling2x2());
    auto r = locator.locate({200, 50});
    EXPECT_FALSE(r.cell);
    ASSERT_TRUE(r.nearest);
    EXPECT_EQ(locator.code(*r.nearest), kSE);
    EXPECT_EQ(r.nearest_distance_m, 0.0);
}

TEST(GridLocator, MultiPolygonCellIsFoundInEveryPart) {
    GridLocator locator(
        {cell("A", "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((20 0, 30 0, 30 10, 20 10, 20 0)))")});
    EXPECT_EQ(located(locator, {5, 5}), "A");
    EXPECT_EQ(located(locator, {25, 5}), "A");
    EXPECT_EQ(located(locator, {15, 5}), "");
}

TEST(GridLocator, CellWithHoleDoesNotHoldPointsInTheHole) {
    GridLocator locator({cell("A", "POLYGON ((0 0, 30 0, 30 30, 0 30, 0 0), (10 10, 20 10, 20 20, 10 20, 10 10))")});
    EXPECT_EQ(located(locator, {5, 5}), "A");
    EXPECT_EQ(located(locator, {15, 15}), "");
    auto r = locator.locate({15, 12});
    ASSERT_TRUE(r.nearest);
    EXPECT_DOUBLE_EQ(r.nearest_distance_m, 2.0);  // to the hole's south edge
}

// --- outside and nearest ----------------------------------------------------------------------

TEST(GridLocator, OutsidePointGetsNearestCellAndExactDistance) {
    GridLocator locator(tiling2x2());
    auto r = locator.locate({250, 50});
    EXPECT_EQ(r.status, LocateStatus::Outside);
    EXPECT_FALSE(r.cell);
    EXPECT_EQ(r.claims, 0U);
    ASSERT_TRUE(r.nearest);
    EXPECT_EQ(locator.code(*r.nearest), kSE);
    EXPECT_DOUBLE_EQ(r.nearest_distance_m, 50.0);

    r = locator.locate({-30, -40});  // 3-4-5 from the south-west corner
    ASSERT_TRUE(r.nearest);
    EXPECT_EQ(locator.code(*r.nearest), kSW);
    EXPECT_DOUBLE_EQ(r.nearest_distance_m, 50.0);

    r = locator.locate({250, 260});
    ASSERT_TRUE(r.nearest);
    EXPECT_EQ(locator.code(*r.nearest), kNE);
    EXPECT_DOUBLE_EQ(r.nearest_distance_m, std::hypot(50.0, 60.0));
}

TEST(GridLocator, WithoutCountyEveryUnclaimedPointIsOutside) {
    GridLocator locator(tiling2x2(/*with_ne=*/false));
    EXPECT_EQ(locator.locate({150, 150}).status, LocateStatus::Outside);
}

TEST(GridLocator, PointInCountyButInNoCellIsInGap) {
    GridLocator locator(tiling2x2(/*with_ne=*/false), polygons(kCounty));
    auto r = locator.locate({170, 150});
    EXPECT_EQ(r.status, LocateStatus::InGap);
    EXPECT_FALSE(r.cell);
    EXPECT_EQ(r.claims, 0U);
    ASSERT_TRUE(r.nearest);
    EXPECT_EQ(locator.code(*r.nearest), kSE);  // 50 m south; the NW cell is 70 m west
    EXPECT_DOUBLE_EQ(r.nearest_distance_m, 50.0);
}

TEST(GridLocator, PointOutsideCountyIsOutsideEvenWithCounty) {
    GridLocator locator(tiling2x2(/*with_ne=*/false), polygons(kCounty));
    EXPECT_EQ(locator.locate({250, 50}).status, LocateStatus::Outside);
    EXPECT_EQ(locator.locate({200, 150}).status, LocateStatus::Outside);  // the county's east edge
    EXPECT_EQ(locator.locate({150, 100}).status, LocateStatus::InGap);    // the gap's south edge
}

TEST(GridLocator, NearestTieGoesToLowestCode) {
    GridLocator locator(tiling2x2(/*with_ne=*/false), polygons(kCounty));
    auto r = locator.locate({150, 150});  // 50 m from both NW and SE
    ASSERT_TRUE(r.nearest);
    EXPECT_EQ(locator.code(*r.nearest), kNW);
    EXPECT_DOUBLE_EQ(r.nearest_distance_m, 50.0);
}

TEST(GridLocator, NearestIsExactWhenManyBoxesContainThePoint) {
    // 30 parallel slanted strips: every strip's bounding box contains the query point, so the
    // boxes say nothing and the locator has to widen its search to all of them.
    std::vector<LocatorCell> cells;
    for (int k = 0; k < 30; ++k) {
        double x = 10.0 * k;
        geo::Ring ring{{x, 0}, {x + 5, 0}, {x + 305, 300}, {x + 300, 300}, {x, 0}};
        cells.push_back({"S" + std::to_string(100 - k), {{ring}}});  // codes descend with k
    }
    GridLocator locator(cells);
    // At y = 280 strip k spans x in [10k + 280, 10k + 285]: the point is 1 m east of strip 1.
    auto r = locator.locate({296, 280});
    EXPECT_EQ(r.status, LocateStatus::Outside);
    ASSERT_TRUE(r.nearest);
    EXPECT_EQ(locator.code(*r.nearest), "S99");
    EXPECT_NEAR(r.nearest_distance_m, 1 / std::sqrt(2.0), 1e-12);
}

TEST(GridLocator, NearestMatchesBruteForceOnALargerTiling) {
    // 12 x 12 cells of 50 m, a county twice as large: random points outside the cells.
    std::vector<LocatorCell> cells;
    for (int i = 0; i < 12; ++i) {
        for (int j = 0; j < 12; ++j) {
            double x = 50.0 * i, y = 50.0 * j;
            cells.push_back({"C" + std::to_string(1000 + 12 * j + i),
                             {{{{x, y}, {x + 50, y}, {x + 50, y + 50}, {x, y + 50}, {x, y}}}}});
        }
    }
    GridLocator locator(cells);
    std::mt19937 rng(3);
    for (int k = 0; k < 300; ++k) {
        XY p{-600 + 1800.0 * rng() / 4294967296.0, -600 + 1800.0 * rng() / 4294967296.0};
        auto r = locator.locate(p);
        if (r.status == LocateStatus::Inside) continue;
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < locator.size(); ++i) best = std::min(best, distance_to_boundary(locator.cell(i).polygons, p));
        ASSERT_TRUE(r.nearest);
        EXPECT_DOUBLE_EQ(r.nearest_distance_m, best) << p.x << " " << p.y;
        EXPECT_DOUBLE_EQ(distance_to_boundary(locator.cell(*r.nearest).polygons, p), best);
    }
}

TEST(GridLocator, WhereGivesCodesInsteadOfIndices) {
    GridLocator locator(tiling2x2(/*with_ne=*/false), polygons(kCounty));
    Location in = locator.where({100, 50});
    EXPECT_EQ(in.status, LocateStatus::Inside);
    EXPECT_EQ(in.grid_code, kSE);
    EXPECT_EQ(in.claims, 1U);
    EXPECT_EQ(in.nearest_grid_code, "");
    Location gap = locator.where({170, 150});
    EXPECT_EQ(gap.status, LocateStatus::InGap);
    EXPECT_EQ(gap.grid_code, "");
    EXPECT_EQ(gap.nearest_grid_code, kSE);
    EXPECT_DOUBLE_EQ(gap.nearest_distance_m, 50.0);
}

// --- overlaps and order --------------------------------------------------------------------------

TEST(GridLocator, OverlappingCellsBothClaimAndLowestCodeWins) {
    auto a = cell("410102001001002", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
    auto b = cell("410102001001001", "POLYGON ((50 0, 150 0, 150 100, 50 100, 50 0))");
    for (bool swap : {false, true}) {
        std::vector<LocatorCell> cells;
        cells.push_back(swap ? b : a);
        cells.push_back(swap ? a : b);
        GridLocator locator(std::move(cells));
        auto r = locator.locate({75, 50});
        EXPECT_EQ(r.status, LocateStatus::Inside);
        EXPECT_EQ(r.claims, 2U);
        EXPECT_EQ(locator.code(*r.cell), "410102001001001");
        EXPECT_EQ(locator.locate({25, 50}).claims, 1U);
        EXPECT_EQ(located(locator, {25, 50}), "410102001001002");
    }
}

TEST(GridLocator, CellsAreSortedByCode) {
    GridLocator locator(tiling2x2());
    ASSERT_EQ(locator.size(), 4U);
    for (std::size_t i = 1; i < locator.size(); ++i) EXPECT_LT(locator.code(i - 1), locator.code(i));
}

TEST(GridLocator, ResultsDoNotDependOnTheOrderCellsAreGiven) {
    auto base = tiling2x2(/*with_ne=*/false);
    std::vector<std::string> expected;
    std::vector<XY> points;
    for (double x = -12.5; x <= 212.5; x += 12.5) {
        for (double y = -12.5; y <= 212.5; y += 12.5) points.push_back({x, y});
    }
    std::vector<int> order{0, 1, 2};
    bool first = true;
    do {
        std::vector<LocatorCell> cells;
        for (int k : order) cells.push_back(base[static_cast<std::size_t>(k)]);
        GridLocator locator(std::move(cells), polygons(kCounty));
        std::vector<std::string> got;
        for (XY p : points) {
            auto r = locator.locate(p);
            got.push_back(std::string(to_string(r.status)) + ":" + (r.cell ? locator.code(*r.cell) : "") + ":" +
                          (r.nearest ? locator.code(*r.nearest) : ""));
        }
        if (first) {
            expected = got;
            first = false;
        } else {
            EXPECT_EQ(got, expected);
        }
    } while (std::next_permutation(order.begin(), order.end()));
}

// --- degenerate input ---------------------------------------------------------------------------

TEST(GridLocator, NonFinitePointIsOutsideWithNoNearestCell) {
    GridLocator locator(tiling2x2());
    for (XY p : {XY{std::nan(""), 5}, XY{5, std::numeric_limits<double>::infinity()}}) {
        auto r = locator.locate(p);
        EXPECT_EQ(r.status, LocateStatus::Outside);
        EXPECT_FALSE(r.cell);
        EXPECT_FALSE(r.nearest);
    }
}

TEST(GridLocator, EmptyLocatorFindsNothing) {
    GridLocator locator({});
    auto r = locator.locate({5, 5});
    EXPECT_EQ(r.status, LocateStatus::Outside);
    EXPECT_FALSE(r.cell);
    EXPECT_FALSE(r.nearest);
}

TEST(GridLocator, StatusNames) {
    EXPECT_EQ(to_string(LocateStatus::Inside), "inside");
    EXPECT_EQ(to_string(LocateStatus::InGap), "in_gap");
    EXPECT_EQ(to_string(LocateStatus::Outside), "outside");
}

TEST(DistanceToBoundary, IsTheDistanceToTheNearestEdge) {
    auto square = polygons("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
    EXPECT_DOUBLE_EQ(distance_to_boundary(square, {30, 50}), 30.0);
    EXPECT_DOUBLE_EQ(distance_to_boundary(square, {100, 50}), 0.0);
    EXPECT_DOUBLE_EQ(distance_to_boundary(square, {103, 104}), 5.0);
}

// --- the bucket index against brute force ------------------------------------------------------

// An irregular tiling of [0, 400] x [0, 300] in 100 m squares: whole squares, squares cut along a
// diagonal into two triangles, a square with a hole and the cell filling the hole, a multipolygon
// cell of two separate squares, and a big cell next to two small ones (T-junctions).
std::vector<LocatorCell> irregular_tiling() {
    std::vector<LocatorCell> cells;
    int code = 100;
    auto add = [&](const std::string& wkt_text) { cells.push_back(cell("410102001001" + std::to_string(code++), wkt_text)); };
    add("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
    add("POLYGON ((100 0, 200 0, 200 100, 100 0))");  // lower-right triangle
    add("POLYGON ((100 0, 200 100, 100 100, 100 0))");  // upper-left triangle
    add("POLYGON ((200 0, 300 0, 300 100, 200 100, 200 0), (230 30, 270 30, 270 70, 230 70, 230 30))");
    add("POLYGON ((230 30, 270 30, 270 70, 230 70, 230 30))");  // fills the hole
    add("MULTIPOLYGON (((300 0, 400 0, 400 100, 300 100, 300 0)), ((0 200, 100 200, 100 300, 0 300, 0 200)))");
    add("POLYGON ((0 100, 200 100, 200 200, 0 200, 0 100))");  // big, beside two small (T-junctions)
    add("POLYGON ((200 100, 300 100, 300 150, 200 150, 200 100))");
    add("POLYGON ((200 150, 300 150, 300 200, 200 200, 200 150))");
    add("POLYGON ((300 100, 400 100, 400 200, 300 200, 300 100))");
    add("POLYGON ((100 200, 400 200, 400 300, 100 300, 100 200))");
    return cells;
}

const char* const kBigCounty = "POLYGON ((-50 -50, 450 -50, 450 350, -50 350, -50 -50))";

// The cells whose half-open region holds p, by the plain crossing test (no index).
std::vector<std::size_t> claims_of(const GridLocator& locator, XY p) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < locator.size(); ++i) {
        if (geo::half_open_contains(locator.cell(i).polygons, p)) out.push_back(i);
    }
    return out;
}

TEST(GridLocatorIndex, ThousandRandomPointsAgreeWithGeos) {
    GridLocator locator(irregular_tiling(), polygons(kBigCounty));
    std::vector<geo::Geometry> geometries;
    for (std::size_t i = 0; i < locator.size(); ++i) geometries.push_back(geo::Geometry::from_polygons(locator.cell(i).polygons));
    std::vector<geo::PreparedGeometry> shapes;
    for (const auto& g : geometries) shapes.emplace_back(g);
    geo::Geometry county_shape = test::wkt(kBigCounty);
    geo::PreparedGeometry county(county_shape);
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> x(-100, 500), y(-100, 400);
    int inside = 0, gap = 0, outside = 0;
    for (int k = 0; k < 1000; ++k) {
        XY p{x(rng), y(rng)};
        geo::Geometry point = geo::Geometry::point(p);
        std::vector<std::size_t> holders;
        for (std::size_t i = 0; i < shapes.size(); ++i) {
            if (shapes[i].contains(point)) holders.push_back(i);
        }
        ASSERT_LE(holders.size(), 1u) << "the tiling overlaps at " << p.x << " " << p.y;
        auto r = locator.locate(p);
        if (holders.empty()) {
            EXPECT_FALSE(r.cell) << p.x << " " << p.y;
            EXPECT_EQ(r.status, county.contains(point) ? LocateStatus::InGap : LocateStatus::Outside);
            (r.status == LocateStatus::InGap ? gap : outside) += 1;
        } else {
            ASSERT_TRUE(r.cell) << p.x << " " << p.y;
            EXPECT_EQ(*r.cell, holders[0]) << p.x << " " << p.y;
            EXPECT_EQ(r.claims, 1u);
            ++inside;
        }
    }
    EXPECT_GT(inside, 300);
    EXPECT_GT(gap, 50);
    EXPECT_GT(outside, 50);
}

// Points on every vertex, edge midpoint and quarter point of the tiling, and on bucket lines.
std::vector<XY> boundary_points() {
    std::vector<XY> out;
    for (double x = 0; x <= 400; x += 12.5) {
        for (double y = 0; y <= 300; y += 12.5) out.push_back({x, y});
    }
    return out;
}

TEST(GridLocatorIndex, BoundaryPointsGoToTheHalfOpenOwnerWhateverTheBuckets) {
    std::vector<GridLocatorOptions> configs(6);
    configs[1].bucket_size = 100.0;
    configs[2].bucket_size = 37.0;
    configs[3].bucket_size = 300.0;
    configs[4].bucket_size = 100.0;
    configs[4].origin = XY{0, 0};
    configs[5].bucket_size = 50.0;
    configs[5].origin = XY{25, -25};
    auto points = boundary_points();
    GridLocator reference(irregular_tiling(), polygons(kBigCounty));
    for (std::size_t k = 0; k < configs.size(); ++k) {
        auto cells = irregular_tiling();
        std::reverse(cells.begin(), cells.end());  // input order must not matter
        GridLocator locator(cells, polygons(kBigCounty), configs[k]);
        for (const auto& p : points) {
            auto claims = claims_of(locator, p);
            auto r = locator.locate(p);
            // Inside the tiling's west/south-closed extent every point has exactly one owner.
            if (p.x < 400 && p.y < 300) {
                EXPECT_EQ(claims.size(), 1u) << p.x << " " << p.y;
            }
            ASSERT_EQ(r.cell.has_value(), !claims.empty()) << "config " << k << " at " << p.x << " " << p.y;
            if (r.cell) {
                EXPECT_EQ(*r.cell, claims[0]) << "config " << k << " at " << p.x << " " << p.y;
            }
            auto expected = reference.locate(p);
            EXPECT_EQ(r.cell, expected.cell) << "config " << k << " at " << p.x << " " << p.y;
        }
    }
}

TEST(GridLocatorIndex, TJunctionVertexOnTheBigCellsEdgeGoesNorthEast) {
    GridLocator locator(irregular_tiling(), {}, GridLocatorOptions{100.0, XY{0, 0}});
    // (200, 150): the corner the two small cells share on the big cell's east edge.
    EXPECT_EQ(located(locator, {200, 150}), "410102001001108");
    EXPECT_EQ(located(locator, {200, 149.999}), "410102001001107");
    EXPECT_EQ(located(locator, {199.999, 150}), "410102001001106");
}

TEST(GridLocatorIndex, SquareGridTakesTheSquaresAsBucketsAndOverlapsStillCountClaims) {
    std::vector<LocatorCell> cells;
    for (int j = 0; j < 20; ++j) {
        for (int i = 0; i < 20; ++i) {
            double x0 = 500000 + i * 100.0, y0 = 3700000 + j * 100.0;
            cells.push_back(cell("4101020010" + std::to_string(10000 + j * 20 + i),
                                 "POLYGON ((" + std::to_string(x0) + " " + std::to_string(y0) + ", " + std::to_string(x0 + 100) +
                                     " " + std::to_string(y0) + ", " + std::to_string(x0 + 100) + " " + std::to_string(y0 + 100) +
                                     ", " + std::to_string(x0) + " " + std::to_string(y0 + 100) + ", " + std::to_string(x0) + " " +
                                     std::to_string(y0) + "))"));
        }
    }
    GridLocator squares(cells);
    EXPECT_EQ(squares.bucket_size(), 100.0);
    for (int k = 0; k < 2000; ++k) {
        XY p{500000.0 + (k * 37 % 2000) + 0.5 * (k % 3), 3700000.0 + (k * 53 % 2000)};
        auto claims = claims_of(squares, p);
        auto r = squares.locate(p);
        ASSERT_EQ(claims.size(), 1u);
        EXPECT_EQ(r.cell, claims[0]);
    }
    // An extra square overlapping four others: its buckets hold candidates again, both claim.
    cells.push_back(cell("410102001099999", "POLYGON ((500050 3700050, 500150 3700050, 500150 3700150, 500050 3700150, 500050 3700050))"));
    GridLocator overlapped(cells);
    auto r = overlapped.locate({500120, 3700120});
    EXPECT_EQ(r.claims, 2u);
    EXPECT_EQ(overlapped.code(*r.cell), "410102001010021");
    EXPECT_GT(overlapped.index_bytes(), GridLocator(irregular_tiling()).index_bytes());
}

// --- noise: a point in a sliver narrower than the noise width ------------------------------------

// Two grids that share the edge a-b, and the same two with `b_side` moved `gap` metres along
// `normal` (away from `a_side`): a sliver between them. Points on the shared edge (closed) and
// points in the sliver (open) must go to the same grid.
struct SliverCase {
    const char* name;
    const char* a_side;      // WKT with the edge
    const char* b_side;      // WKT with the edge, the sliver case shifts it
    XY normal;               // unit vector from a_side towards b_side across the edge
    XY on_edge;              // a point of the shared edge
};

LocatorCell shifted(const std::string& code, const char* wkt_text, XY by) {
    auto polygons = test::wkt(wkt_text).polygons();
    for (auto& rings : polygons) {
        for (auto& ring : rings) {
            for (auto& q : ring) q = {q.x + by.x, q.y + by.y};
        }
    }
    return {code, polygons};
}

TEST(GridLocatorNoise, APointInASliverUnderTheNoiseWidthGoesWhereTheBorderRuleSends) {
    const double root = 1.0 / std::sqrt(1.0 + 1e-6);
    const SliverCase cases[] = {
        {"vertical", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))", "POLYGON ((100 0, 200 0, 200 100, 100 100, 100 0))",
         {1, 0}, {100, 50}},
        {"horizontal", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))", "POLYGON ((0 100, 100 100, 100 200, 0 200, 0 100))",
         {0, 1}, {50, 100}},
        // Rising by 0.1 m over 100 m: the east side of the shared edge is the south grid.
        {"rising", "POLYGON ((0 0, 100 0, 100 100.1, 0 100, 0 0))", "POLYGON ((0 100, 100 100.1, 100 200, 0 200, 0 100))",
         {-1e-3 * root, root}, {50, 100.05}},
        {"falling", "POLYGON ((0 0, 100 0, 100 99.9, 0 100, 0 0))", "POLYGON ((0 100, 100 99.9, 100 200, 0 200, 0 100))",
         {1e-3 * root, root}, {50, 99.95}},
    };
    for (const auto& k : cases) {
        SCOPED_TRACE(k.name);
        GridLocator closed({cell("A", k.a_side), cell("B", k.b_side)});
        const std::string owner = located(closed, k.on_edge);
        ASSERT_FALSE(owner.empty());
        const double gap = 0.004;  // 4 mm: under the 1 cm noise width
        GridLocator open({cell("A", k.a_side), shifted("B", k.b_side, {gap * k.normal.x, gap * k.normal.y})});
        for (double t : {0.0, 0.001, 0.002, 0.003}) {
            const XY p{k.on_edge.x + t * k.normal.x, k.on_edge.y + t * k.normal.y};
            auto r = open.locate(p);
            EXPECT_EQ(r.status, LocateStatus::Inside) << t;
            ASSERT_TRUE(r.cell) << t;
            EXPECT_EQ(open.code(*r.cell), owner) << t;
            // On the owner's own edge the border rule answers (one claim); in the sliver, noise.
            if (r.claims == 0) {
                EXPECT_GT(r.noise_gap_m, 0.0) << t;
                EXPECT_LE(r.noise_gap_m, gap + 1e-9) << t;
            } else {
                EXPECT_EQ(r.noise_gap_m, 0.0) << t;
            }
        }
        // Inside a grid the noise rule never applies.
        const XY deep{k.on_edge.x - 10 * k.normal.x, k.on_edge.y - 10 * k.normal.y};
        EXPECT_EQ(open.locate(deep).noise_gap_m, 0.0);
    }
}

TEST(GridLocatorNoise, TheBorderRuleHoldsAtFourGridsMeetingAroundASmallGap) {
    // Four squares around a 4 x 4 mm hole at (100, 100): the hole goes north-east, as the
    // shared vertex would.
    const double g = 0.004;
    GridLocator locator({cell("SW", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"),
                         shifted("SE", "POLYGON ((100 0, 200 0, 200 100, 100 100, 100 0))", {g, 0}),
                         shifted("NW", "POLYGON ((0 100, 100 100, 100 200, 0 200, 0 100))", {0, g}),
                         shifted("NE", "POLYGON ((100 100, 200 100, 200 200, 100 200, 100 100))", {g, g})});
    for (XY p : {XY{100.001, 100.001}, XY{100.003, 100.002}, XY{100.002, 100.0035}}) {
        auto r = locator.locate(p);
        ASSERT_TRUE(r.cell) << p.x << " " << p.y;
        EXPECT_EQ(locator.code(*r.cell), "NE") << p.x << " " << p.y;
    }
}

TEST(GridLocatorNoise, WiderGapsAndTheEastAndNorthOutlineStayOutOfEveryGrid) {
    GridLocator locator({cell("A", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"),
                         cell("B", "POLYGON ((100.024 0, 200 0, 200 100, 100.024 100, 100.024 0))")},
                        polygons("POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))"));
    // 2.4 cm between the grids: 1.2 cm from either, not noise.
    auto r = locator.locate({100.012, 50});
    EXPECT_EQ(r.status, LocateStatus::InGap);
    EXPECT_FALSE(r.cell);
    // 3 mm outside the east and north edges: outside, as a point on those edges is.
    EXPECT_EQ(locator.locate({200.003, 50}).status, LocateStatus::Outside);
    EXPECT_EQ(locator.locate({150, 100.003}).status, LocateStatus::Outside);
    // 3 mm outside the west and south edges: in the grid there, as a point on those edges is.
    EXPECT_EQ(located(locator, {-0.003, 50}), "A");
    EXPECT_EQ(located(locator, {150, -0.003}), "B");
    // The rule can be turned off.
    GridLocatorOptions off;
    off.noise_width_m = 0.0;
    GridLocator strict({cell("A", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))")}, {}, off);
    EXPECT_EQ(strict.locate({-0.003, 50}).status, LocateStatus::Outside);
}

TEST(GridLocatorNoise, DetailNamesTheGridAcrossTheSliver) {
    GridLocator locator({cell("A", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"),
                         cell("B", "POLYGON ((100.004 0, 200 0, 200 100, 100.004 100, 100.004 0))")});
    auto d = locator.locate_detailed({100.001, 50}, 5.0);
    ASSERT_TRUE(d.cell);
    EXPECT_EQ(locator.code(*d.cell), "B");
    EXPECT_NEAR(d.border_distance_m, 0.003, 1e-9);
    ASSERT_TRUE(d.runner_up);
    EXPECT_EQ(locator.code(*d.runner_up), "A");
    // From inside A, 1 m from the sliver: B is the runner-up across it.
    d = locator.locate_detailed({99, 50}, 5.0);
    EXPECT_EQ(locator.code(*d.cell), "A");
    ASSERT_TRUE(d.runner_up);
    EXPECT_EQ(locator.code(*d.runner_up), "B");
}

TEST(GridLocatorDetail, BorderDistanceAndTheNeighbourAcrossIt) {
    GridLocator locator(tiling2x2(), polygons(kCounty));
    // 0.3 m west of the NW/NE border.
    auto d = locator.locate_detailed({99.7, 150}, 5.0);
    ASSERT_TRUE(d.cell);
    EXPECT_EQ(locator.code(*d.cell), kNW);
    EXPECT_NEAR(d.border_distance_m, 0.3, 1e-9);
    ASSERT_TRUE(d.runner_up);
    EXPECT_EQ(locator.code(*d.runner_up), kNE);
    // On the border itself: the east cell owns it, the west one is the runner-up.
    d = locator.locate_detailed({100, 150}, 5.0);
    EXPECT_EQ(locator.code(*d.cell), kNE);
    EXPECT_EQ(d.border_distance_m, 0.0);
    ASSERT_TRUE(d.runner_up);
    EXPECT_EQ(locator.code(*d.runner_up), kNW);
    // 0.3 m from the coverage's outer edge: nobody across it.
    d = locator.locate_detailed({150, 199.7}, 5.0);
    EXPECT_NEAR(d.border_distance_m, 0.3, 1e-9);
    EXPECT_FALSE(d.runner_up);
    // Farther than the tolerance: the distance is given, the runner-up is not looked for.
    d = locator.locate_detailed({150, 150}, 5.0);
    EXPECT_NEAR(d.border_distance_m, 50.0, 1e-9);
    EXPECT_FALSE(d.runner_up);
    // South of the SE/NE border by 1 m: the runner-up is north.
    d = locator.locate_detailed({150, 99}, 5.0);
    EXPECT_EQ(locator.code(*d.cell), kSE);
    EXPECT_EQ(locator.code(*d.runner_up), kNE);
}

}  // namespace
}  // namespace respgrid::grids

namespace respgrid::grids {
namespace {

// --assign-nearest: a point in a cell keeps it; outside every cell it goes to the nearest only
// within the distance asked; the status says which.
TEST(AssignLocated, OwnCellFirstThenTheNearestWithinTheDistanceAsked) {
    LocateDetail inside;
    inside.status = LocateStatus::Inside;
    inside.cell = 4;
    inside.nearest = 9;  // never used when the point has a cell
    auto a = assign_located(inside, 100.0);
    EXPECT_EQ(a.cell, std::optional<std::size_t>(4));
    EXPECT_FALSE(a.to_nearest);
    EXPECT_EQ(located_status(inside, a), "inside");

    LocateDetail outside;
    outside.status = LocateStatus::Outside;
    outside.nearest = 7;
    outside.nearest_distance_m = 30.0;
    a = assign_located(outside, 30.0);
    EXPECT_EQ(a.cell, std::optional<std::size_t>(7));
    EXPECT_TRUE(a.to_nearest);
    EXPECT_EQ(located_status(outside, a), "assigned_nearest");
    a = assign_located(outside, 29.9);
    EXPECT_FALSE(a.cell);
    EXPECT_EQ(located_status(outside, a), "outside");
    EXPECT_FALSE(assign_located(outside, std::nullopt).cell) << "without --assign-nearest nothing is given away";
}

}  // namespace
}  // namespace respgrid::grids

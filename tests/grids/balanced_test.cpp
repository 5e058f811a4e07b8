// Balanced grids (grids/balanced.hpp): known answers on hand-made villages, the partition
// invariants (exact tiling, inside the village, contiguity), the stats, and determinism.
// Points come from fixed seeds; coordinates from rng() / 2^32 so they do not depend on the
// standard library's distributions.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "respgrid/geo/linework.hpp"
#include "respgrid/grids/balanced.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/grids/locator.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

using geo::Geometry;
using geo::XY;

AdminUnit village(const std::string& wkt_text, const std::string& code = "410102001001") {
    return {AdminLevel::Village, code, "v", parent_code_of(code), test::wkt(wkt_text), {}};
}

double uniform(std::mt19937& rng) { return static_cast<double>(rng()) / 4294967296.0; }

// `n` points of weight `w`, uniform in the box [x0, x1) x [y0, y1).
std::vector<WeightPoint> uniform_points(std::size_t n, double x0, double y0, double x1, double y1, unsigned seed,
                                        double w = 1.0) {
    std::mt19937 rng(seed);
    std::vector<WeightPoint> out;
    for (std::size_t k = 0; k < n; ++k) {
        double x = x0 + (x1 - x0) * uniform(rng);
        double y = y0 + (y1 - y0) * uniform(rng);
        out.push_back({{x, y}, w});
    }
    return out;
}

std::vector<WeightPoint> join(std::vector<WeightPoint> a, const std::vector<WeightPoint>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::vector<LineFeature> roads(const std::vector<std::string>& wkts, LineKind kind = LineKind::MainRoad) {
    std::vector<LineFeature> out;
    for (const auto& w : wkts) out.push_back({kind, test::wkt(w)});
    return out;
}

double sum_weights(const std::vector<CellPiece>& pieces) {
    double s = 0;
    for (const auto& p : pieces) s += p.weight;
    return s;
}

// The pieces tile `village` exactly: valid, inside it, no overlaps, areas add up, and together
// they form a clean coverage (shared edges match vertex for vertex) whose union is the village.
void expect_tiling(const std::vector<CellPiece>& pieces, const Geometry& village) {
    const double area = village.area();
    double total = 0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        const auto& g = pieces[k].geometry;
        EXPECT_TRUE(g.is_valid()) << k << ": " << g.validity_reason();
        EXPECT_LT(g.difference(village).area(), 1e-6 * area) << k << " spills out of the village";
        total += g.area();
    }
    EXPECT_NEAR(total, area, 1e-6 * area);
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        for (std::size_t j = i + 1; j < pieces.size(); ++j) {
            EXPECT_FALSE(pieces[i].geometry.interiors_intersect(pieces[j].geometry)) << i << " / " << j;
        }
    }
    std::vector<Geometry> parts;
    for (const auto& p : pieces) parts.push_back(p.geometry.clone());
    Geometry all = Geometry::coverage_union(std::move(parts));  // throws unless edges match exactly
    EXPECT_LT(all.difference(village).area() + village.difference(all).area(), 1e-6 * area);
}

void expect_contiguous(const std::vector<CellPiece>& pieces) {
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        EXPECT_EQ(pieces[k].geometry.type_name(), "Polygon") << k;
        EXPECT_EQ(pieces[k].geometry.num_geometries(), 1U) << k;
    }
}

void expect_stats_match(const BalancedStats& st, const std::vector<CellPiece>& pieces, const BalancedOptions& o) {
    ASSERT_EQ(st.grids, pieces.size());
    ASSERT_EQ(st.per_grid.size(), pieces.size());
    double lo = 1e300, hi = -1e300, sum = 0;
    std::size_t below = 0, above = 0, split = 0;
    double excess = 0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        const double w = pieces[k].weight;
        EXPECT_EQ(st.per_grid[k].weight, w) << k;
        EXPECT_NEAR(st.per_grid[k].area_m2, pieces[k].geometry.area(), 1e-9) << k;
        EXPECT_EQ(st.per_grid[k].parts, pieces[k].geometry.num_geometries()) << k;
        bool inside = w >= o.min_weight && w <= o.max_weight;
        EXPECT_EQ(st.per_grid[k].issue == WeightIssue::None, inside) << k;
        lo = std::min(lo, w);
        hi = std::max(hi, w);
        sum += w;
        below += w < o.min_weight;
        above += w > o.max_weight;
        split += pieces[k].geometry.num_geometries() > 1;
        excess = std::max({excess, o.min_weight - w, w - o.max_weight});
    }
    EXPECT_EQ(st.min_weight, lo);
    EXPECT_EQ(st.max_weight, hi);
    EXPECT_DOUBLE_EQ(st.mean_weight, sum / static_cast<double>(pieces.size()));
    EXPECT_EQ(st.spread, hi - lo);
    EXPECT_EQ(st.below_range, below);
    EXPECT_EQ(st.above_range, above);
    EXPECT_EQ(st.outside_range(), below + above);
    EXPECT_EQ(st.non_contiguous, split);
    EXPECT_DOUBLE_EQ(st.worst_excess, excess);
    EXPECT_DOUBLE_EQ(st.total_weight, sum);
}

// The x where the grid boundary crosses the horizontal line y: the east edge of the piece whose
// anchor is westmost.
double boundary_x(const std::vector<CellPiece>& pieces) {
    const auto& west = pieces[0].anchor.x < pieces[1].anchor.x ? pieces[0] : pieces[1];
    const auto& east = pieces[0].anchor.x < pieces[1].anchor.x ? pieces[1] : pieces[0];
    EXPECT_EQ(west.geometry.envelope().max_x, east.geometry.envelope().min_x);
    return west.geometry.envelope().max_x;
}

const BalancedOptions kDefault{};

// --- known answers ------------------------------------------------------------------------------

TEST(CutBalanced, EightHundredUniformHouseholdsMakeTwoGridsOfAboutFourHundred) {
    auto v = village("POLYGON ((1000 2000, 1400 2000, 1400 2200, 1000 2200, 1000 2000))");
    auto points = uniform_points(800, 1000, 2000, 1400, 2200, 7);
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(st.target_grids, 2U);
    EXPECT_EQ(st.target_weight, 400.0);
    EXPECT_EQ(sum_weights(pieces), 800.0);
    for (const auto& p : pieces) EXPECT_NEAR(p.weight, 400.0, 30.0);
    EXPECT_EQ(st.outside_range(), 0U);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    expect_stats_match(st, pieces, kDefault);
    // Numbering keys: same band, west first.
    EXPECT_LT(pieces[0].anchor.x, pieces[1].anchor.x);
}

TEST(CutBalanced, TwoHundredHouseholdsAreOneGridTheWholeVillage) {
    auto v = village("POLYGON ((0 0, 310 0, 290 260, 0 240, 0 0))");
    auto points = uniform_points(200, 10, 10, 280, 230, 3);
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 1U);
    EXPECT_EQ(pieces[0].weight, 200.0);
    EXPECT_NEAR(pieces[0].geometry.area(), v.geometry.area(), 1e-6);
    expect_tiling(pieces, v.geometry);
    ASSERT_EQ(st.per_grid.size(), 1U);
    EXPECT_EQ(st.per_grid[0].issue, WeightIssue::VillageTooLight);
    EXPECT_EQ(st.below_range, 1U);
    EXPECT_EQ(st.count(WeightIssue::VillageTooLight), 1U);
    EXPECT_FALSE(st.feasible_count);
    expect_stats_match(st, pieces, kDefault);
}

TEST(CutBalanced, AVillageWithoutPointsIsOneGrid) {
    auto v = village("POLYGON ((0 0, 310 0, 290 260, 0 240, 0 0))");
    BalancedStats st;
    auto pieces = cut_balanced(v, {}, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 1U);
    EXPECT_EQ(pieces[0].weight, 0.0);
    EXPECT_EQ(st.per_grid[0].issue, WeightIssue::VillageTooLight);
}

TEST(CutBalanced, GridBoundaryFollowsTheRoadBetweenTwoClusters) {
    // Two clusters of 400 with empty fields between x = 180 and x = 420. Without the road the
    // boundary could run anywhere in the fields; the road at x = 360 separates the anchors of
    // the columns [300, 350) and [350, 400), so the boundary is the grid line x = 350.
    auto v = village("POLYGON ((0 0, 600 0, 600 200, 0 200, 0 0))");
    auto points = join(uniform_points(400, 20, 20, 180, 180, 11), uniform_points(400, 420, 20, 580, 180, 12));
    auto lines = roads({"LINESTRING (360 -50, 360 250)"});
    BalancedStats st;
    auto pieces = cut_balanced(v, points, lines, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(pieces[0].weight, 400.0);
    EXPECT_EQ(pieces[1].weight, 400.0);
    EXPECT_EQ(boundary_x(pieces), 350.0);
    EXPECT_EQ(st.road_edges_inside_m, 0.0);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);

    // The same road on a grid line: the boundary is the road itself.
    auto on_line = roads({"LINESTRING (250 -50, 250 250)"});
    pieces = cut_balanced(v, points, on_line, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(boundary_x(pieces), 250.0);
}

TEST(CutBalanced, GridBoundaryPrefersTheRiverToAMinorRoad) {
    // A minor road (x = 260) and a river (x = 360, given as a MultiLineString) both run through
    // the empty fields between the clusters: the grids may only split along one, the river.
    auto v = village("POLYGON ((0 0, 600 0, 600 200, 0 200, 0 0))");
    auto points = join(uniform_points(400, 20, 20, 180, 180, 11), uniform_points(400, 420, 20, 580, 180, 12));
    auto lines = roads({"LINESTRING (260 -50, 260 250)"}, LineKind::MinorRoad);
    lines.push_back({LineKind::River, test::wkt("MULTILINESTRING ((360 -50, 360 100), (360 100, 360 250))")});
    BalancedStats st;
    auto pieces = cut_balanced(v, points, lines, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(boundary_x(pieces), 350.0);
    EXPECT_EQ(st.road_edges_inside_m, 200.0);  // the minor road, inside the west grid
    expect_tiling(pieces, v.geometry);
}

TEST(CutBalanced, GridBoundaryFollowsADiagonalRoad) {
    // 1,000 households evenly spread; a slanted road splits the square in two halves of about
    // equal weight. Every vertex of the boundary between the two grids is within one base cell
    // (its diagonal) of the road.
    auto v = village("POLYGON ((0 0, 500 0, 500 500, 0 500, 0 0))");
    auto points = uniform_points(800, 0, 0, 500, 500, 5);
    const std::string road_wkt = "LINESTRING (-20 80, 520 420)";
    auto lines = roads({road_wkt});
    BalancedStats st;
    auto pieces = cut_balanced(v, points, lines, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    for (const auto& p : pieces) EXPECT_NEAR(p.weight, 400.0, 100.0);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    Geometry road = test::wkt(road_wkt);
    Geometry shared = pieces[0].geometry.intersection(pieces[1].geometry);
    auto paths = geo::paths_of(shared);
    ASSERT_FALSE(paths.empty());
    for (const auto& path : paths) {
        for (const auto& p : path) {
            if (p.x <= 0 || p.x >= 500) continue;  // where the boundary meets the village border
            EXPECT_LE(Geometry::point(p).distance(road), 50.0 * std::sqrt(2.0)) << p.x << " " << p.y;
        }
    }
    EXPECT_EQ(st.road_edges_inside_m, 0.0);
}

TEST(CutBalanced, ZeroWeightFieldsAreAttachedAndTheCoverageIsExact) {
    // An L-shaped village with slanted edges; all households in its north-west corner.
    auto v = village("POLYGON ((3.5 7.25, 812.4 0, 790.1 230.7, 260.3 251.9, 240.2 611.3, 0 598.4, 3.5 7.25))");
    auto points = uniform_points(900, 10, 400, 230, 590, 21);
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(sum_weights(pieces), 900.0);
    for (const auto& p : pieces) EXPECT_NEAR(p.weight, 450.0, 50.0);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    expect_stats_match(st, pieces, kDefault);
    EXPECT_GT(st.base_units, st.weighted_units);
}

TEST(CutBalanced, EveryGridOfAConvexVillageIsOnePolygonWithinTheRange) {
    auto v = village("POLYGON ((103.1 12.7, 905.5 61.2, 1012.4 540.3, 620.8 811.9, 88.6 702.2, 1.3 301.9, 103.1 12.7))");
    // Households spread over the village with some denser spots (buildings of several households).
    std::mt19937 rng(2024);
    std::vector<WeightPoint> points;
    geo::PreparedGeometry inside(v.geometry);
    while (points.size() < 600) {
        XY p{1015 * uniform(rng), 815 * uniform(rng)};
        if (!inside.contains(Geometry::point(p))) continue;
        points.push_back({p, static_cast<double>(1 + rng() % 8)});
    }
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_GE(pieces.size(), 5U);
    EXPECT_EQ(st.points_outside, 0U);
    EXPECT_EQ(pieces.size(), st.target_grids);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    expect_stats_match(st, pieces, kDefault);
    EXPECT_EQ(st.outside_range(), 0U) << "spread " << st.spread;
}

TEST(CutBalanced, ScatteredFarmsteadsJoinTheGridsOfTheSettlement) {
    // A settlement of 1,100 households in the west of a large village, and 30 farmsteads of three
    // households spread over the fields: three grids, all within the range, each one polygon.
    auto v = village("POLYGON ((0 0, 1500 0, 1500 1000, 0 1000, 0 0))");
    auto points = uniform_points(1100, 100, 350, 400, 650, 91);
    std::mt19937 rng(92);
    for (int k = 0; k < 30; ++k) points.push_back({{500 + 1000 * uniform(rng), 1000 * uniform(rng)}, 3.0});
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 3U);
    EXPECT_EQ(st.outside_range(), 0U) << st.min_weight << " " << st.max_weight;
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    expect_stats_match(st, pieces, kDefault);
}

TEST(CutBalanced, ABuildingOfSevenHundredHouseholdsIsReportedOutsideTheRange) {
    auto v = village("POLYGON ((0 0, 300 0, 300 300, 0 300, 0 0))");
    std::vector<WeightPoint> points{{{137.5, 162.5}, 700.0}};
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 1U);
    EXPECT_EQ(pieces[0].weight, 700.0);
    EXPECT_EQ(st.above_range, 1U);
    EXPECT_EQ(st.worst_excess, 200.0);
    EXPECT_EQ(st.per_grid[0].issue, WeightIssue::HeavyUnit);
    expect_stats_match(st, pieces, kDefault);

    // With 300 more households spread around, the building is one grid and the rest another.
    auto more = join(points, uniform_points(300, 0, 0, 300, 300, 4));
    pieces = cut_balanced(v, more, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(st.above_range, 1U);
    EXPECT_EQ(st.count(WeightIssue::HeavyUnit), 1U);
    double heavy = std::max(pieces[0].weight, pieces[1].weight);
    double light = std::min(pieces[0].weight, pieces[1].weight);
    EXPECT_GE(heavy, 700.0);
    EXPECT_GE(light, 300.0 - 40.0);  // the building's own cell holds a few of the 300 too
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    expect_stats_match(st, pieces, kDefault);
}

TEST(CutBalanced, ATotalWithoutAFeasibleCountIsSaidSo) {
    // 560 households: one grid of 560 or two of 280; two of 280 miss the range by less.
    auto v = village("POLYGON ((0 0, 400 0, 400 200, 0 200, 0 0))");
    auto points = uniform_points(560, 0, 0, 400, 200, 8);
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_FALSE(st.feasible_count);
    EXPECT_EQ(st.below_range, 2U);
    EXPECT_EQ(st.count(WeightIssue::NoFeasibleCount), 2U);
    expect_stats_match(st, pieces, kDefault);
}

TEST(CutBalanced, SpreadAndPointTalliesAreReported) {
    auto v = village("POLYGON ((0 0, 700 0, 700 400, 0 400, 0 0))");
    auto points = join(uniform_points(1500, 0, 0, 700, 400, 31, 2.0),  // 3,000 households
                       uniform_points(40, 720, 0, 900, 400, 32, 5.0));  // outside: ignored
    // On shared cell edges and corners: each counted once.
    points.push_back({{350, 200}, 1.0});
    points.push_back({{100, 75}, 1.0});
    points.push_back({{0, 300}, 1.0});    // west border of the village: inside (east side)
    points.push_back({{700, 300}, 1.0});  // east border: the neighbour's
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    EXPECT_EQ(st.points_used, 1503U);
    EXPECT_EQ(st.points_outside, 41U);
    EXPECT_EQ(st.weight_outside, 201.0);
    EXPECT_EQ(st.total_weight, 3003.0);
    EXPECT_EQ(sum_weights(pieces), 3003.0);
    EXPECT_EQ(st.target_grids, 8U);  // 3003 / 8 = 375
    EXPECT_EQ(pieces.size(), 8U);
    expect_stats_match(st, pieces, kDefault);
    EXPECT_EQ(st.outside_range(), 0U);
    EXPECT_LE(st.spread, 100.0);
    EXPECT_EQ(st.base_units, 14U * 8U);
    EXPECT_EQ(st.village_parts, 1U);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    // Numbering order: rows north->south, west->east.
    for (std::size_t k = 1; k < pieces.size(); ++k) {
        const auto& a = pieces[k - 1];
        const auto& b = pieces[k];
        EXPECT_TRUE(a.row > b.row || (a.row == b.row && a.anchor.x <= b.anchor.x)) << k;
    }
}

TEST(CutBalanced, VillageWithAHole) {
    auto v = village(
        "POLYGON ((0 0, 400 0, 400 400, 0 400, 0 0), (130.5 140.25, 230.75 141.5, 228.1 262.3, 131.2 258.9, 130.5 140.25))");
    std::mt19937 rng(17);
    std::vector<WeightPoint> points;
    geo::PreparedGeometry inside(v.geometry);
    while (points.size() < 1200) {
        XY p{400 * uniform(rng), 400 * uniform(rng)};
        if (inside.contains(Geometry::point(p))) points.push_back({p, 1.0});
    }
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 3U);
    EXPECT_EQ(sum_weights(pieces), 1200.0);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    expect_stats_match(st, pieces, kDefault);
    EXPECT_EQ(st.outside_range(), 0U);
}

TEST(CutBalanced, VillageOfTwoPartsGetsAGridInEachPart) {
    auto v = village("MULTIPOLYGON (((0 0, 200 0, 200 200, 0 200, 0 0)), ((300 0, 500 0, 500 200, 300 200, 300 0)))");
    auto points = join(uniform_points(400, 0, 0, 200, 200, 41), uniform_points(420, 300, 0, 500, 200, 42));
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(st.village_parts, 2U);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    EXPECT_EQ(pieces[0].weight, 400.0);
    EXPECT_EQ(pieces[1].weight, 420.0);
    EXPECT_EQ(pieces[0].geometry.envelope().max_x, 200.0);
    EXPECT_EQ(pieces[1].geometry.envelope().min_x, 300.0);
}

TEST(CutBalanced, ASmallPartJoinsTheNearestGrid) {
    // A hamlet of 20 households 100 m from a main part of 600: two grids, the hamlet joins the
    // nearer one, which is then the only multipolygon.
    auto v = village("MULTIPOLYGON (((0 0, 400 0, 400 200, 0 200, 0 0)), ((500 50, 560 50, 560 110, 500 110, 500 50)))");
    auto points = join(uniform_points(600, 0, 0, 400, 200, 51), uniform_points(20, 505, 55, 555, 105, 52));
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, kDefault, &st);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(st.village_parts, 2U);
    EXPECT_EQ(st.non_contiguous, 1U);
    expect_tiling(pieces, v.geometry);
    expect_stats_match(st, pieces, kDefault);
    const auto& east = pieces[0].anchor.x > pieces[1].anchor.x ? pieces[0] : pieces[1];
    EXPECT_EQ(east.geometry.num_geometries(), 2U);
    EXPECT_EQ(east.geometry.envelope().max_x, 560.0);
}

// --- invariants -------------------------------------------------------------------------------

TEST(CutBalanced, SameInputGivesByteIdenticalGrids) {
    auto v = village("POLYGON ((3.5 7.25, 812.4 0, 790.1 430.7, 20.2 611.3, 3.5 7.25))");
    auto points = uniform_points(900, 0, 0, 820, 620, 61, 2.0);
    auto lines = roads({"LINESTRING (0 300, 400 280, 820 350)", "LINESTRING (420 -10, 380 640)"}, LineKind::MinorRoad);
    auto first = cut_balanced(v, points, lines, kDefault);
    auto second = cut_balanced(v, points, lines, kDefault);
    std::reverse(points.begin(), points.end());  // integer weights: the order of the points is irrelevant
    auto third = cut_balanced(v, points, lines, kDefault);
    ASSERT_EQ(first.size(), second.size());
    ASSERT_EQ(first.size(), third.size());
    ASSERT_GE(first.size(), 3U);
    for (std::size_t k = 0; k < first.size(); ++k) {
        EXPECT_EQ(first[k].geometry.to_wkb(), second[k].geometry.to_wkb()) << k;
        EXPECT_EQ(first[k].geometry.to_wkb(), third[k].geometry.to_wkb()) << k;
        EXPECT_EQ(first[k].weight, third[k].weight);
        EXPECT_EQ(first[k].row, third[k].row);
    }
    expect_tiling(first, v.geometry);
}

TEST(CutBalanced, NeighbouringVillagesMeetVertexToVertex) {
    // Two villages along a slanted border, each cut on its own: together they still form a clean
    // coverage, and every point has exactly one grid.
    auto a = village("POLYGON ((0 0, 600 0, 600 470, 0 30, 0 0))", "410102001001");
    auto b = village("POLYGON ((0 30, 600 470, 600 600, 0 600, 0 30))", "410102001002");
    auto points = uniform_points(1600, 0, 0, 600, 600, 71);
    std::vector<CellPiece> all;
    for (const auto* v : {&a, &b}) {
        auto pieces = cut_balanced(*v, points, {}, kDefault);
        ASSERT_GE(pieces.size(), 2U);
        expect_tiling(pieces, v->geometry);
        for (auto& p : pieces) all.push_back(std::move(p));
    }
    Geometry square = test::wkt("POLYGON ((0 0, 600 0, 600 600, 0 600, 0 0))");
    expect_tiling(all, square);
    std::vector<LocatorCell> cells;
    for (std::size_t k = 0; k < all.size(); ++k) cells.push_back({std::to_string(100 + k), all[k].geometry.polygons()});
    GridLocator locator(cells);
    std::mt19937 rng(72);
    int bad = 0;
    for (int k = 0; k < 5000; ++k) {
        XY p{600.0 * uniform(rng), 600.0 * uniform(rng)};
        if (locator.locate(p).claims != 1) ++bad;
    }
    for (double x = 0; x < 600; x += 7.5) {  // on the border itself
        if (locator.locate({x, 30 + x * 440 / 600}).claims != 1) ++bad;
    }
    EXPECT_EQ(bad, 0);
}

TEST(CutBalanced, OtherBaseCellSizesAndRanges) {
    auto v = village("POLYGON ((0 0, 500 0, 500 300, 0 300, 0 0))");
    auto points = uniform_points(2000, 0, 0, 500, 300, 81);
    BalancedOptions o{150, 250, 25};
    BalancedStats st;
    auto pieces = cut_balanced(v, points, {}, o, &st);
    EXPECT_EQ(st.target_grids, 10U);
    EXPECT_EQ(pieces.size(), 10U);
    EXPECT_EQ(st.base_units, 20U * 12U);
    EXPECT_EQ(st.outside_range(), 0U);
    expect_contiguous(pieces);
    expect_tiling(pieces, v.geometry);
    expect_stats_match(st, pieces, o);
}

TEST(CutBalanced, RejectsBadOptionsAndWeights) {
    auto v = village("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
    EXPECT_THROW(cut_balanced(v, {}, {}, BalancedOptions{300, 500, 0}), std::invalid_argument);
    EXPECT_THROW(cut_balanced(v, {}, {}, BalancedOptions{300, 500, -5}), std::invalid_argument);
    EXPECT_THROW(cut_balanced(v, {}, {}, BalancedOptions{500, 300, 50}), std::invalid_argument);
    EXPECT_THROW(cut_balanced(v, {}, {}, BalancedOptions{-1, 300, 50}), std::invalid_argument);
    std::vector<WeightPoint> bad{{{10, 10}, -1.0}};
    EXPECT_THROW(cut_balanced(v, bad, {}, kDefault), std::invalid_argument);
    bad[0].weight = std::nan("");
    EXPECT_THROW(cut_balanced(v, bad, {}, kDefault), std::invalid_argument);
}

TEST(WeightIssue, Names) {
    EXPECT_EQ(to_string(WeightIssue::None), "none");
    EXPECT_EQ(to_string(WeightIssue::VillageTooLight), "village_too_light");
    EXPECT_EQ(to_string(WeightIssue::HeavyUnit), "heavy_unit");
    EXPECT_EQ(to_string(WeightIssue::NoFeasibleCount), "no_feasible_count");
    EXPECT_EQ(to_string(WeightIssue::Contiguity), "contiguity");
}

}  // namespace
}  // namespace respgrid::grids

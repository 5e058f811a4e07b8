// The blocks grid method (grids/blocks.hpp): villages cut along roads and rivers, small blocks
// merged across the weakest line, large ones split on the origin-aligned grid; hand-made
// villages with known answers, and the tiling invariants across a shared village border.

#include "respgrid/grids/blocks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "respgrid/geo/linework.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

using geo::Geometry;
using geo::XY;

constexpr double kTolerance = 1e-6;  // m²

AdminUnit village(const std::string& wkt_text, const std::string& code = "410102001001") {
    return {AdminLevel::Village, code, "v", code.substr(0, 9), test::wkt(wkt_text), {}};
}

LineFeature line(LineKind kind, const std::string& wkt_text) { return {kind, test::wkt(wkt_text)}; }

// LineFeature is move-only: build vectors without an initializer list.
template <typename... Lines>
std::vector<LineFeature> lines_of(Lines&&... lines) {
    std::vector<LineFeature> out;
    (out.push_back(std::forward<Lines>(lines)), ...);
    return out;
}

std::vector<CellPiece> cut(const AdminUnit& v, const std::vector<LineFeature>& lines, double target,
                           double tolerance = 0.5) {
    return cut_blocks(v, lines, BlockOptions{target, tolerance});
}

std::vector<double> sorted_areas(const std::vector<CellPiece>& pieces) {
    std::vector<double> out;
    for (const auto& p : pieces) out.push_back(p.geometry.area());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Geometry> geometries(const std::vector<CellPiece>& pieces) {
    std::vector<Geometry> out;
    for (const auto& p : pieces) out.push_back(p.geometry.clone());
    return out;
}

// The pieces tile the village: areas add up, each lies inside, none overlaps another, their union
// is the village; each is a valid polygon whose anchor lies inside it.
void expect_tiling(const AdminUnit& v, const std::vector<CellPiece>& pieces) {
    double total = 0;
    for (const auto& p : pieces) {
        EXPECT_EQ(p.geometry.type_name(), "Polygon");
        EXPECT_TRUE(p.geometry.is_valid()) << p.geometry.validity_reason();
        EXPECT_GT(p.geometry.area(), 0.0);
        EXPECT_LT(p.geometry.difference(v.geometry).area(), kTolerance) << "piece outside its village";
        EXPECT_TRUE(p.geometry.intersects(Geometry::point(p.anchor)));
        total += p.geometry.area();
    }
    EXPECT_NEAR(total, v.geometry.area(), kTolerance);
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        for (std::size_t j = i + 1; j < pieces.size(); ++j) {
            EXPECT_LT(pieces[i].geometry.intersection(pieces[j].geometry).area(), kTolerance) << i << " / " << j;
        }
    }
    Geometry all = Geometry::union_all(geometries(pieces));
    EXPECT_NEAR(all.area(), v.geometry.area(), kTolerance);
    EXPECT_LT(v.geometry.difference(all).area(), kTolerance) << "gap";
}

void expect_envelope(const Geometry& g, double min_x, double min_y, double max_x, double max_y) {
    auto e = g.envelope();
    EXPECT_EQ(e.min_x, min_x);
    EXPECT_EQ(e.min_y, min_y);
    EXPECT_EQ(e.max_x, max_x);
    EXPECT_EQ(e.max_y, max_y);
}

// --- road-bounded blocks with known answers ---------------------------------------------------

TEST(CutBlocks, CrossOfRoadsGivesFourBlocksNumberedFromTheNorthWest) {
    auto v = village("POLYGON ((0 0, 400 0, 400 300, 0 300, 0 0))");
    std::vector<LineFeature> lines = lines_of(line(LineKind::MainRoad, "LINESTRING (180 -20, 180 320)"),
                                              line(LineKind::MinorRoad, "LINESTRING (-20 140, 420 140)"));
    auto pieces = cut(v, lines, 30000.0);
    ASSERT_EQ(pieces.size(), 4U);
    // All within [15000, 45000]: no merge, no split. Rows north->south, west->east.
    expect_envelope(pieces[0].geometry, 0, 140, 180, 300);
    expect_envelope(pieces[1].geometry, 180, 140, 400, 300);
    expect_envelope(pieces[2].geometry, 0, 0, 180, 140);
    expect_envelope(pieces[3].geometry, 180, 0, 400, 140);
    EXPECT_DOUBLE_EQ(pieces[0].geometry.area(), 180.0 * 160.0);
    EXPECT_DOUBLE_EQ(pieces[1].geometry.area(), 220.0 * 160.0);
    EXPECT_DOUBLE_EQ(pieces[2].geometry.area(), 180.0 * 140.0);
    EXPECT_DOUBLE_EQ(pieces[3].geometry.area(), 220.0 * 140.0);
    const double band = std::sqrt(30000.0);
    for (const auto& p : pieces) {
        EXPECT_EQ(p.row, static_cast<long long>(std::floor(p.anchor.y / band)));
        EXPECT_TRUE(geo::PreparedGeometry(v.geometry).covers(p.geometry));  // exact here
    }
    EXPECT_EQ(pieces[0].row, 1);
    EXPECT_EQ(pieces[2].row, 0);
    expect_tiling(v, pieces);
}

TEST(CutBlocks, SmallBlockMergesAcrossTheMinorRoadNotTheRiver) {
    // Three strips 120, 60 and 120 m wide; the middle one is too small. Both neighbours have the
    // same size and border length: only the kind of line decides.
    auto v = village("POLYGON ((0 0, 300 0, 300 100, 0 100, 0 0))");
    for (bool river_west : {true, false}) {
        SCOPED_TRACE(river_west ? "river west" : "river east");
        std::vector<LineFeature> lines =
            lines_of(line(river_west ? LineKind::River : LineKind::MinorRoad, "LINESTRING (120 -10, 120 110)"),
                     line(river_west ? LineKind::MinorRoad : LineKind::River, "LINESTRING (180 110, 180 -10)"));
        auto pieces = cut(v, lines, 20000.0);  // acceptable: [10000, 30000]
        ASSERT_EQ(pieces.size(), 2U);
        // The river stays a border.
        const double river_x = river_west ? 120 : 180;
        expect_envelope(pieces[0].geometry, 0, 0, river_x, 100);
        expect_envelope(pieces[1].geometry, river_x, 0, 300, 100);
        expect_tiling(v, pieces);
    }
}

TEST(CutBlocks, StrongerLinesOutrankWeakerOnesInTheMergeOrder) {
    // A 10 m block between a main road (west) and a railway (east).
    auto v = village("POLYGON ((0 0, 300 0, 300 100, 0 100, 0 0))");
    std::vector<LineFeature> lines = lines_of(line(LineKind::Rail, "LINESTRING (150 -10, 150 110)"),
                                              line(LineKind::MainRoad, "LINESTRING (140 -10, 140 110)"));
    auto pieces = cut(v, lines, 20000.0);
    ASSERT_EQ(pieces.size(), 2U);
    expect_envelope(pieces[0].geometry, 0, 0, 150, 100);  // merged across the main road
    expect_envelope(pieces[1].geometry, 150, 0, 300, 100);
}

TEST(CutBlocks, MergePrefersAResultWithinTheUpperBound) {
    // A [0,100] 10000, B [100,130] 3000, C [130,300] 17000; target 10000: [5000, 15000]. Merging B
    // into A gives 13000, into C 20000: A it is. C, too large, is then split at x = 200.
    auto v = village("POLYGON ((0 0, 300 0, 300 100, 0 100, 0 0))");
    std::vector<LineFeature> lines = lines_of(line(LineKind::MinorRoad, "LINESTRING (100 -10, 100 110)"),
                                              line(LineKind::MinorRoad, "LINESTRING (130 -10, 130 110)"));
    auto pieces = cut(v, lines, 10000.0);
    ASSERT_EQ(pieces.size(), 3U);
    expect_envelope(pieces[0].geometry, 0, 0, 130, 100);
    expect_envelope(pieces[1].geometry, 130, 0, 200, 100);
    expect_envelope(pieces[2].geometry, 200, 0, 300, 100);
    expect_tiling(v, pieces);
}

TEST(CutBlocks, MergePrefersTheLongestBorderAmongEquals) {
    // West 10000; east half cut by a minor road at y = 60: SE 6000, NE 4000. NE shares 100 m with
    // SE and 40 m with the west block; both results fit.
    auto v = village("POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))");
    std::vector<LineFeature> lines = lines_of(line(LineKind::MinorRoad, "LINESTRING (100 -10, 100 110)"),
                                              line(LineKind::MinorRoad, "LINESTRING (100 60, 210 60)"));
    auto pieces = cut(v, lines, 10000.0);
    ASSERT_EQ(pieces.size(), 2U);
    expect_envelope(pieces[0].geometry, 0, 0, 100, 100);
    expect_envelope(pieces[1].geometry, 100, 0, 200, 100);
    EXPECT_EQ(sorted_areas(pieces), (std::vector<double>{10000, 10000}));
}

TEST(CutBlocks, SmallBlockMergesEvenWhenEveryResultIsTooLarge) {
    // A 14000, B 2000, C 14000: B goes west (tie on everything but the anchor), 16000 > 15000 is
    // then split on the grid at x = 100.
    auto v = village("POLYGON ((0 0, 300 0, 300 100, 0 100, 0 0))");
    std::vector<LineFeature> lines = lines_of(line(LineKind::MinorRoad, "LINESTRING (140 -10, 140 110)"),
                                              line(LineKind::MinorRoad, "LINESTRING (160 -10, 160 110)"));
    auto pieces = cut(v, lines, 10000.0);
    ASSERT_EQ(pieces.size(), 3U);
    expect_envelope(pieces[0].geometry, 0, 0, 100, 100);
    expect_envelope(pieces[1].geometry, 100, 0, 160, 100);
    expect_envelope(pieces[2].geometry, 160, 0, 300, 100);
    for (const auto& p : pieces) EXPECT_GE(p.geometry.area(), 5000.0);
}

// --- splitting on the grid ------------------------------------------------------------------

TEST(CutBlocks, LargeBlockIsSplitAlongTheOriginAlignedGrid) {
    auto v = village("POLYGON ((0 0, 200 0, 200 200, 0 200, 0 0))");
    auto pieces = cut(v, {}, 10000.0);
    ASSERT_EQ(pieces.size(), 4U);
    expect_envelope(pieces[0].geometry, 0, 100, 100, 200);
    expect_envelope(pieces[1].geometry, 100, 100, 200, 200);
    expect_envelope(pieces[2].geometry, 0, 0, 100, 100);
    expect_envelope(pieces[3].geometry, 100, 0, 200, 100);
    for (const auto& p : pieces) EXPECT_EQ(p.geometry.area(), 10000.0);
    EXPECT_EQ(pieces[0].row, 1);
    EXPECT_EQ(pieces[3].row, 0);
}

TEST(CutBlocks, SplitPiecesTooSmallJoinANeighbourOfTheSameBlock) {
    // Offset by 50 m: nine grid pieces, four corners of 2500 m² below 5000 each join the edge
    // piece with the longest border (ties: lowest anchor).
    auto v = village("POLYGON ((50 50, 250 50, 250 250, 50 250, 50 50))");
    auto pieces = cut(v, {}, 10000.0);
    ASSERT_EQ(pieces.size(), 5U);
    EXPECT_EQ(sorted_areas(pieces), (std::vector<double>{5000, 7500, 7500, 10000, 10000}));
    for (const auto& p : pieces) {
        auto e = p.geometry.envelope();
        for (double x : {e.min_x, e.max_x}) EXPECT_TRUE(x == 50 || x == 250 || std::fmod(x, 100) == 0) << x;
        for (double y : {e.min_y, e.max_y}) EXPECT_TRUE(y == 50 || y == 250 || std::fmod(y, 100) == 0) << y;
    }
    expect_tiling(v, pieces);
}

TEST(CutBlocks, SplitKeepsRoadBlocksApart) {
    // Two 300 x 100 blocks either side of a river at y = 100, each split on its own.
    auto v = village("POLYGON ((0 0, 300 0, 300 200, 0 200, 0 0))");
    std::vector<LineFeature> lines = lines_of(line(LineKind::River, "LINESTRING (-10 100, 310 100)"));
    auto pieces = cut(v, lines, 10000.0);
    ASSERT_EQ(pieces.size(), 6U);
    for (const auto& p : pieces) {
        EXPECT_EQ(p.geometry.area(), 10000.0);
        auto e = p.geometry.envelope();
        EXPECT_TRUE(e.max_y <= 100 || e.min_y >= 100);
    }
}

// --- lines that close no block -------------------------------------------------------------

TEST(CutBlocks, DanglesAndLinesTouchingTheBoundaryLeaveTheVillageWhole) {
    auto v = village("POLYGON ((0 0, 400 0, 400 300, 0 300, 0 0))");
    std::vector<LineFeature> lines = lines_of(
        line(LineKind::MainRoad, "LINESTRING (200 -50, 200 150)"),                               // dead end inside
        line(LineKind::MinorRoad, "LINESTRING (100 -50, 100 0)"),                                // ends on the boundary
        line(LineKind::MinorRoad, "LINESTRING (-10 300, 410 300)"),                              // along the boundary
        line(LineKind::River, "LINESTRING (400 300, 450 350)"),                                  // touches a corner
        line(LineKind::MinorRoad, "LINESTRING (50 50, 80 80, 60 120)"),                          // floating inside
        line(LineKind::MinorRoad, "MULTILINESTRING ((300 -10, 300 100), (300 200, 300 310))"));  // two dead ends
    auto pieces = cut(v, lines, 120000.0);
    ASSERT_EQ(pieces.size(), 1U);
    EXPECT_EQ(pieces[0].geometry.area(), 120000.0);
    expect_envelope(pieces[0].geometry, 0, 0, 400, 300);
    expect_tiling(v, pieces);
}

TEST(CutBlocks, LinesOutsideTheVillageAreIgnored) {
    // An L-shaped village: the first road crosses its envelope but not the village.
    auto v = village("POLYGON ((0 0, 200 0, 200 100, 100 100, 100 200, 0 200, 0 0))");
    std::vector<LineFeature> lines = lines_of(line(LineKind::MainRoad, "LINESTRING (150 120, 250 180, 150 250)"),
                                              line(LineKind::River, "LINESTRING (1000 1000, 2000 2000)"));
    auto pieces = cut(v, lines, 30000.0);
    ASSERT_EQ(pieces.size(), 1U);
    EXPECT_EQ(pieces[0].geometry.area(), 30000.0);
    EXPECT_LT(pieces[0].geometry.difference(v.geometry).area() + v.geometry.difference(pieces[0].geometry).area(),
              kTolerance);
}

TEST(CutBlocks, VillageWithAHoleKeepsTheHoleEmpty) {
    auto v = village("POLYGON ((0 0, 400 0, 400 300, 0 300, 0 0), (150 100, 250 100, 250 200, 150 200, 150 100))");
    std::vector<LineFeature> lines =
        lines_of(line(LineKind::MainRoad, "LINESTRING (200 -10, 200 310)"),
                 line(LineKind::MinorRoad, "LINESTRING (160 150, 240 150)"));  // in the hole
    auto pieces = cut(v, lines, 60000.0);
    ASSERT_EQ(pieces.size(), 2U);
    EXPECT_EQ(pieces[0].geometry.area(), 55000.0);
    EXPECT_EQ(pieces[1].geometry.area(), 55000.0);
    expect_envelope(pieces[0].geometry, 0, 0, 200, 300);
    expect_envelope(pieces[1].geometry, 200, 0, 400, 300);
    Geometry hole = test::wkt("POLYGON ((150 100, 250 100, 250 200, 150 200, 150 100))");
    for (const auto& p : pieces) EXPECT_EQ(p.geometry.intersection(hole).area(), 0.0);
    expect_tiling(v, pieces);

    // Without the road the block keeps the hole.
    auto whole = cut(v, {}, 110000.0);
    ASSERT_EQ(whole.size(), 1U);
    ASSERT_EQ(whole[0].geometry.polygons().size(), 1U);
    EXPECT_EQ(whole[0].geometry.polygons()[0].size(), 2U);
}

TEST(CutBlocks, IslandBelowTheTargetStaysAlone) {
    auto v = village("MULTIPOLYGON (((0 0, 200 0, 200 100, 0 100, 0 0)), ((300 0, 320 0, 320 20, 300 20, 300 0)))");
    auto pieces = cut(v, {}, 10000.0);
    ASSERT_EQ(pieces.size(), 3U);
    EXPECT_EQ(sorted_areas(pieces), (std::vector<double>{400, 10000, 10000}));
    expect_tiling(v, pieces);
}

TEST(CutBlocks, EmptyVillageGivesNoPieces) {
    auto v = village("POLYGON EMPTY");
    EXPECT_TRUE(cut(v, {}, 10000.0).empty());
}

TEST(CutBlocks, RejectsBadOptions) {
    auto v = village("POLYGON ((0 0, 200 0, 200 200, 0 200, 0 0))");
    EXPECT_THROW((void)cut(v, {}, 0.0), std::invalid_argument);
    EXPECT_THROW((void)cut(v, {}, -1.0), std::invalid_argument);
    EXPECT_THROW((void)cut(v, {}, std::nan("")), std::invalid_argument);
    EXPECT_THROW((void)cut(v, {}, 10000.0, -0.1), std::invalid_argument);
    EXPECT_THROW((void)cut(v, {}, 10000.0, 1.5), std::invalid_argument);
}

// --- two villages sharing a border crossed by roads -------------------------------------------

// A and B share a bent border from (170.3 0) to (130.7 300); the lines cross it at inexact
// points, one runs through a border vertex, one runs along a border segment, the railway crosses
// twice within half a metre of a border vertex. Everything shifted by (dx, dy), so that the
// coordinates can have Gauss-Krüger magnitudes.
struct TwoVillages {
    AdminUnit a = village("POLYGON ((0 0, 170.3 0, 150.2 120.7, 190.9 210.4, 130.7 300, 0 300, 0 0))", "410102001001");
    AdminUnit b =
        village("POLYGON ((170.3 0, 400 0, 400 300, 130.7 300, 190.9 210.4, 150.2 120.7, 170.3 0))", "410102001002");
    std::vector<XY> border{{170.3, 0}, {150.2, 120.7}, {190.9, 210.4}, {130.7, 300}};
    std::vector<LineFeature> lines =
        lines_of(line(LineKind::MainRoad, "LINESTRING (-10 73.37, 410 73.37)"),
                 line(LineKind::MinorRoad, "LINESTRING (10 250.1, 390 20.3)"),
                 line(LineKind::River, "LINESTRING (405 181.9, 260.3 171.1, -5 161.7)"),
                 line(LineKind::MinorRoad, "LINESTRING (20 120.7, 380 120.7)"),  // through the border vertex
                 line(LineKind::MinorRoad, "LINESTRING (170.3 -20, 170.3 0, 150.2 120.7, 100 200)"),
                 line(LineKind::Rail, "LINESTRING (233.3 -5, 171.7 305)"));

    explicit TwoVillages(double dx = 0, double dy = 0) {
        if (dx == 0 && dy == 0) return;
        auto shift = [dx, dy](double& x, double& y) {
            x += dx;
            y += dy;
            return true;
        };
        a.geometry = a.geometry.transformed(shift);
        b.geometry = b.geometry.transformed(shift);
        for (auto& l : lines) l.geometry = l.geometry.transformed(shift);
        for (auto& p : border) shift(p.x, p.y);
    }

    [[nodiscard]] bool on_border(XY p) const {
        for (std::size_t k = 0; k + 1 < border.size(); ++k) {
            if (geo::distance_to_segment(p, border[k], border[k + 1]) < 1e-6) return true;
        }
        return false;
    }
};

std::vector<XY> border_vertices(const TwoVillages& t, const std::vector<CellPiece>& pieces) {
    std::vector<XY> out;
    for (const auto& p : pieces) {
        for (const auto& rings : p.geometry.polygons()) {
            for (const auto& ring : rings) {
                for (const auto& q : ring) {
                    if (t.on_border(q)) out.push_back(q);
                }
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const XY& l, const XY& r) { return std::tie(l.x, l.y) < std::tie(r.x, r.y); });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Edges of all pieces that are not matched by exactly one other piece's edge, vertex for vertex,
// leaving out those on the outer boundary (`outer` tells). Empty for an exact tiling.
template <typename Outer>
std::vector<geo::Segment> unmatched_edges(const std::vector<const std::vector<CellPiece>*>& groups, Outer&& outer) {
    std::vector<geo::Segment> edges;
    for (const auto* pieces : groups) {
        for (const auto& p : *pieces) {
            for (const auto& rings : p.geometry.polygons()) {
                for (const auto& ring : rings) {
                    for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
                        XY a = ring[k], b = ring[k + 1];
                        if (std::tie(b.x, b.y) < std::tie(a.x, a.y)) std::swap(a, b);
                        edges.push_back({a, b});
                    }
                }
            }
        }
    }
    auto key = [](const geo::Segment& s) { return std::tie(s.a.x, s.a.y, s.b.x, s.b.y); };
    std::sort(edges.begin(), edges.end(),
              [&](const geo::Segment& l, const geo::Segment& r) { return key(l) < key(r); });
    std::vector<geo::Segment> bad;
    for (std::size_t k = 0; k < edges.size();) {
        std::size_t end = k + 1;
        while (end < edges.size() && key(edges[end]) == key(edges[k])) ++end;
        if (end - k > 2 || (end - k == 1 && !outer(edges[k]))) bad.push_back(edges[k]);
        k = end;
    }
    return bad;
}

TEST(CutBlocks, NeighbouringVillagesTileExactlyAcrossTheirBorder) {
    for (auto [dx, dy] : {std::pair{0.0, 0.0}, std::pair{512345.678, 3987654.321}}) {
        TwoVillages t(dx, dy);
        for (double target : {10000.0, 4000.0, 30000.0}) {
            SCOPED_TRACE("target=" + std::to_string(target) + " dx=" + std::to_string(dx));
            auto pa = cut(t.a, t.lines, target);
            auto pb = cut(t.b, t.lines, target);
            expect_tiling(t.a, pa);
            expect_tiling(t.b, pb);

            double sum = 0;
            std::vector<Geometry> all = geometries(pa);
            for (auto& g : geometries(pb)) all.push_back(std::move(g));
            for (const auto& g : all) sum += g.area();
            Geometry joined = Geometry::union_all(std::move(all));
            EXPECT_NEAR(joined.area(), sum, kTolerance);
            EXPECT_NEAR(joined.area(), 120000.0, kTolerance);
            for (const auto& p : pa) {
                for (const auto& q : pb) EXPECT_LT(p.geometry.intersection(q.geometry).area(), kTolerance);
            }

            // Every vertex on the border is in both villages' pieces.
            auto va = border_vertices(t, pa);
            auto vb = border_vertices(t, pb);
            EXPECT_EQ(va, vb);
            // The 4 border vertices, 6 crossings by lines (one runs through a vertex; one along a
            // segment adds nothing) and the grid lines crossing it.
            EXPECT_GE(va.size(), 4U + 6U);

            // Stronger: every edge inside the union is shared by exactly two pieces, exactly.
            auto outer = [&](const geo::Segment& s) {
                auto on = [&](double v, double w) { return v == w; };
                return (on(s.a.x, dx) && on(s.b.x, dx)) || (on(s.a.x, dx + 400) && on(s.b.x, dx + 400)) ||
                       (on(s.a.y, dy) && on(s.b.y, dy)) || (on(s.a.y, dy + 300) && on(s.b.y, dy + 300));
            };
            EXPECT_TRUE(unmatched_edges({&pa, &pb}, outer).empty());
        }
    }
}

// Nine villages on a jittered lattice (shared borders with extra vertices), random roads across
// them and along some borders: each village cut on its own, all pieces tile the square exactly.
TEST(CutBlocks, VillagesOfALatticeTileExactlyWhateverTheRoads) {
    constexpr int kN = 3;
    constexpr double kCell = 400;
    for (unsigned seed : {1U, 2U, 3U, 4U}) {
        SCOPED_TRACE("seed=" + std::to_string(seed));
        const double ox = seed % 2 ? 0.0 : 498765.4321, oy = seed % 2 ? 0.0 : 4012345.6789;
        std::mt19937 rng(seed);
        auto uniform = [&rng](double lo, double hi) { return lo + (hi - lo) * (rng() / 4294967296.0); };
        XY lattice[kN + 1][kN + 1];
        for (int i = 0; i <= kN; ++i) {
            for (int j = 0; j <= kN; ++j) {
                bool edge = i == 0 || j == 0 || i == kN || j == kN;
                lattice[i][j] = {ox + i * kCell + (edge ? 0 : uniform(-90, 90)),
                                 oy + j * kCell + (edge ? 0 : uniform(-90, 90))};
            }
        }
        // Interior border edges get a shared bend point.
        auto bend = [&](XY p, XY q, bool outer) -> std::vector<XY> {
            if (outer) return {};
            return {
                {(p.x + q.x) / 2 + std::fmod(p.y * 7.3, 31.0) - 15, (p.y + q.y) / 2 + std::fmod(p.x * 3.1, 29.0) - 14}};
        };
        std::vector<AdminUnit> villages;
        for (int i = 0; i < kN; ++i) {
            for (int j = 0; j < kN; ++j) {
                const XY c00 = lattice[i][j], c10 = lattice[i + 1][j], c11 = lattice[i + 1][j + 1],
                         c01 = lattice[i][j + 1];
                geo::Ring ring{c00};
                for (auto [p, q, outer] : {std::tuple{c00, c10, j == 0}, std::tuple{c10, c11, i + 1 == kN},
                                           std::tuple{c11, c01, j + 1 == kN}, std::tuple{c01, c00, i == 0}}) {
                    // The bend is computed from the edge in a fixed direction, so both sides agree.
                    bool forward = std::tie(p.x, p.y) < std::tie(q.x, q.y);
                    for (const XY& m : forward ? bend(p, q, outer) : bend(q, p, outer)) ring.push_back(m);
                    ring.push_back(q);
                }
                AdminUnit v;
                v.code = "4101020010" + std::to_string(10 + i * kN + j);
                v.parent_code = "410102001";
                v.geometry = Geometry::from_polygons({{ring}});
                ASSERT_TRUE(v.geometry.is_valid());
                villages.push_back(std::move(v));
            }
        }
        std::vector<LineFeature> lines;
        for (int k = 0; k < 10; ++k) {
            geo::Path path{{ox + uniform(0, kN * kCell), oy + uniform(0, kN * kCell)}};
            double heading = uniform(-3.2, 3.2);
            for (int m = 0; m < 3; ++m) {
                heading += uniform(-0.5, 0.5);
                double length = uniform(150, 900);
                path.push_back(
                    {path.back().x + length * std::cos(heading), path.back().y + length * std::sin(heading)});
            }
            lines.push_back({static_cast<LineKind>(1 + k % 4), geo::lines_from_paths(std::vector<geo::Path>{path})});
        }
        // Roads along a border, on it and a hair beside it (within and beyond the contact
        // tolerance), and a T-junction at a computed point of a border.
        for (double offset : {0.0, 3e-7, -2e-6, 1e-5}) {
            const XY p = lattice[1][1], q = lattice[1][2];
            const double dx = q.x - p.x, dy = q.y - p.y, length = std::hypot(dx, dy);
            const XY n{-dy / length * offset, dx / length * offset};
            lines.push_back({LineKind::MinorRoad,
                             geo::lines_from_paths(std::vector<geo::Path>{{{p.x + n.x - 20, p.y + n.y - 30},
                                                                           {p.x + n.x, p.y + n.y},
                                                                           {q.x + n.x, q.y + n.y},
                                                                           {q.x + n.x + 40, q.y + n.y + 10}}})});
        }
        {
            const XY p = lattice[2][1], q = lattice[2][2];
            const XY t{p.x + (q.x - p.x) / 3, p.y + (q.y - p.y) / 3};
            lines.push_back(
                {LineKind::Rail, geo::lines_from_paths(std::vector<geo::Path>{{t, {t.x + 250, t.y + 20}}})});
        }
        // A road along a whole border between lattice corners, one starting at a corner.
        lines.push_back(
            {LineKind::MainRoad, geo::lines_from_paths(std::vector<geo::Path>{{lattice[1][1], lattice[2][1]}})});
        lines.push_back(
            {LineKind::MinorRoad, geo::lines_from_paths(std::vector<geo::Path>{
                                      {lattice[2][2], {lattice[2][2].x + 333.3, lattice[2][2].y - 77.7}}})});

        const double target = 4000.0 + 3000.0 * seed;
        std::vector<std::vector<CellPiece>> cut_villages;
        for (const auto& v : villages) {
            cut_villages.push_back(cut(v, lines, target));
            expect_tiling(v, cut_villages.back());
        }
        std::vector<const std::vector<CellPiece>*> groups;
        for (const auto& c : cut_villages) groups.push_back(&c);
        const double x1 = ox + kN * kCell, y1 = oy + kN * kCell;
        auto outer = [&](const geo::Segment& s) {
            return (s.a.x == ox && s.b.x == ox) || (s.a.x == x1 && s.b.x == x1) || (s.a.y == oy && s.b.y == oy) ||
                   (s.a.y == y1 && s.b.y == y1);
        };
        auto bad = unmatched_edges(groups, outer);
        EXPECT_TRUE(bad.empty()) << bad.size() << " unmatched edges, first (" << bad.front().a.x << " "
                                 << bad.front().a.y << ", " << bad.front().b.x << " " << bad.front().b.y << ")";
    }
}

// Roads a hair from a border and from each other (micrometres), where GEOS's noder needs its
// snapping fallback: the tiling across the border stays exact.
TEST(CutBlocks, NearlyCoincidentRoadsAlongABorderKeepTheTilingExact) {
    const double ox = 512345.678, oy = 3987654.321;
    auto at = [&](double x, double y) { return XY{ox + x, oy + y}; };
    auto polygon = [&](std::vector<XY> ring) {
        ring.push_back(ring.front());
        return Geometry::from_polygons({{ring}});
    };
    // South and north villages sharing a border bent at (200, 103.7).
    AdminUnit south, north;
    south.code = "410102001001";
    north.code = "410102001002";
    south.geometry = polygon({at(0, 0), at(400, 0), at(400, 100), at(200, 103.7), at(0, 100)});
    north.geometry = polygon({at(0, 100), at(200, 103.7), at(400, 100), at(400, 200), at(0, 200)});
    for (double gap : {1e-7, 1.5e-6, 4e-6, 3e-5}) {
        SCOPED_TRACE("gap=" + std::to_string(gap));
        std::vector<LineFeature> lines;
        auto road = [&](LineKind kind, std::vector<XY> path) {
            lines.push_back({kind, geo::lines_from_paths(std::vector<geo::Path>{std::move(path)})});
        };
        // Two roads starting near the bend, a gap apart, running east nearly along the border.
        road(LineKind::MinorRoad, {at(200.0000001, 103.7 + gap), at(330, 101.4 + 2 * gap), at(330, 180)});
        road(LineKind::MainRoad, {at(200.0000002, 103.7 + 1.5 * gap), at(300, 101.93 + 3 * gap), at(300, 190)});
        road(LineKind::River, {at(200 - gap, 103.7 - gap), at(100, 101.85 - gap), at(100, 20)});
        road(LineKind::MinorRoad, {at(50, -10), at(50, 210)});
        auto ps = cut(south, lines, 5000.0);
        auto pn = cut(north, lines, 5000.0);
        expect_tiling(south, ps);
        expect_tiling(north, pn);
        auto outer = [&](const geo::Segment& e) {
            return (e.a.x == ox && e.b.x == ox) || (e.a.x == ox + 400 && e.b.x == ox + 400) ||
                   (e.a.y == oy && e.b.y == oy) || (e.a.y == oy + 200 && e.b.y == oy + 200);
        };
        EXPECT_TRUE(unmatched_edges({&ps, &pn}, outer).empty());
    }
}

TEST(CutBlocks, ARingRoadAroundASmallBlockMergesIntoOneBlockWithoutAHole) {
    auto v = village("POLYGON ((0 0, 400 0, 400 300, 0 300, 0 0))");
    std::vector<LineFeature> lines =
        lines_of(line(LineKind::MinorRoad, "LINESTRING (100 100, 200 100, 200 200, 100 200, 100 100)"));
    auto pieces = cut(v, lines, 100000.0);  // the inner 10000 m² is too small, the outer block fits
    ASSERT_EQ(pieces.size(), 1U);
    EXPECT_EQ(pieces[0].geometry.area(), 120000.0);
    ASSERT_EQ(pieces[0].geometry.polygons().size(), 1U);
    EXPECT_EQ(pieces[0].geometry.polygons()[0].size(), 1U);  // no hole left

    auto apart = cut(v, lines, 10000.0, 0.0);  // no merging: the ring's inside is a block of its own
    EXPECT_EQ(
        std::count_if(apart.begin(), apart.end(), [](const CellPiece& p) { return p.geometry.area() == 10000.0; }), 12);
    expect_tiling(v, apart);
}

TEST(CutBlocks, SameInputGivesIdenticalOutput) {
    TwoVillages t;
    auto first = cut(t.a, t.lines, 4000.0);
    auto second = cut(t.a, t.lines, 4000.0);
    ASSERT_EQ(first.size(), second.size());
    ASSERT_GT(first.size(), 5U);
    for (std::size_t k = 0; k < first.size(); ++k) {
        EXPECT_EQ(first[k].geometry.to_wkb(), second[k].geometry.to_wkb()) << k;
        EXPECT_EQ(first[k].anchor, second[k].anchor);
        EXPECT_EQ(first[k].row, second[k].row);
    }
}

TEST(CutBlocks, PiecesAreOrderedForNumbering) {
    TwoVillages t;
    auto pieces = cut(t.b, t.lines, 4000.0);
    for (std::size_t k = 1; k < pieces.size(); ++k) {
        const auto& p = pieces[k - 1];
        const auto& q = pieces[k];
        EXPECT_TRUE(p.row > q.row || (p.row == q.row && (p.anchor.x < q.anchor.x ||
                                                         (p.anchor.x == q.anchor.x && p.anchor.y > q.anchor.y))))
            << k;
        EXPECT_EQ(q.row, band_of(q.anchor, std::sqrt(4000.0)));
    }
}

TEST(CutBlocks, AreasAddUpOnIrregularVillages) {
    // A slanted, concave village with a hole and assorted lines; several targets.
    auto v = village(
        "POLYGON ((13.7 11.1, 431.3 27.9, 402.9 377.1, 277.77 219.13, 21.3 341.7, 13.7 11.1), "
        "(100.5 100.5, 160.5 110.25, 120.5 170.5, 100.5 100.5))");
    std::vector<LineFeature> lines = lines_of(line(LineKind::MainRoad, "LINESTRING (0 50.5, 450 210.7)"),
                                              line(LineKind::MinorRoad, "LINESTRING (200.1 0, 190.3 400)"),
                                              line(LineKind::River, "LINESTRING (0 300, 130 150, 300 90, 450 300)"),
                                              line(LineKind::MinorRoad, "LINESTRING (60 60, 90 90)"),
                                              line(LineKind::Rail, "LINESTRING (410 0, 410 500)"));
    for (double target : {2000.0, 7000.0, 10000.0, 25000.0}) {
        SCOPED_TRACE("target=" + std::to_string(target));
        auto pieces = cut(v, lines, target);
        expect_tiling(v, pieces);
        const double lo = target * 0.5;
        int small = 0;
        for (const auto& p : pieces) small += p.geometry.area() < lo ? 1 : 0;
        EXPECT_EQ(small, 0);  // every piece here has a neighbour to join
    }
}

}  // namespace
}  // namespace respgrid::grids

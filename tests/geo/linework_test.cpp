// Line work (geo/linework.hpp): GEOS node/polygonize wrappers, exact segment crossings, and
// clipping lines to polygons so that neighbours sharing an edge get identical vertices.

#include "respgrid/geo/linework.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "test_support.hpp"

namespace respgrid::geo {
namespace {

using test::wkt;

double total_area(const std::vector<Geometry>& faces) {
    double sum = 0;
    for (const auto& f : faces) sum += f.area();
    return sum;
}

bool has_vertex(const Geometry& polygonal, XY p) {
    for (const auto& rings : polygonal.polygons()) {
        for (const auto& ring : rings) {
            if (std::find(ring.begin(), ring.end(), p) != ring.end()) return true;
        }
    }
    return false;
}

// --- conversions and GEOS operations ----------------------------------------------------------

TEST(Linework, PathsOfReadsEveryLineOfACollection) {
    auto paths =
        paths_of(wkt("GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1), POINT (5 5), "
                     "MULTILINESTRING ((2 2, 3 3, 4 3), (7 7, 8 8)), POLYGON ((0 0, 1 0, 1 1, 0 0)))"));
    ASSERT_EQ(paths.size(), 3U);
    EXPECT_EQ(paths[0], (Path{{0, 0}, {1, 1}}));
    EXPECT_EQ(paths[1], (Path{{2, 2}, {3, 3}, {4, 3}}));
    EXPECT_EQ(paths[2], (Path{{7, 7}, {8, 8}}));
    EXPECT_TRUE(paths_of(Geometry()).empty());
}

TEST(Linework, LinesFromPathsSkipsDegeneratePaths) {
    std::vector<Path> paths{{{0, 0}, {1, 0}}, {{2, 2}}, {{3, 3}, {3, 3}}, {{0, 1}, {1, 1}, {1, 2}}};
    Geometry lines = lines_from_paths(paths);
    EXPECT_EQ(lines.type_name(), "MultiLineString");
    ASSERT_EQ(lines.num_geometries(), 2U);
    EXPECT_DOUBLE_EQ(lines.length(), 3.0);
    EXPECT_EQ(paths_of(lines)[1], paths[3]);
    EXPECT_TRUE(lines_from_paths({}).is_empty());
}

TEST(Linework, NodeLinesAddsCrossingsAndDissolvesDuplicates) {
    Geometry noded = node_lines(wkt("MULTILINESTRING ((0 5, 10 5), (5 0, 5 10), (0 5, 10 5))"));
    auto paths = paths_of(noded);
    ASSERT_EQ(paths.size(), 4U);  // each line cut in two at (5 5), the duplicate gone
    for (const auto& p : paths) {
        EXPECT_EQ(p.size(), 2U);
        EXPECT_TRUE(p.front() == (XY{5, 5}) || p.back() == (XY{5, 5}));
    }
    EXPECT_DOUBLE_EQ(noded.length(), 20.0);
}

TEST(Linework, NodeLinesKeepsExistingVertices) {
    // An irregular vertex shared by two lines stays bit for bit.
    const XY v{0.1 + 0.2, 1.0 / 3.0};
    Path a{{-5, -5}, v, {7, 2}};
    Path b{v, {3.3, 9.1}};
    Geometry noded = node_lines(lines_from_paths(std::vector<Path>{a, b}));
    int found = 0;
    for (const auto& p : paths_of(noded)) found += static_cast<int>(std::count(p.begin(), p.end(), v));
    EXPECT_EQ(found, 3);  // the end of three lines meeting at v
}

TEST(Linework, PolygonizeACrossInASquare) {
    Geometry lines = node_lines(wkt("MULTILINESTRING ((0 0, 40 0, 40 30, 0 30, 0 0), (15 -5, 15 35), (-5 10, 45 10))"));
    auto faces = polygonize(lines);
    ASSERT_EQ(faces.size(), 4U);
    EXPECT_DOUBLE_EQ(total_area(faces), 1200.0);
    std::vector<double> areas;
    for (const auto& f : faces) areas.push_back(f.area());
    std::sort(areas.begin(), areas.end());
    EXPECT_EQ(areas, (std::vector<double>{150, 250, 300, 500}));
}

TEST(Linework, PolygonizeDropsDanglesAndReturnsHoleFaces) {
    Geometry lines = node_lines(
        wkt("MULTILINESTRING ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4), (10 5, 20 5), (1 1, 2 2))"));
    auto faces = polygonize(lines);
    ASSERT_EQ(faces.size(), 2U);  // the square with its hole, and the hole's inside
    EXPECT_DOUBLE_EQ(total_area(faces), 100.0);
}

TEST(Linework, NormalizedIsIndependentOfStartAndOrientation) {
    Geometry a = normalized(wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
    Geometry b = normalized(wkt("POLYGON ((10 10, 10 0, 0 0, 0 10, 10 10))"));
    EXPECT_EQ(a.to_wkb(), b.to_wkb());
}

// --- exact segment work -----------------------------------------------------------------------

TEST(Linework, ProperCrossingOfTwoSegments) {
    auto p = proper_crossing({0, 0}, {10, 10}, {0, 10}, {10, 0});
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(*p, (XY{5, 5}));
    EXPECT_FALSE(proper_crossing({0, 0}, {10, 0}, {5, 0}, {5, 5}).has_value());     // touching
    EXPECT_FALSE(proper_crossing({0, 0}, {10, 0}, {2, 0}, {20, 0}).has_value());    // collinear
    EXPECT_FALSE(proper_crossing({0, 0}, {10, 0}, {11, -1}, {11, 1}).has_value());  // apart
}

TEST(Linework, ProperCrossingDoesNotDependOnOrderOrDirection) {
    const XY a{431.3, 27.9}, b{13.7, 11.1}, c{100.1, -3.7}, d{211.9, 404.2};
    auto p = proper_crossing(a, b, c, d);
    ASSERT_TRUE(p.has_value());
    for (auto q : {proper_crossing(b, a, c, d), proper_crossing(a, b, d, c), proper_crossing(c, d, a, b),
                   proper_crossing(d, c, b, a)}) {
        ASSERT_TRUE(q.has_value());
        EXPECT_EQ(*q, *p);  // bit-identical
    }
    EXPECT_LT(distance_to_segment(*p, a, b), 1e-9);
    EXPECT_LT(distance_to_segment(*p, c, d), 1e-9);
}

TEST(Linework, DistanceToSegment) {
    EXPECT_DOUBLE_EQ(distance_to_segment({5, 3}, {0, 0}, {10, 0}), 3.0);
    EXPECT_DOUBLE_EQ(distance_to_segment({13, 4}, {0, 0}, {10, 0}), 5.0);
    EXPECT_DOUBLE_EQ(distance_to_segment({3, 4}, {0, 0}, {0, 0}), 5.0);
}

TEST(Linework, MeetOnlyAtCommonEnd) {
    EXPECT_TRUE(meet_only_at_common_end({{0, 0}, {10, 0}}, {{0, 1}, {10, 1}}));    // apart
    EXPECT_TRUE(meet_only_at_common_end({{0, 0}, {10, 0}}, {{10, 0}, {10, 5}}));   // shared end
    EXPECT_TRUE(meet_only_at_common_end({{0, 0}, {10, 0}}, {{10, 0}, {20, 0}}));   // collinear, end to end
    EXPECT_FALSE(meet_only_at_common_end({{0, 0}, {10, 0}}, {{5, -1}, {5, 1}}));   // crossing
    EXPECT_FALSE(meet_only_at_common_end({{0, 0}, {10, 0}}, {{5, 0}, {5, 1}}));    // T
    EXPECT_FALSE(meet_only_at_common_end({{0, 0}, {10, 0}}, {{5, 0}, {15, 0}}));   // overlap
    EXPECT_FALSE(meet_only_at_common_end({{0, 0}, {10, 0}}, {{10, 0}, {0, 0}}));   // the same segment
    EXPECT_TRUE(meet_only_at_common_end({{0, 0}, {10, 0}}, {{11, 0}, {20, 0}}));   // collinear, apart
}

TEST(Linework, SegmentIndexFindsSegmentsNearABox) {
    SegmentIndex index({{{0, 0}, {10, 0}}, {{20, 0}, {20, 10}}, {{100, 100}, {-100, 100}}, {{5, 5}, {6, 6}}});
    EXPECT_EQ(index.size(), 4U);
    Envelope box{9, -1, 21, 1};
    EXPECT_EQ(index.near(box), (std::vector<std::size_t>{0, 1}));
    Envelope top{50, 99, 51, 101};
    EXPECT_EQ(index.near(top), (std::vector<std::size_t>{2}));
    Envelope touch{10, 0, 10, 0};  // a box that is a point on the end of segment 0
    EXPECT_EQ(index.near(touch), (std::vector<std::size_t>{0}));
    EXPECT_TRUE(index.near(Envelope{}).empty());
    EXPECT_TRUE(SegmentIndex().near(box).empty());
}

// --- clipping ---------------------------------------------------------------------------------

TEST(Linework, ClipLinesKeepsThePieceInsideAndInsertsTheCrossings) {
    Geometry square = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    std::vector<Path> lines{{{-5, 3}, {15, 8}}};
    ClippedLines c = clip_lines(square, lines);
    ASSERT_EQ(c.inside.size(), 1U);
    ASSERT_EQ(c.inside[0].size(), 1U);
    const Path& piece = c.inside[0][0];
    ASSERT_EQ(piece.size(), 2U);
    EXPECT_EQ(piece[0], (XY{0, 4.25}));
    EXPECT_EQ(piece[1], (XY{10, 6.75}));
    EXPECT_TRUE(has_vertex(c.polygonal, piece[0]));
    EXPECT_TRUE(has_vertex(c.polygonal, piece[1]));
    EXPECT_DOUBLE_EQ(c.polygonal.area(), 100.0);
    EXPECT_EQ(c.polygonal.polygons()[0][0].size(), 7U);
}

TEST(Linework, ClipLinesKeepsInteriorVerticesAndSplitsAtEveryExit) {
    // A line that leaves the U-shaped polygon and comes back.
    Geometry u = wkt("POLYGON ((0 0, 30 0, 30 20, 20 20, 20 10, 10 10, 10 20, 0 20, 0 0))");
    std::vector<Path> lines{{{-5, 15}, {5, 15}, {25, 15}, {35, 15}}};
    ClippedLines c = clip_lines(u, lines);
    ASSERT_EQ(c.inside[0].size(), 2U);
    EXPECT_EQ(c.inside[0][0], (Path{{0, 15}, {5, 15}, {10, 15}}));
    EXPECT_EQ(c.inside[0][1], (Path{{20, 15}, {25, 15}, {30, 15}}));
}

TEST(Linework, ClipLinesDropsLinesAlongOrOutsideTheRings) {
    Geometry holed = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))");
    std::vector<Path> lines{
        {{-2, 0}, {12, 0}},        // along the south edge
        {{4.5, 4.5}, {5.5, 5.5}},  // inside the hole
        {{20, 20}, {30, 30}},      // far outside
        {{10, 10}, {15, 15}},      // touches a corner from outside
        {{4, 5}, {4, 8}},          // starts on the hole's edge, runs along it, then inside
    };
    ClippedLines c = clip_lines(holed, lines);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(c.inside[i].empty()) << i;
    ASSERT_EQ(c.inside[4].size(), 1U);
    EXPECT_EQ(c.inside[4][0], (Path{{4, 6}, {4, 8}}));
    EXPECT_DOUBLE_EQ(c.polygonal.area(), 96.0);
}

TEST(Linework, ClipLinesInsertsLineVerticesLyingOnARing) {
    // A road ending exactly on the edge, and one whose vertex touches the edge from inside.
    Geometry square = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    std::vector<Path> lines{{{5, 5}, {3, 0}}, {{6, 5}, {8, 10}, {9, 5}}};
    ClippedLines c = clip_lines(square, lines);
    EXPECT_TRUE(has_vertex(c.polygonal, {3, 0}));
    EXPECT_TRUE(has_vertex(c.polygonal, {8, 10}));
    ASSERT_EQ(c.inside[0].size(), 1U);
    EXPECT_EQ(c.inside[0][0], (Path{{5, 5}, {3, 0}}));
    ASSERT_EQ(c.inside[1].size(), 2U);  // cut where it touches the ring
    EXPECT_EQ(c.inside[1][0], (Path{{6, 5}, {8, 10}}));
    EXPECT_EQ(c.inside[1][1], (Path{{8, 10}, {9, 5}}));
}

TEST(Linework, ClipLinesInsertsRingVerticesLyingOnALine) {
    // The line passes exactly through the triangle's apex (5, 10) and its base corner (0, 0).
    Geometry tri = wkt("POLYGON ((0 0, 10 0, 5 10, 0 0))");
    std::vector<Path> lines{{{2.5, 15}, {5, 10}, {5, -5}}, {{-1, -2}, {3, 6}}};
    ClippedLines c = clip_lines(tri, lines);
    ASSERT_EQ(c.inside[0].size(), 1U);
    EXPECT_EQ(c.inside[0][0], (Path{{5, 10}, {5, 0}}));
    EXPECT_TRUE(c.inside[1].empty());                    // runs along the west edge from (0 0) to (3 6)
    EXPECT_EQ(c.polygonal.polygons()[0][0].size(), 6U);  // (5 0) and (3 6) inserted
}

TEST(Linework, ClipLinesDropsALineWithinToleranceOfARing) {
    Geometry square = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    for (double offset : {1e-9, -1e-9, 5e-7, -5e-7}) {
        std::vector<Path> lines{{{-5, offset}, {15, offset}}};
        ClippedLines c = clip_lines(square, lines);
        EXPECT_TRUE(c.inside[0].empty()) << offset;
        EXPECT_DOUBLE_EQ(c.polygonal.area(), 100.0);
    }
    // Beyond the tolerance the line is real: a sliver 2 µm wide.
    std::vector<Path> lines{{{-5, 2e-6}, {15, 2e-6}}};
    ClippedLines c = clip_lines(square, lines);
    ASSERT_EQ(c.inside[0].size(), 1U);
    EXPECT_EQ(c.inside[0][0], (Path{{0, 2e-6}, {10, 2e-6}}));
}

TEST(Linework, ClipLinesPutsALineVertexNearARingOnTheRing) {
    Geometry square = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    // A vertex 1e-8 inside the south edge moves onto it (the ring does not move); one 1e-7 from
    // the north-west corner becomes the corner.
    std::vector<Path> lines{{{5, 3}, {5, 1e-8}, {7, 3}}, {{5, 5}, {1e-7, 10 - 1e-7}}};
    ClippedLines c = clip_lines(square, lines);
    EXPECT_TRUE(has_vertex(c.polygonal, {5, 0}));
    EXPECT_EQ(c.polygonal.area(), 100.0);
    ASSERT_EQ(c.inside[0].size(), 2U);
    EXPECT_EQ(c.inside[0][0], (Path{{5, 3}, {5, 0}}));
    EXPECT_EQ(c.inside[0][1], (Path{{5, 0}, {7, 3}}));
    ASSERT_EQ(c.inside[1].size(), 1U);
    EXPECT_EQ(c.inside[1][0], (Path{{5, 5}, {0, 10}}));
}

TEST(Linework, ClipLinesCutsALineAtRingVerticesItPassesWithinTolerance) {
    // The ring has a vertex 3e-7 off the straight south edge; a road along the edge meets it there
    // and is dropped, one crossing the ring there stops there.
    Geometry bent = wkt("POLYGON ((0 0, 5 0.0000003, 10 0, 10 10, 0 10, 0 0))");
    std::vector<Path> lines{{{-5, 0}, {15, 0}}, {{5, -5}, {5, 5}}};
    ClippedLines c = clip_lines(bent, lines);
    EXPECT_TRUE(c.inside[0].empty());
    ASSERT_EQ(c.inside[1].size(), 1U);
    EXPECT_EQ(c.inside[1][0], (Path{{5, 3e-7}, {5, 5}}));
}

TEST(Linework, NeighboursClippedApartShareTheCrossingBitForBit) {
    // Two polygons sharing a slanted edge, walked in opposite directions; roads crossing it at
    // points that are not representable exactly.
    Geometry west = wkt("POLYGON ((0 0, 170.3 0, 130.7 300, 0 300, 0 0))");
    Geometry east = wkt("POLYGON ((170.3 0, 400 0, 400 300, 130.7 300, 170.3 0))");
    std::vector<Path> lines{{{-10, 73.37}, {410, 73.37}}, {{10, 250.1}, {390, 20.3}}, {{405, 181.9}, {-5, 161.7}}};
    ClippedLines w = clip_lines(west, lines);
    ClippedLines e = clip_lines(east, lines);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        ASSERT_EQ(w.inside[i].size(), 1U);
        ASSERT_EQ(e.inside[i].size(), 1U);
        // The west piece ends where the east piece starts (or the other way round), exactly.
        const Path& wp = w.inside[i][0];
        const Path& ep = e.inside[i][0];
        bool joined = wp.back() == ep.front() || wp.front() == ep.back();
        EXPECT_TRUE(joined) << i;
        XY on_border = wp.back() == ep.front() ? wp.back() : wp.front();
        EXPECT_TRUE(has_vertex(w.polygonal, on_border));
        EXPECT_TRUE(has_vertex(e.polygonal, on_border));
    }
    // The two polygons still tile their union exactly.
    EXPECT_LT(w.polygonal.intersection(e.polygonal).area(), 1e-9);
    std::vector<Geometry> parts;
    parts.push_back(w.polygonal.clone());
    parts.push_back(e.polygonal.clone());
    Geometry both = Geometry::coverage_union(std::move(parts));
    EXPECT_NEAR(both.area(), 120000.0, 1e-6);
}

}  // namespace
}  // namespace respgrid::geo

namespace respgrid::geo {
namespace {

TEST(EnclosedArea, KeepsWhatARingLoopingOverItselfWindsAroundTwice) {
    // The ring winds twice around [2,6] x [2,4] (8 m²): MakeValid leaves it out (28 m²), as drawn
    // it is claimed (36 m²).
    Geometry drawn = test::wkt("POLYGON ((0 0, 6 0, 6 6, 2 6, 2 2, 8 2, 8 4, 0 4, 0 0))");
    ASSERT_FALSE(drawn.is_valid());
    EXPECT_NEAR(drawn.make_valid().polygonal().area(), 28.0, 1e-9);
    Geometry claimed = enclosed_area(drawn);
    EXPECT_TRUE(claimed.is_valid());
    EXPECT_NEAR(claimed.area(), 36.0, 1e-9);
    EXPECT_NEAR(claimed.difference(test::wkt("POLYGON ((2 2, 6 2, 6 4, 2 4, 2 2))")).area(), 28.0, 1e-9);
}

TEST(EnclosedArea, BowTiesHolesAndValidPolygonsAreWhatTheyAre) {
    EXPECT_NEAR(enclosed_area(test::wkt("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))")).area(), 2.0, 1e-12);  // both lobes
    Geometry holed = test::wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))");
    EXPECT_NEAR(enclosed_area(holed).area(), 96.0, 1e-12);
    Geometry parts = test::wkt("MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0)), ((2 2, 6 2, 6 6, 2 6, 2 2)))");  // overlapping parts
    EXPECT_NEAR(enclosed_area(parts).area(), 28.0, 1e-12);
}

}  // namespace
}  // namespace respgrid::geo

// Vertex insertion into polygon edges (geo/densify.hpp), deterministic for shared edges.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include "respgrid/geo/densify.hpp"
#include "respgrid/geo/error.hpp"
#include "test_support.hpp"

namespace respgrid::geo {
namespace {

using test::wkt;

// The vertices of `ring` from `from` to `to`, walking forward.
std::vector<XY> chain(const Ring& ring, XY from, XY to) {
    auto begin = std::find(ring.begin(), ring.end(), from);
    auto end = std::find(begin, ring.end(), to);
    if (begin == ring.end() || end == ring.end()) return {};
    return {begin, end + 1};
}

// Points at irregular fractions of a -> b: results depend on which end the arithmetic starts from.
std::vector<XY> thirds_and_sevenths(XY a, XY b) {
    std::vector<XY> out;
    for (double t : {1.0 / 7, 1.0 / 3, 3.0 / 7, 2.0 / 3, 6.0 / 7}) out.push_back({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
    return out;
}

TEST(SplitSegments, SplitterSeesEachSegmentInCanonicalDirection) {
    Geometry g = wkt("POLYGON ((0 0, 10 3, 7 9, -2 4, 0 0))");
    int calls = 0;
    (void)split_segments(g, [&calls](XY a, XY b) {
        ++calls;
        EXPECT_TRUE(std::tie(a.x, a.y) < std::tie(b.x, b.y)) << a.x << "," << a.y << " -> " << b.x << "," << b.y;
        return std::vector<XY>{};
    });
    EXPECT_EQ(calls, 4);
}

TEST(SplitSegments, SharedEdgeGetsIdenticalVerticesFromBothSides) {
    // The edge (0.1 0.3) - (9.7 6.1) is walked west->east by `left` and east->west by `right`.
    Geometry left = wkt("POLYGON ((0.1 0.3, 9.7 6.1, 0.1 9.9, 0.1 0.3))");
    Geometry right = wkt("POLYGON ((0.1 0.3, 9.9 0.1, 9.7 6.1, 0.1 0.3))");
    auto l = split_segments(left, thirds_and_sevenths).polygons()[0][0];
    auto r = split_segments(right, thirds_and_sevenths).polygons()[0][0];
    auto along_l = chain(l, {0.1, 0.3}, {9.7, 6.1});
    auto along_r = chain(r, {9.7, 6.1}, {0.1, 0.3});
    ASSERT_EQ(along_l.size(), 7U);
    std::reverse(along_r.begin(), along_r.end());
    EXPECT_EQ(along_l, along_r);  // bit for bit
    for (std::size_t k = 1; k < along_l.size(); ++k) EXPECT_LT(along_l[k - 1].x, along_l[k].x);
}

TEST(SplitSegments, HolesAndPartsAreSplitToo) {
    Geometry g = wkt("MULTIPOLYGON (((0 0, 8 0, 8 8, 0 8, 0 0), (2 2, 2 6, 6 6, 6 2, 2 2)), ((10 0, 12 0, 12 2, 10 0)))");
    auto midpoint = [](XY a, XY b) { return std::vector<XY>{{(a.x + b.x) / 2, (a.y + b.y) / 2}}; };
    auto polys = split_segments(g, midpoint).polygons();
    ASSERT_EQ(polys.size(), 2U);
    EXPECT_EQ(polys[0][0].size(), 9U);  // 4 edges -> 8 vertices + closing point
    EXPECT_EQ(polys[0][1].size(), 9U);
    EXPECT_EQ(polys[1][0].size(), 7U);
    EXPECT_EQ(polys[0][1][1], (XY{2, 4}));
}

TEST(SplitSegments, PointsEqualToAnEndpointAreNotDuplicated) {
    Geometry g = wkt("POLYGON ((0 0, 4 0, 4 4, 0 0))");
    auto ends_too = [](XY a, XY b) { return std::vector<XY>{a, {(a.x + b.x) / 2, (a.y + b.y) / 2}, b}; };
    auto ring = split_segments(g, ends_too).polygons()[0][0];
    EXPECT_EQ(ring, (Ring{{0, 0}, {2, 0}, {4, 0}, {4, 2}, {4, 4}, {2, 2}, {0, 0}}));
}

TEST(InsertPointsOnEdges, TJunctionPointsGoIntoTheEdgeTheyLieOn) {
    Geometry g = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    const std::vector<XY> points{{4, 0}, {10, 7}, {5, 5}, {4, 1e-3}};
    auto ring = insert_points_on_edges(g, points, 1e-6).polygons()[0][0];
    EXPECT_EQ(ring, (Ring{{0, 0}, {4, 0}, {10, 0}, {10, 7}, {10, 10}, {0, 10}, {0, 0}}));
}

TEST(InsertPointsOnEdges, APointNanometresFromAVertexIsThatVertexNotASpike) {
    // A neighbour drew the corner (10, 0) two nanometres away. The point lies within the tolerance
    // of both edges meeting at the corner; inserted into both it made the spike p, corner, p and
    // the polygon invalid (the hex grids of tests/data/cases/hex_lattice_township).
    Geometry g = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    const std::vector<XY> points{{10 - 2e-9, 1e-10}, {10 + 1e-9, 4e-7}};
    Geometry out = insert_points_on_edges(g, points, 1e-6);
    EXPECT_TRUE(out.is_valid()) << out.validity_reason();
    EXPECT_EQ(out.polygons(), g.polygons());
}

TEST(Densify, NoSegmentIsLongerThanTheMaximum) {
    Geometry g = wkt("POLYGON ((0 0, 10 0, 10 10, 0 0))");
    Geometry d = densify(g, 3.0);
    auto ring = d.polygons()[0][0];
    // 10 -> 4 parts, 10 -> 4 parts, 14.14 -> 5 parts: 13 segments, 14 points.
    EXPECT_EQ(ring.size(), 14U);
    for (std::size_t k = 1; k < ring.size(); ++k) {
        EXPECT_LE(std::hypot(ring[k].x - ring[k - 1].x, ring[k].y - ring[k - 1].y), 3.0 + 1e-12);
    }
    EXPECT_NEAR(d.area(), 50.0, 1e-9);
    EXPECT_EQ(ring[1], (XY{2.5, 0}));
}

TEST(Densify, AFarAwayVertexIsAnErrorNotBillionsOfPoints) {
    // One vertex at longitude 1e7: densifying to 0.001° asked for 1e10 points (bad_alloc, or the
    // machine's memory). Polygons and lines alike are refused before anything is allocated.
    Geometry polygon = wkt("POLYGON ((114.9 33.7, 10000000 33.7, 114.9 33.8, 114.9 33.7))");
    EXPECT_THROW((void)densify(polygon, 0.001), GeometryError);
    Geometry line = wkt("LINESTRING (114.9 33.7, 5000 33.7)");
    EXPECT_THROW((void)densify(line, 0.001), GeometryError);
    // 100° at 0.001° is the most one segment may take.
    Geometry longest = wkt("LINESTRING (0 0, 100 0)");
    EXPECT_EQ(paths_of(densify(longest, 0.001))[0].size(), 100'001U);
}

TEST(Densify, ShortSegmentsAreLeftAlone) {
    Geometry g = wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))");
    EXPECT_EQ(densify(g, 5.0).polygons(), g.polygons());
}

}  // namespace
}  // namespace respgrid::geo

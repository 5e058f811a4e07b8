// The half-open point-in-polygon rule (geo/half_open.hpp): on a shared edge the polygon on the
// edge's east side wins (north for a horizontal edge), on a shared vertex the north-east one.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/geo/half_open.hpp"

namespace respgrid::geo {
namespace {

PolygonRings rect(double x0, double y0, double x1, double y1) {
    return {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}};
}

PolygonRings reversed(PolygonRings p) {
    for (auto& ring : p) std::reverse(ring.begin(), ring.end());
    return p;
}

bool contains(const PolygonRings& polygon, XY p) { return half_open_contains(std::span(&polygon, 1), p); }

// --- orientation ----------------------------------------------------------------------------

TEST(Orientation, SignsOfSimpleTurns) {
    EXPECT_EQ(orientation({0, 0}, {1, 0}, {0.5, 1}), 1);
    EXPECT_EQ(orientation({0, 0}, {1, 0}, {0.5, -1}), -1);
    EXPECT_EQ(orientation({0, 0}, {1, 0}, {7, 0}), 0);
    EXPECT_EQ(orientation({0, 0}, {2, 2}, {1, 1}), 0);
}

// Kettner et al., "Classroom examples of robustness problems": points a few ulps around the
// line y = x through (12, 12) and (24, 24). The naive determinant gets many of these wrong;
// the exact sign is sign(y - x).
TEST(Orientation, IsExactForPointsUlpsAwayFromTheLine) {
    const XY a{12, 12}, b{24, 24};
    const double ulp = std::ldexp(1.0, -53);
    int wrong = 0;
    for (int i = 0; i < 128; ++i) {
        for (int j = 0; j < 128; ++j) {
            XY p{0.5 + i * ulp, 0.5 + j * ulp};
            int expected = (j > i) - (j < i);
            if (orientation(a, b, p) != expected) ++wrong;
        }
    }
    EXPECT_EQ(wrong, 0);
}

// --- a 2x2 tiling of unit squares -------------------------------------------------------------
//   NW | NE
//   ---+---   shared centre vertex at (1, 1)
//   SW | SE
struct Tiling2x2 {
    std::array<PolygonRings, 4> tiles{rect(0, 0, 1, 1), rect(1, 0, 2, 1), rect(0, 1, 1, 2), rect(1, 1, 2, 2)};
    enum { SW, SE, NW, NE, None };

    // The only tile that holds p; None if no tile does; -1 if several do.
    [[nodiscard]] int owner(XY p) const {
        int found = None;
        for (int t = 0; t < 4; ++t) {
            if (contains(tiles[t], p)) {
                if (found != None) return -1;
                found = t;
            }
        }
        return found;
    }
};

TEST(HalfOpenContains, InteriorPointsBelongToTheirSquare) {
    Tiling2x2 t;
    EXPECT_EQ(t.owner({0.5, 0.5}), Tiling2x2::SW);
    EXPECT_EQ(t.owner({1.5, 0.5}), Tiling2x2::SE);
    EXPECT_EQ(t.owner({0.5, 1.5}), Tiling2x2::NW);
    EXPECT_EQ(t.owner({1.5, 1.5}), Tiling2x2::NE);
}

TEST(HalfOpenContains, PointOnSharedVerticalEdgeBelongsToEastSquare) {
    Tiling2x2 t;
    for (double y = 1.0 / 64; y < 1.0; y += 1.0 / 64) {
        EXPECT_EQ(t.owner({1.0, y}), Tiling2x2::SE) << "y=" << y;
        EXPECT_EQ(t.owner({1.0, 1.0 + y}), Tiling2x2::NE) << "y=" << 1.0 + y;
    }
}

TEST(HalfOpenContains, PointOnSharedHorizontalEdgeBelongsToNorthSquare) {
    Tiling2x2 t;
    for (double x = 1.0 / 64; x < 1.0; x += 1.0 / 64) {
        EXPECT_EQ(t.owner({x, 1.0}), Tiling2x2::NW) << "x=" << x;
        EXPECT_EQ(t.owner({1.0 + x, 1.0}), Tiling2x2::NE) << "x=" << 1.0 + x;
    }
}

TEST(HalfOpenContains, SharedCentreVertexBelongsToNorthEastSquare) {
    Tiling2x2 t;
    EXPECT_EQ(t.owner({1.0, 1.0}), Tiling2x2::NE);
}

TEST(HalfOpenContains, WestAndSouthOuterEdgesAreIn) {
    Tiling2x2 t;
    EXPECT_EQ(t.owner({0.0, 0.5}), Tiling2x2::SW);
    EXPECT_EQ(t.owner({0.0, 1.5}), Tiling2x2::NW);
    EXPECT_EQ(t.owner({0.5, 0.0}), Tiling2x2::SW);
    EXPECT_EQ(t.owner({1.5, 0.0}), Tiling2x2::SE);
    EXPECT_EQ(t.owner({0.0, 0.0}), Tiling2x2::SW);  // south-west corner
    EXPECT_EQ(t.owner({1.0, 0.0}), Tiling2x2::SE);  // vertex on the south edge: the east square
    EXPECT_EQ(t.owner({0.0, 1.0}), Tiling2x2::NW);  // vertex on the west edge: the north square
}

TEST(HalfOpenContains, EastAndNorthOuterEdgesAreOut) {
    Tiling2x2 t;
    EXPECT_EQ(t.owner({2.0, 0.5}), Tiling2x2::None);
    EXPECT_EQ(t.owner({2.0, 1.5}), Tiling2x2::None);
    EXPECT_EQ(t.owner({0.5, 2.0}), Tiling2x2::None);
    EXPECT_EQ(t.owner({1.5, 2.0}), Tiling2x2::None);
    EXPECT_EQ(t.owner({2.0, 1.0}), Tiling2x2::None);
    EXPECT_EQ(t.owner({1.0, 2.0}), Tiling2x2::None);
    EXPECT_EQ(t.owner({2.0, 0.0}), Tiling2x2::None);  // south-east corner
    EXPECT_EQ(t.owner({0.0, 2.0}), Tiling2x2::None);  // north-west corner
    EXPECT_EQ(t.owner({2.0, 2.0}), Tiling2x2::None);  // north-east corner
}

TEST(HalfOpenContains, PointsOutsideAreOut) {
    Tiling2x2 t;
    EXPECT_EQ(t.owner({-0.5, 0.5}), Tiling2x2::None);
    EXPECT_EQ(t.owner({2.5, 0.5}), Tiling2x2::None);
    EXPECT_EQ(t.owner({0.5, -1e-300}), Tiling2x2::None);
    EXPECT_EQ(t.owner({1.5, 2.0 + 1e-15}), Tiling2x2::None);
}

TEST(HalfOpenContains, RingOrientationDoesNotMatter) {
    Tiling2x2 cw;
    for (auto& tile : cw.tiles) tile = reversed(tile);
    Tiling2x2 ccw;
    for (double x = 0; x <= 2; x += 0.25) {
        for (double y = 0; y <= 2; y += 0.25) EXPECT_EQ(cw.owner({x, y}), ccw.owner({x, y})) << x << " " << y;
    }
}

TEST(HalfOpenContains, PointOnSharedRisingDiagonalBelongsToEastTriangle) {
    // The diagonal y = x: east of it (below) is `lower`.
    PolygonRings lower{{{0, 0}, {2, 0}, {2, 2}, {0, 0}}};
    PolygonRings upper{{{0, 0}, {2, 2}, {0, 2}, {0, 0}}};
    for (XY p : {XY{0.5, 0.5}, XY{1, 1}, XY{1.75, 1.75}}) {
        EXPECT_TRUE(contains(lower, p)) << p.x;
        EXPECT_FALSE(contains(upper, p)) << p.x;
    }
}

TEST(HalfOpenContains, PointOnSharedFallingDiagonalBelongsToEastTriangle) {
    // The diagonal y = 2 - x: east of it (above) is `upper`.
    PolygonRings lower{{{0, 0}, {2, 0}, {0, 2}, {0, 0}}};
    PolygonRings upper{{{2, 0}, {2, 2}, {0, 2}, {2, 0}}};
    for (XY p : {XY{0.5, 1.5}, XY{1, 1}, XY{1.75, 0.25}}) {
        EXPECT_TRUE(contains(upper, p)) << p.x;
        EXPECT_FALSE(contains(lower, p)) << p.x;
    }
}

// --- holes and multi-polygons ----------------------------------------------------------------

TEST(HalfOpenContains, HoleIsNotPartOfThePolygon) {
    PolygonRings frame{rect(0, 0, 4, 4)[0], reversed(rect(1, 1, 3, 3))[0]};
    EXPECT_TRUE(contains(frame, {0.5, 0.5}));
    EXPECT_TRUE(contains(frame, {3.5, 2}));
    EXPECT_FALSE(contains(frame, {2, 2}));
}

TEST(HalfOpenContains, PolygonWithHoleAndItsFillerShareTheHoleBoundaryExactlyOnce) {
    PolygonRings frame{rect(0, 0, 4, 4)[0], rect(1, 1, 3, 3)[0]};
    PolygonRings filler = rect(1, 1, 3, 3);
    // On the hole boundary the rule decides as for any shared edge: the filler lies east of the
    // hole's west edge and north of its south edge; the frame east of its east edge, north of its
    // north edge.
    struct Case {
        XY p;
        bool in_filler;
    };
    const Case cases[] = {
        {{1, 2}, true},  {{2, 1}, true},  {{3, 2}, false}, {{2, 3}, false},  // edge midpoints
        {{1, 1}, true},  {{3, 1}, false}, {{1, 3}, false}, {{3, 3}, false},  // hole corners
    };
    for (const auto& c : cases) {
        EXPECT_EQ(contains(filler, c.p), c.in_filler) << c.p.x << " " << c.p.y;
        EXPECT_EQ(contains(frame, c.p), !c.in_filler) << c.p.x << " " << c.p.y;
    }
    for (double x = 0; x < 4; x += 0.125) {
        for (double y = 0; y < 4; y += 0.125) {
            EXPECT_NE(contains(frame, {x, y}), contains(filler, {x, y})) << x << " " << y;
        }
    }
}

TEST(HalfOpenContains, MultiPolygonPartsAllCount) {
    const std::vector<PolygonRings> parts{rect(0, 0, 1, 1), rect(2, 0, 3, 1)};
    EXPECT_TRUE(half_open_contains(parts, {0.5, 0.5}));
    EXPECT_TRUE(half_open_contains(parts, {2.5, 0.5}));
    EXPECT_FALSE(half_open_contains(parts, {1.5, 0.5}));
    EXPECT_FALSE(half_open_contains(parts, {3.5, 0.5}));
    EXPECT_TRUE(half_open_contains(parts, {2.0, 0.5}));   // west edge of the second part
    EXPECT_FALSE(half_open_contains(parts, {1.0, 0.5}));  // east edge of the first part
}

TEST(HalfOpenContains, EmptyInputContainsNothing) {
    EXPECT_FALSE(half_open_contains({}, {0, 0}));
}

// --- random sweep over an irregular tiling ---------------------------------------------------

// A (n+1)x(n+1) lattice over [0, n]^2, interior coordinates jittered by up to 0.25 in steps of
// 1/1024, boundary vertices kept on the boundary. Coordinates are dyadic with 10 fraction bits,
// so points at k/4 along any edge are exactly on that edge.
class JitteredTiling {
public:
    JitteredTiling(int n, std::uint32_t seed) : n_(n) {
        std::mt19937 rng(seed);
        auto jitter = [&rng] { return static_cast<double>(static_cast<int>(rng() % 513) - 256) / 1024.0; };
        for (int j = 0; j <= n; ++j) {
            for (int i = 0; i <= n; ++i) {
                double x = i, y = j;
                if (i != 0 && i != n) x += jitter();
                if (j != 0 && j != n) y += jitter();
                vertices_.push_back({x, y});
            }
        }
        for (int j = 0; j < n; ++j) {
            for (int i = 0; i < n; ++i) {
                tiles_.push_back({{at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1), at(i, j)}});
            }
        }
    }

    [[nodiscard]] XY at(int i, int j) const { return vertices_[static_cast<std::size_t>(j * (n_ + 1) + i)]; }
    [[nodiscard]] int tile_index(int i, int j) const { return j * n_ + i; }
    [[nodiscard]] const std::vector<PolygonRings>& tiles() const { return tiles_; }
    [[nodiscard]] const std::vector<XY>& vertices() const { return vertices_; }
    [[nodiscard]] int n() const { return n_; }

    // Tiles that hold p.
    [[nodiscard]] std::vector<int> claims(XY p) const {
        std::vector<int> out;
        for (std::size_t t = 0; t < tiles_.size(); ++t) {
            if (contains(tiles_[t], p)) out.push_back(static_cast<int>(t));
        }
        return out;
    }

    [[nodiscard]] XY centroid(int t) const {
        const auto& r = tiles_[static_cast<std::size_t>(t)][0];
        return {(r[0].x + r[1].x + r[2].x + r[3].x) / 4, (r[0].y + r[1].y + r[2].y + r[3].y) / 4};
    }

private:
    int n_;
    std::vector<XY> vertices_;
    std::vector<PolygonRings> tiles_;
};

// Premise of the sweep: the tiles are valid and tile [0, n]^2 exactly.
TEST(HalfOpenContains, JitteredLatticeIsATiling) {
    JitteredTiling lattice(10, 20240601);
    std::vector<Geometry> parts;
    double sum = 0;
    for (const auto& t : lattice.tiles()) {
        Geometry g = Geometry::from_polygons({t});
        ASSERT_TRUE(g.is_valid()) << g.to_wkt();
        sum += g.area();
        parts.push_back(std::move(g));
    }
    EXPECT_DOUBLE_EQ(sum, 100.0);
    EXPECT_DOUBLE_EQ(Geometry::union_all(std::move(parts)).area(), 100.0);
}

TEST(HalfOpenContains, RandomPointsInAJitteredTilingHaveExactlyOneTile) {
    JitteredTiling lattice(10, 20240601);
    std::mt19937 rng(7);
    int bad = 0;
    std::vector<std::pair<XY, int>> sample;  // for the GEOS cross-check
    for (int k = 0; k < 100000; ++k) {
        XY p{10.0 * rng() / 4294967296.0, 10.0 * rng() / 4294967296.0};  // in [0, 10)^2
        auto c = lattice.claims(p);
        if (c.size() != 1) {
            if (++bad < 10) ADD_FAILURE() << "(" << p.x << ", " << p.y << ") claimed by " << c.size() << " tiles";
            continue;
        }
        if (k % 50 == 0) sample.emplace_back(p, c[0]);
    }
    EXPECT_EQ(bad, 0);
    // The tile that claims a point is one that really covers it.
    for (const auto& [p, t] : sample) {
        Geometry tile = Geometry::from_polygons({lattice.tiles()[static_cast<std::size_t>(t)]});
        EXPECT_TRUE(PreparedGeometry(tile).covers(Geometry::point(p))) << p.x << " " << p.y;
    }
}

TEST(HalfOpenContains, LatticeVerticesHaveExactlyOneTileUnlessOnEastOrNorthBoundary) {
    JitteredTiling lattice(10, 20240601);
    for (const XY& v : lattice.vertices()) {
        std::size_t expected = (v.x == 10.0 || v.y == 10.0) ? 0 : 1;
        EXPECT_EQ(lattice.claims(v).size(), expected) << "vertex (" << v.x << ", " << v.y << ")";
    }
}

TEST(HalfOpenContains, PointsExactlyOnLatticeEdgesGoToTheEastSide) {
    JitteredTiling lattice(10, 20240601);
    const int n = lattice.n();
    int checked = 0;
    auto check_edge = [&](XY a, XY b, int tile_1, int tile_2) {
        // tile_1/tile_2: the tiles on either side (-1 outside the square).
        for (int k = 1; k <= 3; ++k) {
            XY p{a.x + (b.x - a.x) * k / 4, a.y + (b.y - a.y) * k / 4};
            ASSERT_EQ(orientation(a, b, p), 0) << "premise: the point is exactly on the edge";
            int expected;
            if (a.y == b.y) {
                // Horizontal: the tile to the north.
                auto north = [&](int t) { return t >= 0 && lattice.centroid(t).y > a.y; };
                expected = north(tile_1) ? tile_1 : (north(tile_2) ? tile_2 : -1);
            } else {
                // Otherwise: the tile right of the edge directed upwards, i.e. the east side.
                XY lo = a.y < b.y ? a : b, hi = a.y < b.y ? b : a;
                auto east = [&](int t) {
                    if (t < 0) return false;
                    XY c = lattice.centroid(t);
                    return (hi.x - lo.x) * (c.y - lo.y) - (hi.y - lo.y) * (c.x - lo.x) < 0;
                };
                expected = east(tile_1) ? tile_1 : (east(tile_2) ? tile_2 : -1);
            }
            auto c = lattice.claims(p);
            if (expected < 0) {
                EXPECT_TRUE(c.empty()) << "(" << p.x << ", " << p.y << ") on the east/north boundary";
            } else {
                ASSERT_EQ(c.size(), 1U) << "(" << p.x << ", " << p.y << ")";
                EXPECT_EQ(c[0], expected) << "(" << p.x << ", " << p.y << ")";
            }
            ++checked;
        }
    };
    for (int j = 0; j <= n; ++j) {
        for (int i = 0; i < n; ++i) {
            // West-east edge between tiles (i, j-1) and (i, j).
            check_edge(lattice.at(i, j), lattice.at(i + 1, j), j > 0 ? lattice.tile_index(i, j - 1) : -1,
                       j < n ? lattice.tile_index(i, j) : -1);
        }
    }
    for (int i = 0; i <= n; ++i) {
        for (int j = 0; j < n; ++j) {
            // South-north edge between tiles (i-1, j) and (i, j).
            check_edge(lattice.at(i, j), lattice.at(i, j + 1), i > 0 ? lattice.tile_index(i - 1, j) : -1,
                       i < n ? lattice.tile_index(i, j) : -1);
        }
    }
    EXPECT_EQ(checked, 3 * 2 * n * (n + 1));
}

// --- HalfOpenArea: the banded index gives half_open_contains's answer -----------------------

// A star-shaped polygon of many vertices (a county outline stand-in) with a hole, and a second
// part: the index must agree with the plain test everywhere, vertices and edges included.
std::vector<PolygonRings> wiggly_area() {
    Ring outer, hole, island;
    for (int k = 0; k < 2000; ++k) {
        double a = 2.0 * M_PI * k / 2000.0;
        double r = 100.0 + 15.0 * std::sin(7.0 * a) + 5.0 * std::cos(31.0 * a);
        outer.push_back({std::round(r * std::cos(a) * 64.0) / 64.0, std::round(r * std::sin(a) * 64.0) / 64.0});
    }
    outer.push_back(outer.front());
    hole = {{-10, -10}, {-10, 10}, {10, 10}, {10, -10}, {-10, -10}};
    island = {{200, 0}, {220, 0}, {220, 20}, {200, 20}, {200, 0}};
    return {{outer, hole}, {island}};
}

TEST(HalfOpenArea, AgreesWithHalfOpenContainsOnRandomPointsVerticesAndEdgePoints) {
    auto area = wiggly_area();
    HalfOpenArea index(area);
    std::vector<XY> probes;
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(-140.0, 240.0);
    for (int k = 0; k < 20000; ++k) probes.push_back({u(rng), u(rng) * 0.6});
    for (const auto& rings : area) {
        for (const auto& ring : rings) {
            for (std::size_t i = 1; i < ring.size(); ++i) {
                probes.push_back(ring[i]);                                                     // vertex
                probes.push_back({(ring[i - 1].x + ring[i].x) / 2, (ring[i - 1].y + ring[i].y) / 2});  // edge
            }
        }
    }
    std::size_t inside = 0;
    for (const auto& p : probes) {
        bool expected = half_open_contains(area, p);
        ASSERT_EQ(index.contains(p), expected) << p.x << " " << p.y;
        inside += expected;
    }
    // The probes exercise both answers, and points in the hole and on the island.
    EXPECT_GT(inside, 1000u);
    EXPECT_LT(inside, probes.size() - 1000);
    EXPECT_FALSE(index.contains({0, 0}));
    EXPECT_TRUE(index.contains({210, 10}));
    EXPECT_FALSE(index.contains({0, 1e6}));
    EXPECT_FALSE(index.contains({0, std::nan("")}));
}

TEST(HalfOpenArea, EmptyAreaContainsNothing) {
    HalfOpenArea index(std::span<const PolygonRings>{});
    EXPECT_TRUE(index.empty());
    EXPECT_FALSE(index.contains({0, 0}));
}

}  // namespace
}  // namespace respgrid::geo

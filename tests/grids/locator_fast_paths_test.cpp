// GridLocator's fast paths against the plain computation they replace, on awkward coverage:
//   * the nearest grid of a point in no grid comes from the outline's edges (an edge tree over the
//     edges of cells not enclosed by whole squares, less the edges two cells share) instead of
//     every cell; here it must equal the brute force over every cell (least boundary distance,
//     lowest index on a tie);
//   * the border distance takes hypot only for edges that can still be nearest; it must equal
//     distance_to_boundary over the cell's rings, bit for bit;
//   * prefetching (batch locate's hint) changes no answer.
// The coverage: 100 m squares at real projected coordinates with a notch in the outline (reflex
// corners), a 2 x 2 gap inside, a cell with a hole, a cell of two squares far apart, squares
// cut along a diagonal into two cells, and cells whose rings run clockwise.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "respgrid/grids/locator.hpp"

namespace respgrid::grids {
namespace {

using geo::XY;

constexpr double kX0 = 500000.0, kY0 = 3700000.0, kSide = 100.0;
constexpr int kN = 12;

XY corner(int i, int j) { return {kX0 + kSide * i, kY0 + kSide * j}; }

geo::Ring square_ring(int i, int j, bool clockwise = false) {
    XY a = corner(i, j), b = corner(i + 1, j), c = corner(i + 1, j + 1), d = corner(i, j + 1);
    return clockwise ? geo::Ring{a, d, c, b, a} : geo::Ring{a, b, c, d, a};
}

std::string code(int k) { return "4101020010" + std::to_string(10000 + k); }

struct Coverage {
    std::vector<LocatorCell> cells;
    std::vector<geo::PolygonRings> county;
};

Coverage awkward_coverage() {
    Coverage out;
    int k = 0;
    auto gap = [](int i, int j) { return (i == 5 || i == 6) && (j == 5 || j == 6); };
    auto notch = [](int i, int j) { return i >= 9 && j >= 9; };  // the outline's reflex corner at (9, 9)
    for (int j = 0; j < kN; ++j) {
        for (int i = 0; i < kN; ++i) {
            if (gap(i, j) || notch(i, j)) continue;
            if (i == 2 && j == 2) continue;  // part of the two-square cell below
            if (i == 8 && j == 3) {
                // A cell with a hole (left empty: a gap inside the cell).
                geo::Ring hole{{kX0 + 830, kY0 + 330}, {kX0 + 830, kY0 + 370}, {kX0 + 870, kY0 + 370},
                               {kX0 + 870, kY0 + 330}, {kX0 + 830, kY0 + 330}};
                out.cells.push_back({code(k++), {{square_ring(i, j), hole}}});
                continue;
            }
            if (j == 0 && i % 3 == 1) {
                // Cut along the diagonal into two cells, on the outline (buckets with two cells).
                XY a = corner(i, j), b = corner(i + 1, j), c = corner(i + 1, j + 1), d = corner(i, j + 1);
                out.cells.push_back({code(k++), {{geo::Ring{a, b, c, a}}}});
                out.cells.push_back({code(k++), {{geo::Ring{a, c, d, a}}}});
                continue;
            }
            if (i == 0 && j == 11) {
                // Two squares far apart: this corner and (2, 2), inside the coverage.
                out.cells.push_back({code(k++), {{square_ring(i, j)}, {square_ring(2, 2)}}});
                continue;
            }
            out.cells.push_back({code(k++), {{square_ring(i, j, (i + j) % 5 == 0)}}});
        }
    }
    // The county: the squares' outline with the notch (the gap is inside it).
    out.county = {{geo::Ring{corner(0, 0), corner(kN, 0), corner(kN, 9), corner(9, 9), corner(9, kN), corner(0, kN),
                             corner(0, 0)}}};
    return out;
}

// The plain nearest grid: least boundary distance over every cell, lowest index on a tie.
struct Plain {
    std::size_t cell = 0;
    double distance = std::numeric_limits<double>::infinity();
};

Plain plain_nearest(const std::vector<LocatorCell>& sorted, XY p) {
    Plain best;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const double d = distance_to_boundary(sorted[i].polygons, p);
        if (d < best.distance) best = {i, d};
    }
    return best;
}

// Points that test the rules: random ones near and far, on every vertex and edge midpoint of
// the squares' lattice, on the diagonals of the cut cells, in the gap and the hole, on the
// bisectors of the outline's corners.
std::vector<XY> awkward_points() {
    std::vector<XY> points;
    std::mt19937 rng(16);
    auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * (rng() / 4294967296.0); };
    for (int n = 0; n < 3000; ++n) points.push_back({uniform(kX0 - 300, kX0 + 1500), uniform(kY0 - 300, kY0 + 1500)});
    for (int n = 0; n < 300; ++n) points.push_back({uniform(kX0 - 6000, kX0 + 7000), uniform(kY0 - 6000, kY0 + 7000)});
    for (int j = -1; j <= kN + 1; ++j) {
        for (int i = -1; i <= kN + 1; ++i) {
            const XY c = corner(i, j);
            points.push_back(c);
            points.push_back({c.x + kSide / 2, c.y});
            points.push_back({c.x, c.y + kSide / 2});
            points.push_back({c.x + kSide / 4, c.y + kSide / 4});  // on a cut cell's diagonal where there is one
        }
    }
    for (double t : {1.0, 7.5, 50.0, 333.0}) {
        points.push_back({kX0 - t, kY0 - t});                            // south-west corner's bisector
        points.push_back({kX0 + 900 + t, kY0 + 900 + t});                // into the notch from its reflex corner
        points.push_back({kX0 + 1200 + t, kY0 + 900 + t});               // beside the notch's convex corner
        points.push_back({kX0 + 900 + t / 10, kY0 + 1200 + t});          // north of the notch's west side
    }
    points.push_back({kX0 + 600, kY0 + 600});  // the middle of the gap: four cells at one distance
    points.push_back({kX0 + 550, kY0 + 600});
    points.push_back({kX0 + 850, kY0 + 350});  // the middle of the hole
    points.push_back({kX0 + 830, kY0 + 350});  // on the hole's west edge
    return points;
}

TEST(GridLocatorFastPaths, NearestGridOfPointsInNoGridIsThePlainOne) {
    const Coverage coverage = awkward_coverage();
    const GridLocator locator(coverage.cells, coverage.county);
    std::vector<LocatorCell> sorted;
    for (std::size_t i = 0; i < locator.size(); ++i) sorted.push_back(locator.cell(i));
    std::size_t outside = 0, in_gap = 0;
    for (const XY p : awkward_points()) {
        const auto r = locator.locate(p);
        if (r.cell) continue;
        outside += r.status == LocateStatus::Outside;
        in_gap += r.status == LocateStatus::InGap;
        const Plain plain = plain_nearest(sorted, p);
        ASSERT_TRUE(r.nearest) << p.x << " " << p.y;
        EXPECT_EQ(*r.nearest, plain.cell) << p.x - kX0 << " " << p.y - kY0;
        EXPECT_EQ(r.nearest_distance_m, plain.distance) << p.x - kX0 << " " << p.y - kY0;
    }
    EXPECT_GT(outside, 500u);
    EXPECT_GT(in_gap, 20u) << "points in the gap and in the hole";
}

TEST(GridLocatorFastPaths, BorderDistanceIsThePlainOneBitForBit) {
    const Coverage coverage = awkward_coverage();
    const GridLocator locator(coverage.cells, coverage.county);
    std::size_t inside = 0;
    for (const XY p : awkward_points()) {
        const auto d = locator.locate_detailed(p, 5.0);
        if (!d.cell || d.noise_gap_m > 0.0) continue;
        ++inside;
        EXPECT_EQ(d.border_distance_m, distance_to_boundary(locator.cell(*d.cell).polygons, p))
            << p.x - kX0 << " " << p.y - kY0;
    }
    EXPECT_GT(inside, 1500u);
}

TEST(GridLocatorFastPaths, PrefetchingChangesNoAnswer) {
    const Coverage coverage = awkward_coverage();
    const GridLocator locator(coverage.cells, coverage.county);
    const auto points = awkward_points();
    std::vector<LocateResult> before;
    for (const XY p : points) before.push_back(locator.locate(p));
    for (const XY p : points) {
        const std::size_t bucket = locator.prefetch_bucket(p);
        for (int s = 1; s < GridLocator::kPrefetchStages; ++s) locator.prefetch(bucket, s);
    }
    locator.prefetch(GridLocator::kNoBucket, 1);
    locator.prefetch_bucket({std::nan(""), 0.0});
    for (std::size_t k = 0; k < points.size(); ++k) {
        const auto r = locator.locate(points[k]);
        EXPECT_EQ(r.cell, before[k].cell);
        EXPECT_EQ(r.nearest, before[k].nearest);
    }
}

}  // namespace
}  // namespace respgrid::grids

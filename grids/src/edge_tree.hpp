#pragma once
// The nearest of a set of segments to a point: a bounding-volume tree (median splits, leaves of
// a few segments) searched depth first, nearer child first, with squared distances, no
// allocation and no heap. The locator keeps the edges that can lie on its cells' outline here:
// only they can be nearest to a point in no grid (locator.cpp, nearest grid).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "respgrid/geo/xy.hpp"

namespace respgrid::grids::detail {

class EdgeTree {
public:
    struct Edge {
        geo::XY a, b;
    };
    // The closest points of the edges found within the slack of the nearest one: as many as a
    // point can have where edges meet; more (a degenerate outline) and the caller asks the plain way.
    static constexpr std::size_t kMaxNear = 16;
    struct Nearest {
        double distance = 0.0;  // to the nearest edge (infinite when there are none)
        std::array<geo::XY, kMaxNear> closest{};
        std::size_t count = 0;  // closest points of edges within distance + slack
        bool overflow = false;  // more than kMaxNear of them
    };

    EdgeTree() = default;
    explicit EdgeTree(std::vector<Edge> edges);

    // The nearest edge's distance from p, and the closest points of every edge within `slack`
    // (absolute, metres) plus `relative_slack` times that distance of it.
    [[nodiscard]] Nearest nearest(geo::XY p, double slack, double relative_slack) const;
    [[nodiscard]] std::size_t size() const { return edges_.size(); }
    [[nodiscard]] std::size_t bytes() const;

private:
    struct Node {
        geo::Envelope box;
        std::uint32_t first = 0;   // leaf: first edge; inner: one child
        std::uint32_t second = 0;  // inner: the other child
        std::uint32_t count = 0;   // leaf: edge count; inner: 0
    };
    std::vector<Edge> edges_;
    std::vector<Node> nodes_;

    std::uint32_t build(std::uint32_t begin, std::uint32_t end);
};

// An edge of a cell, points[end - 1] -> points[end] of the vertices it was taken from, with
// the side the cell's interior lies on. Sixteen bytes rather than two points: a city's candidate
// edges run to a million and more, all held at once while they are sorted, and the sort compares
// the key (unshared_edges fills it from the coordinates) instead of fetching four of them.
struct SidedEdge {
    std::uint64_t key = 0;
    std::uint32_t end = 0;
    std::uint32_t cell : 31 = 0;
    std::uint32_t interior_left : 1 = 1;  // the cell lies left of points[end - 1] -> points[end]
};

// The edges no other cell shares from the other side: an edge two cells share, one on each
// side, has coverage on both sides and is not on the coverage's boundary. Overlapping cells (on
// the same side of a shared edge) keep theirs. `edges` index into `points`.
std::vector<EdgeTree::Edge> unshared_edges(std::vector<SidedEdge> edges, std::span<const geo::XY> points);

// The point of segment ab closest to p: one formula for the exact distance and the searches'.
inline geo::XY closest_on(geo::XY a, geo::XY b, geo::XY p) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    if (t == 0.0) return a;
    if (t == 1.0) return b;
    return {a.x + t * dx, a.y + t * dy};
}

// Distance from p to segment ab as the locator measures it (hypot of p to the closest point),
// and the closest point.
double segment_distance(geo::XY a, geo::XY b, geo::XY p, geo::XY* closest = nullptr);

}  // namespace respgrid::grids::detail

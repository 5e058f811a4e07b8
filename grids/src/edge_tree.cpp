#include "edge_tree.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace respgrid::grids::detail {

namespace {

double box_distance2(const geo::Envelope& e, geo::XY p) {
    const double dx = std::max(std::max(e.min_x - p.x, p.x - e.max_x), 0.0);
    const double dy = std::max(std::max(e.min_y - p.y, p.y - e.max_y), 0.0);
    return dx * dx + dy * dy;
}

constexpr std::uint32_t kLeafEdges = 4;

}  // namespace

double segment_distance(geo::XY a, geo::XY b, geo::XY p, geo::XY* closest) {
    const geo::XY c = closest_on(a, b, p);
    if (closest) *closest = c;
    return std::hypot(c.x - p.x, c.y - p.y);
}

namespace {

// A hash of an edge's coordinates: equal edges get equal keys, and different ones almost never
// do (the sort breaks such ties by the coordinates themselves).
std::uint64_t edge_key(geo::XY lo, geo::XY hi) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull;
    for (const double v : {lo.x, lo.y, hi.x, hi.y}) {
        h ^= std::bit_cast<std::uint64_t>(v) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ull;
    }
    return h ^ (h >> 29);
}

}  // namespace

std::vector<EdgeTree::Edge> unshared_edges(std::vector<SidedEdge> edges, std::span<const geo::XY> points) {
    // Each edge from its lower end (by x, then y), so that shared edges sort together; the side
    // is flipped with the direction.
    auto less = [](geo::XY u, geo::XY v) { return u.x < v.x || (u.x == v.x && u.y < v.y); };
    struct Ends {
        geo::XY lo, hi;
    };
    auto ends = [&](const SidedEdge& e) {
        const geo::XY a = points[e.end - 1], b = points[e.end];
        return less(b, a) ? Ends{b, a} : Ends{a, b};
    };
    for (auto& e : edges) {
        if (less(points[e.end], points[e.end - 1])) e.interior_left = !e.interior_left;
        const Ends x = ends(e);
        e.key = edge_key(x.lo, x.hi);
    }
    std::sort(edges.begin(), edges.end(), [&](const SidedEdge& u, const SidedEdge& v) {
        if (u.key != v.key) return u.key < v.key;
        const Ends eu = ends(u), ev = ends(v);
        if (!(eu.lo == ev.lo)) return less(eu.lo, ev.lo);
        return less(eu.hi, ev.hi);
    });
    std::vector<EdgeTree::Edge> out;
    for (std::size_t g = 0; g < edges.size();) {
        const Ends first = ends(edges[g]);
        std::size_t end = g + 1;
        while (end < edges.size() && edges[end].key == edges[g].key) {
            const Ends next = ends(edges[end]);
            if (!(next.lo == first.lo && next.hi == first.hi)) break;
            ++end;
        }
        for (std::size_t i = g; i < end; ++i) {
            bool shared = false;
            for (std::size_t j = g; j < end && !shared; ++j) {
                shared = edges[j].cell != edges[i].cell && edges[j].interior_left != edges[i].interior_left;
            }
            if (!shared) out.push_back({first.lo, first.hi});
        }
        g = end;
    }
    return out;
}

EdgeTree::EdgeTree(std::vector<Edge> edges) : edges_(std::move(edges)) {
    if (edges_.empty()) return;
    nodes_.reserve(2 * (edges_.size() / kLeafEdges + 1));
    build(0, static_cast<std::uint32_t>(edges_.size()));
}

// A node over edges [begin, end), split at the median of the edges' centres along the longer
// side of their box; returns its index.
std::uint32_t EdgeTree::build(std::uint32_t begin, std::uint32_t end) {
    const auto self = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
    geo::Envelope box;
    for (std::uint32_t i = begin; i < end; ++i) {
        box.expand(edges_[i].a);
        box.expand(edges_[i].b);
    }
    nodes_[self].box = box;
    if (end - begin <= kLeafEdges) {
        nodes_[self].first = begin;
        nodes_[self].count = end - begin;
        return self;
    }
    const bool by_x = box.max_x - box.min_x >= box.max_y - box.min_y;
    const std::uint32_t mid = begin + (end - begin) / 2;
    std::nth_element(edges_.begin() + begin, edges_.begin() + mid, edges_.begin() + end,
                     [by_x](const Edge& u, const Edge& v) {
                         return by_x ? u.a.x + u.b.x < v.a.x + v.b.x : u.a.y + u.b.y < v.a.y + v.b.y;
                     });
    const std::uint32_t left = build(begin, mid);
    const std::uint32_t right = build(mid, end);
    nodes_[self].first = left;
    nodes_[self].second = right;
    return self;
}

EdgeTree::Nearest EdgeTree::nearest(geo::XY p, double slack, double relative_slack) const {
    Nearest out;
    out.distance = std::numeric_limits<double>::infinity();
    if (nodes_.empty()) return out;
    // Found edges: their squared distance and closest point, kept while within reach.
    struct Found {
        double d2;
        geo::XY c;
    };
    std::array<Found, kMaxNear> found{};
    std::size_t found_count = 0;
    double best2 = std::numeric_limits<double>::infinity();
    double reach2 = best2;  // (best + slack)^2: nodes and edges beyond it cannot matter
    auto update_reach = [&] {
        const double best = std::sqrt(best2);
        const double reach = best + slack + relative_slack * best;
        reach2 = reach * reach;
    };
    // Nodes still to visit, with their boxes' squared distance from p.
    struct Pending {
        std::uint32_t node;
        double d2;
    };
    std::array<Pending, 96> stack{};
    std::size_t top = 0;
    stack[top++] = {0, box_distance2(nodes_[0].box, p)};
    while (top > 0) {
        const Pending next = stack[--top];
        if (next.d2 > reach2) continue;
        const Node& node = nodes_[next.node];
        if (node.count > 0) {
            for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
                const geo::XY c = closest_on(edges_[i].a, edges_[i].b, p);
                const double d2 = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y);
                if (d2 > reach2) continue;
                if (d2 < best2) {
                    best2 = d2;
                    update_reach();
                    // Drop what the new nearest puts out of reach.
                    std::size_t k = 0;
                    for (std::size_t j = 0; j < found_count; ++j) {
                        if (found[j].d2 <= reach2) found[k++] = found[j];
                    }
                    found_count = k;
                }
                if (found_count == kMaxNear) {
                    out.overflow = true;
                    continue;
                }
                found[found_count++] = {d2, c};
            }
            continue;
        }
        const std::uint32_t a = node.first, b = node.second;
        if (top + 2 > stack.size()) {
            out.overflow = true;
            return out;
        }
        // Nearer child on top, searched first.
        const Pending pa{a, box_distance2(nodes_[a].box, p)}, pb{b, box_distance2(nodes_[b].box, p)};
        const bool a_first = pa.d2 <= pb.d2;
        stack[top++] = a_first ? pb : pa;
        stack[top++] = a_first ? pa : pb;
    }
    out.distance = std::sqrt(best2);
    for (std::size_t j = 0; j < found_count; ++j) {
        if (found[j].d2 <= reach2) out.closest[out.count++] = found[j].c;
    }
    return out;
}

std::size_t EdgeTree::bytes() const {
    return edges_.capacity() * sizeof(Edge) + nodes_.capacity() * sizeof(Node);
}

}  // namespace respgrid::grids::detail

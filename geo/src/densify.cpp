#include "respgrid/geo/densify.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <tuple>

#include "respgrid/geo/error.hpp"

namespace respgrid::geo {

namespace {

Ring split_ring(const Ring& ring, const SegmentSplitter& between) {
    Ring out;
    out.reserve(ring.size());
    for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
        const XY p = ring[k];
        const XY q = ring[k + 1];
        out.push_back(p);
        bool forward = std::tie(p.x, p.y) < std::tie(q.x, q.y);
        std::vector<XY> inner = forward ? between(p, q) : between(q, p);
        if (!forward) std::reverse(inner.begin(), inner.end());
        for (const auto& c : inner) {
            if (c != out.back() && c != q) out.push_back(c);
        }
    }
    if (!ring.empty()) out.push_back(ring.back());
    return out;
}

}  // namespace

Geometry split_segments(const Geometry& polygonal, const SegmentSplitter& between) {
    auto polygons = polygonal.polygons();
    for (auto& rings : polygons) {
        for (auto& ring : rings) ring = split_ring(ring, between);
    }
    return Geometry::from_polygons(polygons);
}

Geometry densify(const Geometry& g, double max_length) {
    if (!(max_length > 0.0) || !std::isfinite(max_length)) {
        throw std::invalid_argument("geo: densify needs a positive, finite maximum segment length");
    }
    // Every segment is measured before anything is allocated: one far-away vertex (a longitude
    // of 1e7) would otherwise ask for billions of points.
    const auto parts_of = [max_length](XY a, XY b) { return std::ceil(std::hypot(b.x - a.x, b.y - a.y) / max_length); };
    const auto check = [&](const std::vector<XY>& path) {
        for (std::size_t k = 1; k < path.size(); ++k) {
            const double parts = parts_of(path[k - 1], path[k]);
            if (!(parts <= static_cast<double>(kMaxDensifyPointsPerSegment))) {
                char buf[200];
                std::snprintf(buf, sizeof buf,
                              "geo: a segment from (%.9g, %.9g) to (%.9g, %.9g) would need %.3g points at most %g apart "
                              "(at most %lld): a coordinate is wrong",
                              path[k - 1].x, path[k - 1].y, path[k].x, path[k].y, parts, max_length,
                              static_cast<long long>(kMaxDensifyPointsPerSegment));
                throw GeometryError("densify", buf);
            }
        }
    };
    const auto polygons = g.polygons();
    for (const auto& rings : polygons) {
        for (const auto& ring : rings) check(ring);
    }
    if (polygons.empty()) {
        for (const auto& path : paths_of(g)) check(path);
    }
    SegmentSplitter between = [max_length, parts_of](XY a, XY b) {
        std::vector<XY> points;
        auto parts = static_cast<long long>(parts_of(a, b));
        for (long long i = 1; i < parts; ++i) {
            double t = static_cast<double>(i) / static_cast<double>(parts);
            points.push_back({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
        }
        return points;
    };
    if (g.polygons().empty()) {
        // Lines: the same splitting, path by path.
        auto paths = paths_of(g);
        for (auto& path : paths) path = split_ring(path, between);
        return lines_from_paths(paths);
    }
    return split_segments(g, between);
}

std::vector<Segment> segments_of(const Geometry& g) {
    std::vector<Segment> out;
    for (const auto& rings : g.polygons()) {
        for (const auto& ring : rings) {
            for (std::size_t i = 1; i < ring.size(); ++i) {
                if (ring[i - 1] != ring[i]) out.push_back({ring[i - 1], ring[i]});
            }
        }
    }
    return out;
}

namespace {
bool less(XY p, XY q) { return std::tie(p.x, p.y) < std::tie(q.x, q.y); }
// p is q, or within `tolerance` of it: the same vertex drawn twice.
bool near(XY p, XY q, double tolerance) {
    const double dx = p.x - q.x, dy = p.y - q.y;
    return dx * dx + dy * dy <= tolerance * tolerance;
}
}  // namespace

Geometry split_at_crossings(const Geometry& polygonal, std::span<const Segment> cutters) {
    namespace bg = boost::geometry;
    namespace bgi = boost::geometry::index;
    using BPoint = bg::model::d2::point_xy<double>;
    using BBox = bg::model::box<BPoint>;
    using Entry = std::pair<BBox, std::size_t>;
    auto box = [](const Segment& s) {
        return BBox(BPoint(std::min(s.a.x, s.b.x), std::min(s.a.y, s.b.y)),
                    BPoint(std::max(s.a.x, s.b.x), std::max(s.a.y, s.b.y)));
    };
    std::vector<Entry> entries;
    entries.reserve(cutters.size());
    for (std::size_t i = 0; i < cutters.size(); ++i) entries.emplace_back(box(cutters[i]), i);
    bgi::rtree<Entry, bgi::rstar<16>> tree(entries.begin(), entries.end());
    return split_segments(polygonal, [&](XY a, XY b) {
        std::vector<std::pair<double, XY>> found;
        const Segment s{a, b};
        tree.query(bgi::intersects(box(s)), boost::make_function_output_iterator([&](const Entry& e) {
                       const Segment& c = cutters[e.second];
                       if (auto p = proper_crossing(s.a, s.b, c.a, c.b)) {
                           double t = std::fabs(b.x - a.x) >= std::fabs(b.y - a.y) ? (p->x - a.x) / (b.x - a.x)
                                                                                   : (p->y - a.y) / (b.y - a.y);
                           found.emplace_back(t, *p);
                       }
                   }));
        std::sort(found.begin(), found.end(), [](const auto& l, const auto& r) {
            return l.first != r.first ? l.first < r.first : less(l.second, r.second);
        });
        std::vector<XY> points;
        for (const auto& [t, p] : found) {
            if (points.empty() || points.back() != p) points.push_back(p);
        }
        return points;
    });
}

Geometry insert_points_on_edges(const Geometry& polygonal, std::span<const XY> points, double tolerance) {
    namespace bg = boost::geometry;
    namespace bgi = boost::geometry::index;
    using BPoint = bg::model::d2::point_xy<double>;
    using Entry = std::pair<BPoint, std::size_t>;
    std::vector<Entry> entries;
    entries.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) entries.emplace_back(BPoint(points[i].x, points[i].y), i);
    bgi::rtree<Entry, bgi::rstar<16>> tree(entries.begin(), entries.end());
    return split_segments(polygonal, [&](XY a, XY b) {
        using BBox = bg::model::box<BPoint>;
        BBox box(BPoint(std::min(a.x, b.x) - tolerance, std::min(a.y, b.y) - tolerance),
                 BPoint(std::max(a.x, b.x) + tolerance, std::max(a.y, b.y) + tolerance));
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        std::vector<std::pair<double, XY>> found;
        tree.query(bgi::intersects(box), boost::make_function_output_iterator([&](const Entry& e) {
                       XY p = points[e.second];
                       if (len2 == 0.0 || near(p, a, tolerance) || near(p, b, tolerance)) return;
                       double t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
                       if (t <= 0.0 || t >= 1.0) return;
                       double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
                       if (ex * ex + ey * ey <= tolerance * tolerance) found.emplace_back(t, p);
                   }));
        std::sort(found.begin(), found.end(), [](const auto& l, const auto& r) {
            return l.first != r.first ? l.first < r.first : less(l.second, r.second);
        });
        std::vector<XY> out;
        for (const auto& [t, p] : found) {
            if (out.empty() || out.back() != p) out.push_back(p);
        }
        return out;
    });
}

}  // namespace respgrid::geo

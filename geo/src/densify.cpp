#include "respgrid/geo/densify.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

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

Geometry densify(const Geometry& polygonal, double max_length) {
    if (!(max_length > 0.0) || !std::isfinite(max_length)) {
        throw std::invalid_argument("geo: densify needs a positive, finite maximum segment length");
    }
    return split_segments(polygonal, [max_length](XY a, XY b) {
        std::vector<XY> points;
        double length = std::hypot(b.x - a.x, b.y - a.y);
        auto parts = static_cast<long long>(std::ceil(length / max_length));
        for (long long i = 1; i < parts; ++i) {
            double t = static_cast<double>(i) / static_cast<double>(parts);
            points.push_back({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
        }
        return points;
    });
}

}  // namespace respgrid::geo

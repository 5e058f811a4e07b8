#include "respgrid/geo/half_open.hpp"

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::geo {

int orientation(XY a, XY b, XY p) {
    double left = (b.x - a.x) * (p.y - a.y);
    double right = (b.y - a.y) * (p.x - a.x);
    double det = left - right;
    // Shewchuk's error bound for the naive determinant: beyond it the sign is certain.
    constexpr double kErrorBound = 3.3306690738754716e-16;
    if (std::fabs(det) > kErrorBound * (std::fabs(left) + std::fabs(right))) return det > 0 ? 1 : -1;
    return GEOSOrientationIndex_r(geos_context(), a.x, a.y, b.x, b.y, p.x, p.y);
}

bool half_open_crosses(XY a, XY b, XY p) {
    if (a.y == b.y) return false;  // horizontal edges never cross the ray
    const XY& lo = a.y < b.y ? a : b;
    const XY& hi = a.y < b.y ? b : a;
    if (p.y < lo.y || p.y >= hi.y) return false;  // [lo.y, hi.y): lower end in, upper end out
    if (p.x > std::max(lo.x, hi.x)) return false;  // edge entirely west of p
    if (p.x < std::min(lo.x, hi.x)) return true;   // edge entirely east of p
    return orientation(lo, hi, p) > 0;              // p strictly left of the upward edge
}

bool half_open_contains(std::span<const PolygonRings> polygons, XY p) {
    bool inside = false;
    for (const auto& rings : polygons) {
        for (const auto& ring : rings) {
            for (std::size_t i = 1; i < ring.size(); ++i) {
                if (half_open_crosses(ring[i - 1], ring[i], p)) inside = !inside;
            }
        }
    }
    return inside;
}

HalfOpenArea::HalfOpenArea(std::span<const PolygonRings> polygons) {
    double max_y = -std::numeric_limits<double>::infinity();
    min_y_ = std::numeric_limits<double>::infinity();
    std::vector<Edge> all;
    for (const auto& rings : polygons) {
        for (const auto& ring : rings) {
            for (std::size_t i = 1; i < ring.size(); ++i) {
                XY a = ring[i - 1], b = ring[i];
                if (a.y == b.y) continue;  // horizontal edges never cross a ray
                if (a.y > b.y) std::swap(a, b);
                all.push_back({a, b});
                min_y_ = std::min(min_y_, a.y);
                max_y = std::max(max_y, b.y);
            }
        }
    }
    if (all.empty()) return;
    // About 8 edges per band on average; an edge is listed in every band its y-range meets.
    std::size_t bands = std::clamp<std::size_t>(all.size() / 8, 1, 1 << 16);
    band_height_ = (max_y - min_y_) / static_cast<double>(bands);
    if (!(band_height_ > 0.0)) band_height_ = 1.0;
    auto band_of = [&](double y) {
        double b = std::floor((y - min_y_) / band_height_);
        return static_cast<std::size_t>(std::clamp(b, 0.0, static_cast<double>(bands - 1)));
    };
    std::vector<std::uint32_t> counts(bands, 0);
    for (const auto& e : all) {
        for (std::size_t b = band_of(e.lo.y), last = band_of(e.hi.y); b <= last; ++b) ++counts[b];
    }
    band_end_.resize(bands);
    std::uint32_t sum = 0;
    for (std::size_t b = 0; b < bands; ++b) band_end_[b] = sum += counts[b];
    edges_.resize(sum);
    std::vector<std::uint32_t> next(bands);
    for (std::size_t b = 0; b < bands; ++b) next[b] = b == 0 ? 0 : band_end_[b - 1];
    for (const auto& e : all) {
        for (std::size_t b = band_of(e.lo.y), last = band_of(e.hi.y); b <= last; ++b) edges_[next[b]++] = e;
    }
}

bool HalfOpenArea::contains(XY p) const {
    if (edges_.empty() || !std::isfinite(p.y)) return false;
    // The band is found with the same rounding as at construction; a point on a band boundary may
    // land in either band, and each holds every edge whose y-range meets it, so both answer alike.
    double b = std::floor((p.y - min_y_) / band_height_);
    if (b < 0.0 || b >= static_cast<double>(band_end_.size())) {
        // Outside the bands' range, unless it is the very top band's upper edge by rounding.
        b = std::clamp(b, 0.0, static_cast<double>(band_end_.size() - 1));
    }
    auto band = static_cast<std::size_t>(b);
    bool inside = false;
    for (std::uint32_t i = band == 0 ? 0 : band_end_[band - 1]; i < band_end_[band]; ++i) {
        if (half_open_crosses(edges_[i].lo, edges_[i].hi, p)) inside = !inside;
    }
    return inside;
}

}  // namespace respgrid::geo

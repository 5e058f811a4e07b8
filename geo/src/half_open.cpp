#include "respgrid/geo/half_open.hpp"

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <algorithm>
#include <cmath>

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

namespace {

// Does the ray from p towards +x cross edge (a, b) under the half-open rule?
bool crosses(XY a, XY b, XY p) {
    if (a.y == b.y) return false;  // horizontal edges never cross the ray
    const XY& lo = a.y < b.y ? a : b;
    const XY& hi = a.y < b.y ? b : a;
    if (p.y < lo.y || p.y >= hi.y) return false;  // [lo.y, hi.y): lower end in, upper end out
    if (p.x > std::max(lo.x, hi.x)) return false;  // edge entirely west of p
    if (p.x < std::min(lo.x, hi.x)) return true;   // edge entirely east of p
    return orientation(lo, hi, p) > 0;              // p strictly left of the upward edge
}

}  // namespace

bool half_open_contains(std::span<const PolygonRings> polygons, XY p) {
    bool inside = false;
    for (const auto& rings : polygons) {
        for (const auto& ring : rings) {
            for (std::size_t i = 1; i < ring.size(); ++i) {
                if (crosses(ring[i - 1], ring[i], p)) inside = !inside;
            }
        }
    }
    return inside;
}

}  // namespace respgrid::geo

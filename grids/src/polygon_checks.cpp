#include "polygon_checks.hpp"

namespace respgrid::grids::detail {

namespace {

// Twice the signed area (shoelace): positive for a counter-clockwise ring.
double signed_area2(const geo::Ring& ring) {
    double sum = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
    }
    return sum;
}

}  // namespace

std::optional<PolygonFinding> invalidity(const geo::Geometry& polygon) {
    if (polygon.is_null() || polygon.is_empty()) return PolygonFinding{"empty", {}};
    auto v = polygon.validity();
    if (v.valid) return std::nullopt;
    return PolygonFinding{v.reason, v.location};
}

DrawingNotes drawing_notes(const geo::Geometry& polygon) {
    DrawingNotes notes;
    if (polygon.is_null() || polygon.is_empty()) return notes;
    for (const auto& rings : polygon.polygons()) {
        if (!rings.empty() && signed_area2(rings.front()) < 0) notes.clockwise_shell = true;
        for (const auto& ring : rings) {
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                if (ring[i].x == ring[i + 1].x && ring[i].y == ring[i + 1].y) notes.repeated_points = true;
            }
        }
    }
    return notes;
}

}  // namespace respgrid::grids::detail

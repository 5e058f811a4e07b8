#include "polygon_checks.hpp"

#include <cmath>

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

// One polygon without holes whose ring is a closed axis-aligned rectangle of positive size:
// five finite points, each edge moving along exactly one axis, the axes alternating (so the
// opposite sides are distinct). Such a ring is simple and closed: the polygon is valid.
bool is_rectangle(const std::vector<geo::PolygonRings>& polygons) {
    if (polygons.size() != 1 || polygons.front().size() != 1) return false;
    const geo::Ring& r = polygons.front().front();
    if (r.size() != 5 || r[0].x != r[4].x || r[0].y != r[4].y) return false;
    bool previous_along_x = false;
    for (std::size_t i = 0; i < 4; ++i) {
        if (!std::isfinite(r[i].x) || !std::isfinite(r[i].y)) return false;
        const bool along_x = r[i].x != r[i + 1].x;
        const bool along_y = r[i].y != r[i + 1].y;
        if (along_x == along_y) return false;  // diagonal, or no move at all
        if (i > 0 && along_x == previous_along_x) return false;
        previous_along_x = along_x;
    }
    return true;
}

}  // namespace

std::optional<PolygonFinding> invalidity(const geo::Geometry& polygon) {
    if (polygon.is_null() || polygon.is_empty()) return PolygonFinding{"empty", {}};
    auto v = polygon.validity();
    if (v.valid) return std::nullopt;
    return PolygonFinding{v.reason, v.location};
}

DrawingNotes notes_of(const std::vector<geo::PolygonRings>& polygons) {
    DrawingNotes notes;
    for (const auto& rings : polygons) {
        if (!rings.empty() && signed_area2(rings.front()) < 0) notes.clockwise_shell = true;
        for (const auto& ring : rings) {
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                if (ring[i].x == ring[i + 1].x && ring[i].y == ring[i + 1].y) notes.repeated_points = true;
            }
        }
    }
    return notes;
}

DrawingNotes drawing_notes(const geo::Geometry& polygon) {
    if (polygon.is_null() || polygon.is_empty()) return {};
    return notes_of(polygon.polygons());
}

PolygonChecks check_polygon(const geo::Geometry& polygon) {
    if (polygon.is_null() || polygon.is_empty()) return {{}, invalidity(polygon)};
    const auto polygons = polygon.polygons();
    PolygonChecks out{notes_of(polygons), std::nullopt};
    if (!is_rectangle(polygons)) out.invalid = invalidity(polygon);
    return out;
}

}  // namespace respgrid::grids::detail

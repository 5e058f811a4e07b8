#pragma once
// Checks of one polygon as drawn, for the coverage audit: OGC validity (GEOS), and the two
// things OGC validity allows but a careful digitiser avoids (clockwise shells, repeated points).

#include <optional>
#include <string>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids::detail {

struct PolygonFinding {
    std::string reason;  // e.g. "Ring Self-intersection", "empty"
    geo::XY location;
};

// Why the polygon is not valid, or nullopt when it is.
std::optional<PolygonFinding> invalidity(const geo::Geometry& polygon);

struct DrawingNotes {
    bool clockwise_shell = false;
    bool repeated_points = false;
};
DrawingNotes drawing_notes(const geo::Geometry& polygon);

// Both, the rings read once: an axis-aligned rectangle (most grids are whole squares) is valid by
// construction and skips GEOS's validity check; any other polygon gets invalidity().
struct PolygonChecks {
    DrawingNotes notes;
    std::optional<PolygonFinding> invalid;
};
PolygonChecks check_polygon(const geo::Geometry& polygon);

}  // namespace respgrid::grids::detail

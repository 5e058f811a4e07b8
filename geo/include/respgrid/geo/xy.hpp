#pragma once
// Plain coordinate values. Geometry in the engine lives in the project's working CRS (metres,
// x = easting, y = northing); lon/lat values always carry x = longitude, y = latitude.

#include <algorithm>
#include <limits>
#include <vector>

namespace respgrid::geo {

struct XY {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const XY&, const XY&) = default;
};

// A closed ring: first point == last point.
using Ring = std::vector<XY>;
// Exterior ring first, then holes.
using PolygonRings = std::vector<Ring>;

struct Envelope {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    [[nodiscard]] bool empty() const { return min_x > max_x || min_y > max_y; }
    void expand(const XY& p) {
        min_x = std::min(min_x, p.x);
        min_y = std::min(min_y, p.y);
        max_x = std::max(max_x, p.x);
        max_y = std::max(max_y, p.y);
    }
    void expand(const Envelope& e) {
        if (e.empty()) return;
        expand(XY{e.min_x, e.min_y});
        expand(XY{e.max_x, e.max_y});
    }
    [[nodiscard]] XY centre() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
};

}  // namespace respgrid::geo

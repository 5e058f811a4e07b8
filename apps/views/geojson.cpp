#include "views/geojson.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

namespace respgrid::views {

namespace {

// This thread's transformation between `crs` and longitude/latitude (PROJ objects are not
// shared between threads; making one costs about a millisecond).
const geo::CoordinateTransform& transform_of(const geo::Crs& crs, bool to_lonlat) {
    struct Held {
        geo::Crs crs;
        std::unique_ptr<geo::CoordinateTransform> transform;
    };
    thread_local Held held[2];
    Held& h = held[to_lonlat ? 1 : 0];
    if (!h.transform || !(h.crs == crs)) {
        h.transform = to_lonlat ? std::make_unique<geo::CoordinateTransform>(crs, geo::Crs::cgcs2000())
                                : std::make_unique<geo::CoordinateTransform>(geo::Crs::cgcs2000(), crs);
        h.crs = crs;
    }
    return *h.transform;
}

double rounded(double v) { return std::round(v * 1e7) / 1e7; }

// Twice the signed area (positive: counter-clockwise).
double signed_area2(const geo::Ring& ring) {
    double a = 0.0;
    for (std::size_t i = 0, n = ring.size(); i + 1 < n; ++i) a += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
    return a;
}

}  // namespace

geo::XY to_lonlat(geo::XY p, const geo::Crs& from) { return transform_of(from, true)(p); }

nlohmann::json point_json(geo::XY p, const geo::Crs& from) {
    const geo::XY q = to_lonlat(p, from);
    return {{"type", "Point"}, {"coordinates", {rounded(q.x), rounded(q.y)}}};
}

nlohmann::json multipolygon_json(const std::vector<geo::PolygonRings>& polygons, const geo::Crs& from) {
    const auto& t = transform_of(from, true);
    nlohmann::json coordinates = nlohmann::json::array();
    for (const auto& polygon : polygons) {
        nlohmann::json rings = nlohmann::json::array();
        for (std::size_t k = 0; k < polygon.size(); ++k) {
            geo::Ring ring = polygon[k];
            for (auto& p : ring) p = t(p);
            // RFC 7946: exteriors counter-clockwise, holes clockwise.
            const bool ccw = signed_area2(ring) > 0.0;
            if (ccw != (k == 0)) std::reverse(ring.begin(), ring.end());
            nlohmann::json points = nlohmann::json::array();
            for (const auto& p : ring) points.push_back({rounded(p.x), rounded(p.y)});
            rings.push_back(std::move(points));
        }
        coordinates.push_back(std::move(rings));
    }
    return {{"type", "MultiPolygon"}, {"coordinates", std::move(coordinates)}};
}

geo::Envelope from_lonlat(const geo::Envelope& box, const geo::Crs& to) {
    const auto& t = transform_of(to, false);
    geo::Envelope e;
    constexpr int kSteps = 8;
    for (int i = 0; i <= kSteps; ++i) {
        const double f = static_cast<double>(i) / kSteps;
        const geo::XY edge[] = {{box.min_x + f * (box.max_x - box.min_x), box.min_y},
                                {box.min_x + f * (box.max_x - box.min_x), box.max_y},
                                {box.min_x, box.min_y + f * (box.max_y - box.min_y)},
                                {box.max_x, box.min_y + f * (box.max_y - box.min_y)}};
        for (geo::XY p : edge) {
            double x = p.x, y = p.y;
            if (t.transform(x, y)) e.expand(geo::XY{x, y});
        }
    }
    return e;
}

}  // namespace respgrid::views

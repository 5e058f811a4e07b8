#include "respgrid/importers/point_checker.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace respgrid::importers {

namespace {

// Distance from p to the box (0 inside).
double distance_to(const geo::Envelope& box, geo::XY p) {
    double dx = std::max({box.min_x - p.x, 0.0, p.x - box.max_x});
    double dy = std::max({box.min_y - p.y, 0.0, p.y - box.max_y});
    return std::hypot(dx, dy);
}

std::string pair_text(std::string_view a, std::string_view b) {
    std::string s = "(";
    s.append(a).append(", ").append(b).append(")");
    return s;
}

}  // namespace

PointChecker::PointChecker(const PointTableOptions& options)
    : default_crs_(options.default_crs),
      target_(options.target_crs),
      expected_area_(options.expected_area),
      max_distance_m_(options.max_distance_m) {}

PointChecker::~PointChecker() = default;

const geo::Crs* PointChecker::crs_of(std::string_view text, PointProblem& problem) {
    if (text.empty()) {
        if (default_crs_) return &*default_crs_;
        problem = {PointField::Crs, "crs is empty and no --crs default was given"};
        return nullptr;
    }
    auto it = parsed_.find(text);
    if (it == parsed_.end()) {
        // Unknown texts are kept too: PROJ is asked once per distinct text, not once per row.
        std::optional<geo::Crs> crs;
        try {
            crs = geo::parse_crs(text);
        } catch (const CrsError&) {
        }
        it = parsed_.emplace(std::string(text), std::move(crs)).first;
    }
    if (!it->second) {
        problem = {PointField::Crs, "unknown crs '" + std::string(text) +
                                        "' (EPSG:n, AUTH:CODE, a PROJ string, WKT, wgs84, cgcs2000, gcj02 or bd09)"};
        return nullptr;
    }
    return &*it->second;
}

const geo::CoordinateTransform* PointChecker::transform_from(const geo::Crs& crs, PointProblem& problem) {
    std::string key = crs.kind == geo::CrsKind::Wkt ? crs.wkt : crs.name();
    auto it = transforms_.find(key);
    if (it == transforms_.end()) {
        try {
            it = transforms_.emplace(key, std::make_unique<geo::CoordinateTransform>(crs, target_)).first;
        } catch (const CrsError& e) {
            problem = {PointField::Crs, e.what()};
            return nullptr;
        }
    }
    return it->second.get();
}

// Crs::is_geographic asks PROJ's database: once per CRS, not once per row.
bool PointChecker::takes_lon_lat(const geo::Crs& crs) {
    auto it = lon_lat_.find(&crs);
    if (it == lon_lat_.end()) {
        it = lon_lat_.emplace(&crs, crs.is_geographic()).first;  // GCJ-02/BD-09 too; a WKT CRS may be projected
    }
    return it->second;
}

// Would the point fall inside the expected area with its two coordinates swapped? Only lon/lat
// CRSs: a latitude typed as the longitude is the classic mistake of hand-made spreadsheets.
bool PointChecker::swapped_inside(double x, double y, const geo::Crs& crs) {
    if (!takes_lon_lat(crs) || std::fabs(x) > 90.0 || std::fabs(y) > 180.0) return false;
    PointProblem ignored;
    const auto* transform = transform_from(crs, ignored);
    geo::XY p{y, x};
    if (!transform || !transform->transform(p.x, p.y)) return false;
    return distance_to(*expected_area_, p) == 0.0;
}

bool PointChecker::check(double x, double y, const geo::Crs& crs, std::string_view x_text, std::string_view y_text,
                         geo::XY& out, PointProblem& problem) {
    // Reasons are built only for rows that are rejected: this is batch locate's hot path.
    auto swapped_reason = [&] {
        return "lon/lat " + pair_text(x_text, y_text) + " look swapped: " + pair_text(y_text, x_text) +
               " falls inside the county; swap the columns or values";
    };
    const bool check_area = expected_area_.has_value();
    if (takes_lon_lat(crs) && (std::fabs(x) > 180.0 || std::fabs(y) > 90.0)) {
        if (check_area && swapped_inside(x, y, crs)) {
            problem = {PointField::X, swapped_reason()};
        } else {
            problem = {std::fabs(x) > 180.0 ? PointField::X : PointField::Y,
                       "lon/lat " + pair_text(x_text, y_text) + " is out of range for " + crs.name()};
        }
        return false;
    }
    const auto* transform = transform_from(crs, problem);
    if (!transform) return false;
    out = {x, y};
    if (!transform->transform(out.x, out.y)) {
        problem = {PointField::X, "the point cannot be transformed from " + crs.name() + " to the working CRS"};
        return false;
    }
    if (check_area) {
        double away = distance_to(*expected_area_, out);
        if (away > 0.0 && swapped_inside(x, y, crs)) {
            problem = {PointField::X, swapped_reason()};
            return false;
        }
        if (away > max_distance_m_) {
            char km[32];
            std::snprintf(km, sizeof km, "%.0f", away / 1000.0);
            problem = {PointField::X, "point " + pair_text(x_text, y_text) + " in " + crs.name() + " is " + km +
                                          " km from the county: a wrong CRS or a mistyped coordinate?"};
            return false;
        }
    }
    return true;
}

}  // namespace respgrid::importers

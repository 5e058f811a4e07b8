#include "respgrid/geo/china_offsets.hpp"

#include <cmath>
#include <numbers>

namespace respgrid::geo {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kKrasovskyA = 6378245.0;            // semi-major axis used by GCJ-02
constexpr double kKrasovskyEe = 0.00669342162296594323;  // first eccentricity squared
constexpr double kBdK = kPi * 3000.0 / 180.0;
constexpr double kIterationTolerance = 1e-10;  // degrees, ~0.01 mm
constexpr int kMaxIterations = 30;

// The terms of both deltas that depend on x alone (each sine computed once: sin() is the
// transform's cost, and the same argument gives the same value).
double shared_x_term(double x) {
    return (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
}

double delta_lat_metres(double x, double y, double shared) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    r += shared;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double delta_lon_metres(double x, double y, double shared) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    r += shared;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

// The GCJ-02 offset (degrees) to add to a WGS-84 position.
XY gcj02_offset(XY wgs) {
    if (!in_gcj02_region(wgs)) return {0.0, 0.0};
    double x = wgs.x - 105.0;
    double y = wgs.y - 35.0;
    const double shared = shared_x_term(x);
    double d_lat = delta_lat_metres(x, y, shared);
    double d_lon = delta_lon_metres(x, y, shared);
    double rad_lat = wgs.y / 180.0 * kPi;
    const double sin_lat = std::sin(rad_lat);
    double magic = 1.0 - kKrasovskyEe * sin_lat * sin_lat;
    double sqrt_magic = std::sqrt(magic);
    d_lat = (d_lat * 180.0) / ((kKrasovskyA * (1.0 - kKrasovskyEe)) / (magic * sqrt_magic) * kPi);
    d_lon = (d_lon * 180.0) / (kKrasovskyA / sqrt_magic * std::cos(rad_lat) * kPi);
    return {d_lon, d_lat};
}

// Solves forward(w) == target by fixed-point iteration from `start`. Both offsets are smooth
// and small, so each step shrinks the error by orders of magnitude.
template <typename Forward>
XY invert(XY target, XY start, Forward forward) {
    XY w = start;
    for (int i = 0; i < kMaxIterations; ++i) {
        XY f = forward(w);
        double dx = f.x - target.x;
        double dy = f.y - target.y;
        w.x -= dx;
        w.y -= dy;
        if (std::fabs(dx) < kIterationTolerance && std::fabs(dy) < kIterationTolerance) break;
    }
    return w;
}

}  // namespace

bool in_gcj02_region(XY p) { return p.x >= 72.004 && p.x <= 137.8347 && p.y >= 0.8293 && p.y <= 55.8271; }

XY wgs84_to_gcj02(XY wgs) {
    XY d = gcj02_offset(wgs);
    return {wgs.x + d.x, wgs.y + d.y};
}

XY gcj02_to_wgs84(XY gcj) { return invert(gcj, gcj, wgs84_to_gcj02); }

XY gcj02_to_bd09(XY gcj) {
    double z = std::sqrt(gcj.x * gcj.x + gcj.y * gcj.y) + 0.00002 * std::sin(gcj.y * kBdK);
    double theta = std::atan2(gcj.y, gcj.x) + 0.000003 * std::cos(gcj.x * kBdK);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

XY bd09_to_gcj02(XY bd) {
    // Closed-form reverse as the starting point, then refine against the forward formula.
    double x = bd.x - 0.0065;
    double y = bd.y - 0.006;
    double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBdK);
    double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBdK);
    return invert(bd, XY{z * std::cos(theta), z * std::sin(theta)}, gcj02_to_bd09);
}

}  // namespace respgrid::geo

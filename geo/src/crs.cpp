#include "respgrid/geo/crs.hpp"

#include <proj.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "respgrid/geo/china_offsets.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/geometry.hpp"

namespace respgrid::geo {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string trim(std::string_view s) {
    auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    auto end = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(begin, end - begin + 1));
}

bool parse_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size() && out > 0;
}

// Log nothing: PROJ's messages reach the user through our CrsError instead.
void silent_log(void*, int, const char*) {}

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

// The CRS that PROJ sees for a respgrid Crs: offsets are applied outside PROJ, on CGCS2000.
std::string proj_definition(const Crs& crs) {
    switch (crs.kind) {
        case CrsKind::Epsg: return "EPSG:" + std::to_string(crs.epsg);
        case CrsKind::Wkt: return crs.wkt;
        case CrsKind::Gcj02:
        case CrsKind::Bd09: return "EPSG:4490";
    }
    return {};
}

// CGCS2000 and WGS 84 lon/lat are the same at grid scale; skip PROJ between them.
bool same_geodetic(const Crs& a, const Crs& b) {
    auto geodetic = [](const Crs& c) {
        return c.kind == CrsKind::Gcj02 || c.kind == CrsKind::Bd09 ||
               (c.kind == CrsKind::Epsg && (c.epsg == 4326 || c.epsg == 4490));
    };
    return geodetic(a) && geodetic(b);
}

}  // namespace

std::string Crs::name() const {
    switch (kind) {
        case CrsKind::Epsg: return "EPSG:" + std::to_string(epsg);
        case CrsKind::Wkt: return "WKT";
        case CrsKind::Gcj02: return "gcj02";
        case CrsKind::Bd09: return "bd09";
    }
    return {};
}

bool Crs::is_geographic() const {
    if (kind == CrsKind::Gcj02 || kind == CrsKind::Bd09) return true;
    ContextPtr ctx(proj_context_create());
    proj_log_func(ctx.get(), nullptr, silent_log);
    PjPtr pj(proj_create(ctx.get(), proj_definition(*this).c_str()));
    if (!pj) return false;
    auto type = proj_get_type(pj.get());
    return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

Crs parse_crs(std::string_view text) {
    std::string t = lower(trim(text));
    if (t == "wgs84" || t == "wgs-84" || t == "wgs 84") return Crs::wgs84();
    if (t == "cgcs2000" || t == "cgcs-2000") return Crs::cgcs2000();
    if (t == "gcj02" || t == "gcj-02" || t == "gcj") return Crs::gcj02();
    if (t == "bd09" || t == "bd-09" || t == "bd09ll" || t == "baidu") return Crs::bd09();
    std::string_view digits = t;
    if (digits.starts_with("epsg:")) digits.remove_prefix(5);
    int code = 0;
    if (parse_int(digits, code)) {
        ContextPtr ctx(proj_context_create());
        proj_log_func(ctx.get(), nullptr, silent_log);
        PjPtr pj(proj_create(ctx.get(), ("EPSG:" + std::to_string(code)).c_str()));
        if (!pj || !proj_is_crs(pj.get())) {
            throw CrsError(std::string(text), "", "geo: EPSG code is not a CRS known to PROJ");
        }
        return Crs::from_epsg(code);
    }
    throw CrsError(std::string(text), "",
                   "geo: unknown CRS name; use EPSG:n, wgs84, cgcs2000, gcj02 or bd09");
}

int gauss_kruger_3deg_epsg(double longitude) {
    int zone = static_cast<int>(std::lround(longitude / 3.0));
    if (zone < 25 || zone > 45) {
        throw CrsError(std::to_string(longitude), "", "geo: longitude is outside the CGCS2000 3-degree zones 25-45");
    }
    return 4534 + (zone - 25);
}

struct CoordinateTransform::Impl {
    // Declared context-first so every PJ is destroyed before its context.
    ContextPtr ctx;
    PjPtr pj;  // null when only the offsets (or nothing) are needed
};

CoordinateTransform::CoordinateTransform(const Crs& source, const Crs& target)
    : source_(source), target_(target), impl_(std::make_unique<Impl>()) {
    if (same_geodetic(source, target) || source == target) return;
    impl_->ctx.reset(proj_context_create());
    proj_log_func(impl_->ctx.get(), nullptr, silent_log);
    auto* ctx = impl_->ctx.get();
    PjPtr raw(proj_create_crs_to_crs(ctx, proj_definition(source).c_str(), proj_definition(target).c_str(), nullptr));
    if (!raw) {
        int err = proj_context_errno(ctx);
        throw CrsError(source.name(), target.name(),
                       std::string("geo: PROJ cannot build the transformation: ") + proj_context_errno_string(ctx, err));
    }
    impl_->pj.reset(proj_normalize_for_visualization(ctx, raw.get()));
    if (!impl_->pj) {
        throw CrsError(source.name(), target.name(), "geo: PROJ cannot normalise the axis order");
    }
}

CoordinateTransform::~CoordinateTransform() = default;
CoordinateTransform::CoordinateTransform(CoordinateTransform&&) noexcept = default;
CoordinateTransform& CoordinateTransform::operator=(CoordinateTransform&&) noexcept = default;

bool CoordinateTransform::transform(double& x, double& y) const {
    if (!std::isfinite(x) || !std::isfinite(y)) return false;
    XY p{x, y};
    if (source_.kind == CrsKind::Gcj02) p = gcj02_to_wgs84(p);
    if (source_.kind == CrsKind::Bd09) p = bd09_to_wgs84(p);
    if (impl_->pj) {
        PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
        proj_errno_reset(impl_->pj.get());
        PJ_COORD r = proj_trans(impl_->pj.get(), PJ_FWD, c);
        if (proj_errno(impl_->pj.get()) != 0 || !std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) ||
            r.xy.x == HUGE_VAL) {
            proj_errno_reset(impl_->pj.get());
            return false;
        }
        p = {r.xy.x, r.xy.y};
    }
    if (target_.kind == CrsKind::Gcj02) p = wgs84_to_gcj02(p);
    if (target_.kind == CrsKind::Bd09) p = wgs84_to_bd09(p);
    x = p.x;
    y = p.y;
    return true;
}

XY CoordinateTransform::operator()(XY p) const {
    XY out = p;
    if (!transform(out.x, out.y)) {
        throw CrsError(source_.name(), target_.name(),
                       "geo: coordinate (" + std::to_string(p.x) + " " + std::to_string(p.y) + ") cannot be transformed");
    }
    return out;
}

Geometry CoordinateTransform::apply(const Geometry& g) const {
    return g.transformed([this](double& x, double& y) { return transform(x, y); });
}

}  // namespace respgrid::geo

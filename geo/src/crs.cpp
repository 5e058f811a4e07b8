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
// Keep PROJ's last error message in the std::string at `data`, for our CrsError to quote.
void keep_last_error(void* data, int level, const char* message) {
    if (level == PJ_LOG_ERROR && data && message) *static_cast<std::string*>(data) = message;
}

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

// The horizontal CRS under `crs`: the first part of a compound CRS, the source of a bound CRS (a
// CRS with its own datum shift, +towgs84), else `crs` itself. Null when PROJ cannot say.
PjPtr horizontal_base(PJ_CONTEXT* ctx, const PJ* crs) {
    PjPtr out(proj_clone(ctx, crs));
    if (out && proj_get_type(out.get()) == PJ_TYPE_COMPOUND_CRS) out.reset(proj_crs_get_sub_crs(ctx, out.get(), 0));
    if (out && proj_get_type(out.get()) == PJ_TYPE_BOUND_CRS) out.reset(proj_get_source_crs(ctx, out.get()));
    return out;
}

bool geographic_type(PJ_TYPE type) {
    return type == PJ_TYPE_GEOGRAPHIC_CRS || type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

// What a CRS without horizontal coordinates is, for the message that refuses it.
std::string kind_text(PJ_TYPE type) {
    switch (type) {
        case PJ_TYPE_VERTICAL_CRS: return "a vertical (height) CRS";
        case PJ_TYPE_GEOCENTRIC_CRS: return "a geocentric (earth-centred X/Y/Z) CRS";
        case PJ_TYPE_TEMPORAL_CRS: return "a temporal CRS";
        case PJ_TYPE_ENGINEERING_CRS: return "an engineering (local) CRS";
        default: return "this CRS";
    }
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether `t` (trimmed, lower-case) is an explicit definition, not a name PROJ would search for:
// a PROJ string, an OGC URN or URL, PROJJSON, WKT (KEYWORD[...) or AUTH:CODE.
bool explicit_definition(std::string_view t) {
    if (t.starts_with("+proj=") || t.starts_with("proj=") || t.starts_with("+init=") || t.starts_with("urn:ogc:def:") ||
        t.starts_with("http://www.opengis.net/def/") || t.starts_with("https://www.opengis.net/def/") ||
        t.starts_with("{")) {
        return true;
    }
    const auto bracket = t.find('[');
    if (bracket != std::string_view::npos && bracket > 0 &&
        std::all_of(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(bracket), is_name_char)) {
        return true;
    }
    const auto colon = t.find(':');
    return colon != std::string_view::npos && colon > 0 && colon + 1 < t.size() &&
           std::all_of(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(colon), is_name_char) &&
           t.find_first_of(" \t") == std::string_view::npos;
}

bool is_proj_string(std::string_view t) { return t.starts_with("+proj=") || t.starts_with("proj=") || t.starts_with("+init="); }

// A CRS from a definition PROJ reads (`text`, trimmed); see parse_crs. Errors name `as_given`.
Crs crs_from_proj(const std::string& text, const std::string& as_given) {
    ContextPtr ctx(proj_context_create());
    std::string proj_says;  // PROJ's last error message, for ours
    proj_log_func(ctx.get(), &proj_says, keep_last_error);
    const std::string lowered = lower(text);
    std::string definition = text;
    // A PROJ string is an operation unless it says it is a CRS.
    if (is_proj_string(lowered) && lowered.find("type=crs") == std::string::npos) definition += " +type=crs";
    PjPtr pj(proj_create(ctx.get(), definition.c_str()));
    if (!pj || !proj_is_crs(pj.get())) {
        throw CrsError(as_given, "", std::string("geo: not a CRS PROJ knows") +
                                         (proj_says.empty() ? std::string() : " (PROJ: " + proj_says + ")") +
                                         "; use EPSG:n, AUTH:CODE, a PROJ string, WKT, wgs84, cgcs2000, gcj02 or bd09");
    }
    // The engine is 2D: of a compound CRS (horizontal + height) the horizontal part.
    if (proj_get_type(pj.get()) == PJ_TYPE_COMPOUND_CRS) pj.reset(proj_crs_get_sub_crs(ctx.get(), pj.get(), 0));
    PjPtr base = pj ? horizontal_base(ctx.get(), pj.get()) : nullptr;
    const PJ_TYPE type = base ? proj_get_type(base.get()) : PJ_TYPE_UNKNOWN;
    if (!geographic_type(type) && type != PJ_TYPE_PROJECTED_CRS) {
        throw CrsError(as_given, "", "geo: " + kind_text(type) +
                                     " has no horizontal coordinates; give a geographic or projected CRS (or a "
                                     "compound CRS with one)");
    }
    const char* authority = proj_get_id_auth_name(pj.get(), 0);
    const char* code = proj_get_id_code(pj.get(), 0);
    int epsg = 0;
    if (authority && code && lower(authority) == "epsg" && parse_int(code, epsg)) return Crs::from_epsg(epsg);
    const char* wkt = proj_as_wkt(ctx.get(), pj.get(), PJ_WKT2_2019, nullptr);
    if (!wkt) throw CrsError(as_given, "", "geo: PROJ cannot write this CRS as WKT");
    std::string label;
    if (authority && code) {
        label = std::string(authority) + ":" + code;
    } else if (is_proj_string(lowered)) {
        label = text;
    } else {
        const char* name = proj_get_name(pj.get());
        label = std::string("WKT \"") + (name ? name : "") + "\"";
    }
    return Crs{CrsKind::Wkt, 0, wkt, label};
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
        case CrsKind::Wkt: return label.empty() ? "WKT" : label;
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
    PjPtr base = pj ? horizontal_base(ctx.get(), pj.get()) : nullptr;
    return base && geographic_type(proj_get_type(base.get()));
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
        Crs crs = crs_from_proj("EPSG:" + std::to_string(code), std::string(text));
        if (crs != Crs::from_epsg(code)) {
            throw CrsError(std::string(text), "", "geo: EPSG code is not a CRS with horizontal coordinates known to PROJ");
        }
        return crs;
    }
    if (explicit_definition(t)) {
        return crs_from_proj(trim(text), std::string(text));
    }
    throw CrsError(std::string(text), "",
                   "geo: unknown CRS name; use EPSG:n, AUTH:CODE (ESRI:102100), a PROJ string, WKT, wgs84, cgcs2000, "
                   "gcj02 or bd09");
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

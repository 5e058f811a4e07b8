#include "respgrid/geo/geometry.hpp"

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>

#include "respgrid/geo/error.hpp"

namespace respgrid::geo {

namespace {

// One GEOS context per thread; GEOS's error handler keeps the last message for our exceptions.
struct ThreadContext {
    GEOSContextHandle_t handle = nullptr;
    std::string last_error;

    ThreadContext() {
        handle = GEOS_init_r();
        GEOSContext_setErrorMessageHandler_r(handle, &ThreadContext::on_error, this);
    }
    ~ThreadContext() { GEOS_finish_r(handle); }
    ThreadContext(const ThreadContext&) = delete;
    ThreadContext& operator=(const ThreadContext&) = delete;

    static void on_error(const char* message, void* userdata) {
        static_cast<ThreadContext*>(userdata)->last_error = message ? message : "";
    }
};

ThreadContext& thread_context() {
    thread_local ThreadContext context;
    return context;
}

[[noreturn]] void fail(std::string_view operation) {
    auto& tc = thread_context();
    std::string message = tc.last_error.empty() ? "GEOS operation failed" : tc.last_error;
    tc.last_error.clear();
    throw GeometryError(std::string(operation), "geo: " + message);
}

bool check_predicate(char result, std::string_view operation) {
    if (result == 2) fail(operation);
    return result == 1;
}

struct WkbWriter {
    GEOSContextHandle_t ctx;
    GEOSWKBWriter* writer;
    explicit WkbWriter(GEOSContextHandle_t c) : ctx(c), writer(GEOSWKBWriter_create_r(c)) {
        GEOSWKBWriter_setOutputDimension_r(ctx, writer, 2);
        GEOSWKBWriter_setByteOrder_r(ctx, writer, GEOS_WKB_NDR);
    }
    ~WkbWriter() { GEOSWKBWriter_destroy_r(ctx, writer); }
    WkbWriter(const WkbWriter&) = delete;
    WkbWriter& operator=(const WkbWriter&) = delete;
};

// Releases buffers GEOS hands back (WKB, WKT, reasons).
struct GeosFree {
    GEOSContextHandle_t ctx;
    void operator()(void* p) const noexcept { GEOSFree_r(ctx, p); }
};
template <typename T>
using GeosBuffer = std::unique_ptr<T, GeosFree>;

GEOSCoordSequence* make_sequence(GEOSContextHandle_t ctx, const Ring& ring) {
    auto* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(ring.size()), 2);
    if (!seq) fail("coordinate sequence");
    for (unsigned i = 0; i < ring.size(); ++i) {
        GEOSCoordSeq_setXY_r(ctx, seq, i, ring[i].x, ring[i].y);
    }
    return seq;
}

void read_ring(GEOSContextHandle_t ctx, const GEOSGeometry* ring, Ring& out) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &n)) fail("ring coordinates");
    out.resize(n);
    for (unsigned i = 0; i < n; ++i) {
        GEOSCoordSeq_getXY_r(ctx, seq, i, &out[i].x, &out[i].y);
    }
}

void collect_polygons(GEOSContextHandle_t ctx, const GEOSGeometry* g, std::vector<const GEOSGeometry*>& out) {
    int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_POLYGON) {
        if (!GEOSisEmpty_r(ctx, g)) out.push_back(g);
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) collect_polygons(ctx, GEOSGetGeometryN_r(ctx, g, i), out);
    }
}

}  // namespace

GEOSContextHandle_t geos_context() { return thread_context().handle; }

void GeomDeleter::operator()(GEOSGeom_t* g) const noexcept {
    if (g) GEOSGeom_destroy_r(ctx, g);
}

Geometry::Geometry(GEOSGeom_t* g) : geom_(g, GeomDeleter{geos_context()}) {}

Geometry Geometry::adopt(GEOSGeom_t* owned, std::string_view operation) {
    if (!owned) fail(operation);
    return Geometry(owned);
}

Geometry Geometry::from_wkb(std::span<const std::uint8_t> wkb) {
    auto ctx = geos_context();
    // One reader per thread: loading a million grids should not create a million readers.
    struct Reader {
        GEOSContextHandle_t ctx;
        GEOSWKBReader* reader;
        ~Reader() { GEOSWKBReader_destroy_r(ctx, reader); }
    };
    thread_local Reader cached{ctx, GEOSWKBReader_create_r(ctx)};
    GEOSGeometry* g = GEOSWKBReader_read_r(ctx, cached.reader, wkb.data(), wkb.size());
    return adopt(g, "read WKB");
}

Geometry Geometry::from_wkt(std::string_view wkt) {
    auto ctx = geos_context();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx);
    std::string text(wkt);
    GEOSGeometry* g = GEOSWKTReader_read_r(ctx, reader, text.c_str());
    GEOSWKTReader_destroy_r(ctx, reader);
    return adopt(g, "read WKT");
}

Geometry Geometry::rectangle(double min_x, double min_y, double max_x, double max_y) {
    return from_polygons({{{{min_x, min_y}, {max_x, min_y}, {max_x, max_y}, {min_x, max_y}, {min_x, min_y}}}});
}

Geometry Geometry::point(XY p) {
    return adopt(GEOSGeom_createPointFromXY_r(geos_context(), p.x, p.y), "create point");
}

Geometry Geometry::from_polygons(const std::vector<PolygonRings>& polygons) {
    auto ctx = geos_context();
    std::vector<GEOSGeometry*> built;
    for (const auto& rings : polygons) {
        if (rings.empty()) continue;
        GEOSGeometry* shell = GEOSGeom_createLinearRing_r(ctx, make_sequence(ctx, rings[0]));
        if (!shell) fail("create ring");
        std::vector<GEOSGeometry*> holes;
        for (std::size_t i = 1; i < rings.size(); ++i) {
            GEOSGeometry* hole = GEOSGeom_createLinearRing_r(ctx, make_sequence(ctx, rings[i]));
            if (!hole) fail("create ring");
            holes.push_back(hole);
        }
        GEOSGeometry* poly = GEOSGeom_createPolygon_r(ctx, shell, holes.data(), static_cast<unsigned>(holes.size()));
        if (!poly) fail("create polygon");
        built.push_back(poly);
    }
    if (built.size() == 1) return Geometry(built[0]);
    return adopt(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, built.data(), static_cast<unsigned>(built.size())),
                 "create multipolygon");
}

Geometry Geometry::empty_multipolygon() {
    return adopt(GEOSGeom_createEmptyCollection_r(geos_context(), GEOS_MULTIPOLYGON), "create empty");
}

Geometry Geometry::clone() const {
    if (!geom_) return {};
    return adopt(GEOSGeom_clone_r(geos_context(), geom_.get()), "clone");
}

std::vector<std::uint8_t> Geometry::to_wkb() const {
    auto ctx = geos_context();
    WkbWriter w(ctx);
    std::size_t size = 0;
    GeosBuffer<unsigned char> buf(GEOSWKBWriter_write_r(ctx, w.writer, geom_.get(), &size), GeosFree{ctx});
    if (!buf) fail("write WKB");
    return {buf.get(), buf.get() + size};
}

std::string Geometry::to_wkt(int decimals) const {
    auto ctx = geos_context();
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(ctx);
    GEOSWKTWriter_setTrim_r(ctx, writer, 1);
    if (decimals >= 0) GEOSWKTWriter_setRoundingPrecision_r(ctx, writer, decimals);
    GeosBuffer<char> text(GEOSWKTWriter_write_r(ctx, writer, geom_.get()), GeosFree{ctx});
    GEOSWKTWriter_destroy_r(ctx, writer);
    if (!text) fail("write WKT");
    return text.get();
}

std::string Geometry::type_name() const {
    auto ctx = geos_context();
    GeosBuffer<char> name(GEOSGeomType_r(ctx, geom_.get()), GeosFree{ctx});
    if (!name) fail("geometry type");
    return name.get();
}

bool Geometry::is_empty() const { return check_predicate(GEOSisEmpty_r(geos_context(), geom_.get()), "is empty"); }

bool Geometry::is_valid() const { return check_predicate(GEOSisValid_r(geos_context(), geom_.get()), "is valid"); }

std::string Geometry::validity_reason() const {
    auto ctx = geos_context();
    GeosBuffer<char> reason(GEOSisValidReason_r(ctx, geom_.get()), GeosFree{ctx});
    if (!reason) fail("validity reason");
    return reason.get();
}

Geometry::Validity Geometry::validity() const {
    auto ctx = geos_context();
    char* reason = nullptr;
    GEOSGeometry* location = nullptr;
    char ok = GEOSisValidDetail_r(ctx, geom_.get(), 0, &reason, &location);
    if (ok == 2) fail("validity");
    Validity v;
    v.valid = ok == 1;
    if (reason) {
        v.reason = reason;
        GEOSFree_r(ctx, reason);
    }
    if (location) {
        Geometry where = adopt(location, "validity location");
        if (!where.is_empty()) {
            Envelope e = where.envelope();
            v.location = {e.min_x, e.min_y};
        }
    }
    return v;
}

double Geometry::area() const {
    double a = 0;
    if (!GEOSArea_r(geos_context(), geom_.get(), &a)) fail("area");
    return a;
}

double Geometry::length() const {
    double l = 0;
    if (!GEOSLength_r(geos_context(), geom_.get(), &l)) fail("length");
    return l;
}

Envelope Geometry::envelope() const {
    Envelope e;
    if (is_empty()) return e;
    if (!GEOSGeom_getExtent_r(geos_context(), geom_.get(), &e.min_x, &e.min_y, &e.max_x, &e.max_y)) fail("extent");
    return e;
}

std::size_t Geometry::num_geometries() const {
    int n = GEOSGetNumGeometries_r(geos_context(), geom_.get());
    if (n < 0) fail("number of parts");
    return static_cast<std::size_t>(n);
}

Geometry Geometry::part(std::size_t i) const {
    auto ctx = geos_context();
    const GEOSGeometry* p = GEOSGetGeometryN_r(ctx, geom_.get(), static_cast<int>(i));
    if (!p) fail("get part");
    return adopt(GEOSGeom_clone_r(ctx, p), "clone part");
}

Geometry Geometry::make_valid() const {
    return adopt(GEOSMakeValid_r(geos_context(), geom_.get()), "make valid");
}

Geometry Geometry::polygonal() const {
    auto ctx = geos_context();
    std::vector<const GEOSGeometry*> found;
    collect_polygons(ctx, geom_.get(), found);
    std::vector<GEOSGeometry*> copies;
    copies.reserve(found.size());
    for (const auto* p : found) copies.push_back(GEOSGeom_clone_r(ctx, p));
    return adopt(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, copies.data(), static_cast<unsigned>(copies.size())),
                 "collect polygons");
}

std::vector<PolygonRings> Geometry::polygons() const {
    auto ctx = geos_context();
    std::vector<const GEOSGeometry*> found;
    collect_polygons(ctx, geom_.get(), found);
    std::vector<PolygonRings> out(found.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
        int holes = GEOSGetNumInteriorRings_r(ctx, found[i]);
        if (holes < 0) fail("interior rings");
        out[i].resize(static_cast<std::size_t>(holes) + 1);
        read_ring(ctx, GEOSGetExteriorRing_r(ctx, found[i]), out[i][0]);
        for (int h = 0; h < holes; ++h) read_ring(ctx, GEOSGetInteriorRingN_r(ctx, found[i], h), out[i][h + 1]);
    }
    return out;
}

Geometry Geometry::intersection(const Geometry& other) const {
    return adopt(GEOSIntersection_r(geos_context(), geom_.get(), other.geom_.get()), "intersection");
}

Geometry Geometry::clip_by_rect(const Envelope& box) const {
    return adopt(GEOSClipByRect_r(geos_context(), geom_.get(), box.min_x, box.min_y, box.max_x, box.max_y), "clip by rect");
}

Geometry Geometry::union_with(const Geometry& other) const {
    return adopt(GEOSUnion_r(geos_context(), geom_.get(), other.geom_.get()), "union");
}

Geometry Geometry::boundary() const { return adopt(GEOSBoundary_r(geos_context(), geom_.get()), "boundary"); }

double Geometry::shared_boundary_length(const Geometry& other) const {
    return boundary().intersection(other.boundary()).length();
}

Geometry Geometry::difference(const Geometry& other) const {
    return adopt(GEOSDifference_r(geos_context(), geom_.get(), other.geom_.get()), "difference");
}

Geometry Geometry::point_on_surface() const {
    return adopt(GEOSPointOnSurface_r(geos_context(), geom_.get()), "point on surface");
}

double Geometry::max_inscribed_radius(double tolerance) const {
    Geometry radius_line = adopt(GEOSMaximumInscribedCircle_r(geos_context(), geom_.get(), tolerance),
                                 "maximum inscribed circle");
    return radius_line.length();
}

XY Geometry::max_inscribed_centre(double tolerance) const {
    auto ctx = geos_context();
    Geometry radius_line = adopt(GEOSMaximumInscribedCircle_r(ctx, geom_.get(), tolerance), "maximum inscribed circle");
    Geometry centre = adopt(GEOSGeomGetStartPoint_r(ctx, radius_line.get()), "inscribed circle centre");
    Envelope e = centre.envelope();
    return {e.min_x, e.min_y};
}

Geometry Geometry::snapped_to(const Geometry& reference, double tolerance) const {
    return adopt(GEOSSnap_r(geos_context(), geom_.get(), reference.geom_.get(), tolerance), "snap");
}

Geometry Geometry::buffer(double distance) const {
    return adopt(GEOSBuffer_r(geos_context(), geom_.get(), distance, 8), "buffer");
}

Geometry Geometry::buffer_flat_ends(double distance) const {
    return adopt(GEOSBufferWithStyle_r(geos_context(), geom_.get(), distance, 8, GEOSBUF_CAP_FLAT, GEOSBUF_JOIN_ROUND, 5.0),
                 "buffer (flat ends)");
}

double Geometry::distance(const Geometry& other) const {
    double d = 0;
    if (!GEOSDistance_r(geos_context(), geom_.get(), other.geom_.get(), &d)) fail("distance");
    return d;
}

bool Geometry::intersects(const Geometry& other) const {
    return check_predicate(GEOSIntersects_r(geos_context(), geom_.get(), other.geom_.get()), "intersects");
}

bool Geometry::interiors_intersect(const Geometry& other) const {
    return check_predicate(GEOSRelatePattern_r(geos_context(), geom_.get(), other.geom_.get(), "T********"),
                           "relate");
}

namespace {
struct TransformState {
    const Geometry::XYTransform* fn;
    bool failed = false;
    double bad_x = 0, bad_y = 0;
};
int transform_callback(double* x, double* y, void* userdata) {
    auto* state = static_cast<TransformState*>(userdata);
    double ox = *x, oy = *y;
    if (!(*state->fn)(*x, *y)) {
        state->failed = true;
        state->bad_x = ox;
        state->bad_y = oy;
        return 0;
    }
    return 1;
}
}  // namespace

Geometry Geometry::transformed(const XYTransform& fn) const {
    TransformState state{&fn};
    GEOSGeometry* out = GEOSGeom_transformXY_r(geos_context(), geom_.get(), &transform_callback, &state);
    if (state.failed) {
        if (out) GEOSGeom_destroy_r(geos_context(), out);
        char buf[96];
        std::snprintf(buf, sizeof buf, "coordinate (%.9g %.9g) cannot be transformed", state.bad_x, state.bad_y);
        throw GeometryError("transform", std::string("geo: ") + buf);
    }
    return adopt(out, "transform");
}

Geometry Geometry::collect(std::vector<Geometry> parts) {
    auto ctx = geos_context();
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) {
        if (p.geom_) raw.push_back(p.geom_.release());
    }
    // The collection takes ownership of the parts.
    return adopt(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())),
                 "collect");
}

Geometry Geometry::union_all(std::vector<Geometry> parts) {
    if (parts.empty()) return empty_multipolygon();
    Geometry all = collect(std::move(parts));
    return adopt(GEOSUnaryUnion_r(geos_context(), all.get()), "union");
}

Geometry Geometry::union_of_tiles(std::span<const Geometry* const> parts) {
    auto copies = [parts] {
        std::vector<Geometry> out;
        out.reserve(parts.size());
        for (const auto* g : parts) out.push_back(g->clone());
        return out;
    };
    try {
        return coverage_union(copies());
    } catch (const GeometryError&) {
        return union_all(copies());
    }
}

Geometry Geometry::coverage_union(std::vector<Geometry> parts) {
    if (parts.empty()) return empty_multipolygon();
    double parts_area = 0.0;
    for (const auto& p : parts) parts_area += p.area();
    Geometry all = collect(std::move(parts));
    Geometry result = adopt(GEOSCoverageUnion_r(geos_context(), all.get()), "coverage union");
    // GEOS 3.11 only rejects exactly duplicated edges: overlapping parts come back as an invalid
    // result whose area is the sum of the parts. A clean coverage's union keeps the area exactly
    // (up to rounding) and is valid.
    if (std::fabs(result.area() - parts_area) > 1e-9 * std::max(1.0, parts_area) || !result.is_valid()) {
        throw GeometryError("coverage union", "geo: the polygons do not form a clean coverage (they overlap or "
                                              "their shared edges do not match)");
    }
    return result;
}

std::vector<std::uint8_t> rectangle_wkb(const Envelope& box) {
    std::vector<std::uint8_t> out;
    out.reserve(1 + 4 + 4 + 4 + 5 * 16);
    auto put_u32 = [&out](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    auto put_f64 = [&out](double d) {
        std::uint64_t v;
        std::memcpy(&v, &d, sizeof v);
        for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    out.push_back(1);  // little-endian
    put_u32(3);        // Polygon
    put_u32(1);        // one ring
    put_u32(5);        // closed: five points, as Geometry::rectangle orders them
    const double xs[] = {box.min_x, box.max_x, box.max_x, box.min_x, box.min_x};
    const double ys[] = {box.min_y, box.min_y, box.max_y, box.max_y, box.min_y};
    for (int i = 0; i < 5; ++i) {
        put_f64(xs[i]);
        put_f64(ys[i]);
    }
    return out;
}

PreparedGeometry::PreparedGeometry(const Geometry& base) : ctx_(geos_context()) {
    prepared_ = GEOSPrepare_r(ctx_, base.get());
    if (!prepared_) fail("prepare");
}

PreparedGeometry::~PreparedGeometry() {
    if (prepared_) GEOSPreparedGeom_destroy_r(ctx_, prepared_);
}

PreparedGeometry::PreparedGeometry(PreparedGeometry&& other) noexcept
    : ctx_(other.ctx_), prepared_(other.prepared_) {
    other.prepared_ = nullptr;
}

bool PreparedGeometry::contains(const Geometry& g) const {
    return check_predicate(GEOSPreparedContains_r(ctx_, prepared_, g.get()), "prepared contains");
}

bool PreparedGeometry::contains_properly(const Geometry& g) const {
    return check_predicate(GEOSPreparedContainsProperly_r(ctx_, prepared_, g.get()), "prepared contains properly");
}

bool PreparedGeometry::covers(const Geometry& g) const {
    return check_predicate(GEOSPreparedCovers_r(ctx_, prepared_, g.get()), "prepared covers");
}

bool PreparedGeometry::intersects(const Geometry& g) const {
    return check_predicate(GEOSPreparedIntersects_r(ctx_, prepared_, g.get()), "prepared intersects");
}

}  // namespace respgrid::geo

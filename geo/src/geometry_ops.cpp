#include "respgrid/geo/geometry_ops.hpp"

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <string>
#include <string_view>

#include "respgrid/geo/error.hpp"

namespace respgrid::geo {

namespace {

// Geometry::adopt(nullptr, ...) raises GeometryError with the context's last GEOS message; the
// second throw only satisfies [[noreturn]].
[[noreturn]] void fail(std::string_view operation) {
    (void)Geometry::adopt(nullptr, operation);
    throw GeometryError(std::string(operation), "geo: GEOS operation failed");
}

void collect_lines(GEOSContextHandle_t ctx, const GEOSGeometry* g, std::vector<std::vector<XY>>& out) {
    int type = GEOSGeomTypeId_r(ctx, g);
    if (type == -1) fail("geometry type");
    if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, g);
        unsigned n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &n)) fail("line coordinates");
        if (n == 0) return;
        std::vector<XY> line(n);
        for (unsigned i = 0; i < n; ++i) {
            if (!GEOSCoordSeq_getXY_r(ctx, seq, i, &line[i].x, &line[i].y)) fail("line coordinates");
        }
        out.push_back(std::move(line));
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        int parts = GEOSGetNumGeometries_r(ctx, g);
        if (parts < 0) fail("number of parts");
        for (int i = 0; i < parts; ++i) collect_lines(ctx, GEOSGetGeometryN_r(ctx, g, i), out);
    }
}

}  // namespace

std::vector<std::vector<XY>> linestring_coordinates(const Geometry& g) {
    std::vector<std::vector<XY>> out;
    if (g.is_null()) return out;
    collect_lines(geos_context(), g.get(), out);
    return out;
}

}  // namespace respgrid::geo

#include "ogr_input.hpp"

#include <cmath>
#include <cstdio>
#include <memory>

#include "respgrid/geo/densify.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/importers/table.hpp"

namespace respgrid::importers::detail {

namespace {

constexpr double kMaxSegmentDegrees = 0.001;  // ~100 m
// A county's boundaries, roads and institutions span far less than this; a feature spanning more
// has a wrong coordinate (a typo, a swapped or mis-scaled value, another CRS), and densifying it to
// kMaxSegmentDegrees would ask for millions of points per segment.
constexpr double kMaxSpanDegrees = 10.0;
constexpr double kMaxSpanMetres = 1'200'000.0;  // the same in the working CRS, for projected sources

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

// Why the lon/lat extent of a feature cannot be right, or "" when it can. Checked before
// densifying: one vertex at longitude 1e7 made densify allocate without bound.
std::string lon_lat_problem(const OGREnvelope& e) {
    for (double lon : {e.MinX, e.MaxX}) {
        if (!(lon >= -180.0 && lon <= 180.0)) {
            return "longitude " + number(lon) + " is outside -180..180: a coordinate is wrong (or the file is not lon/lat: give --crs)";
        }
    }
    for (double lat : {e.MinY, e.MaxY}) {
        if (!(lat >= -90.0 && lat <= 90.0)) {
            return "latitude " + number(lat) + " is outside -90..90: a coordinate is wrong (or the file is not lon/lat: give --crs)";
        }
    }
    if (e.MaxX - e.MinX > kMaxSpanDegrees || e.MaxY - e.MinY > kMaxSpanDegrees) {
        return "the feature spans " + number(e.MaxX - e.MinX) + "° of longitude and " + number(e.MaxY - e.MinY) +
               "° of latitude, from (" + number(e.MinX) + ", " + number(e.MinY) + ") to (" + number(e.MaxX) + ", " +
               number(e.MaxY) + "): more than a county's " + number(kMaxSpanDegrees) + "°, a coordinate is wrong";
    }
    return {};
}

// The same for a geometry in the working CRS (metres), whatever the source CRS was.
std::string working_extent_problem(const geo::Envelope& e) {
    if (!(std::isfinite(e.min_x) && std::isfinite(e.max_x) && std::isfinite(e.min_y) && std::isfinite(e.max_y))) {
        return "a coordinate is not a finite number after the transformation to the working CRS";
    }
    if (e.max_x - e.min_x > kMaxSpanMetres || e.max_y - e.min_y > kMaxSpanMetres) {
        return "the feature spans " + number((e.max_x - e.min_x) / 1000.0) + " km by " + number((e.max_y - e.min_y) / 1000.0) +
               " km in the working CRS: more than a county's " + number(kMaxSpanMetres / 1000.0) + " km, a coordinate is wrong";
    }
    return {};
}

// How a repair changed the area, in words: the area of an invalid polygon can be anything
// (a bow tie's two lobes cancel out to 0).
std::string area_change(double before, double after) {
    char buf[96];
    if (before > 0) {
        std::snprintf(buf, sizeof buf, "area change %.4f%%", 100.0 * (after - before) / before);
    } else {
        std::snprintf(buf, sizeof buf, "area %.6g before repair (signed areas cancel), %.6g after", before, after);
    }
    return buf;
}

bool is_type(const OGRGeometry* g, std::initializer_list<OGRwkbGeometryType> types) {
    auto flat = wkbFlatten(g->getGeometryType());
    for (auto t : types) {
        if (flat == t) return true;
    }
    return false;
}

std::string type_name(const OGRGeometry* g) { return OGRGeometryTypeToName(wkbFlatten(g->getGeometryType())); }

}  // namespace

geo::Crs resolve_source_crs(OGRLayer& layer, const std::string& path, const std::optional<geo::Crs>& given) {
    if (given) return *given;
    if (auto crs = geo::crs_of_layer(layer)) return *crs;
    throw InputError(SourceLocation{path, layer.GetName(), {}, {}},
                     "importers: the layer has no CRS; give one with --crs (EPSG:n, wgs84, cgcs2000, gcj02, bd09)");
}

int field_index(OGRLayer& layer, const std::string& path, const std::string& name) {
    int i = layer.GetLayerDefn()->GetFieldIndex(name.c_str());
    if (i < 0) {
        std::string present;
        for (int k = 0; k < layer.GetLayerDefn()->GetFieldCount(); ++k) {
            present += (present.empty() ? "" : ", ") + std::string(layer.GetLayerDefn()->GetFieldDefn(k)->GetNameRef());
        }
        throw InputError(SourceLocation{path, layer.GetName(), {}, name},
                         "importers: no such field; fields present: " + present);
    }
    return i;
}

std::string code_text(OGRFeature& f, int field) {
    if (!f.IsFieldSetAndNotNull(field)) return {};
    OGRFieldType type = f.GetFieldDefnRef(field)->GetType();
    if (type == OFTInteger || type == OFTInteger64) return std::to_string(f.GetFieldAsInteger64(field));
    if (type == OFTReal) {
        double v = f.GetFieldAsDouble(field);
        if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    }
    return trim(f.GetFieldAsString(field));
}

std::string text_of(OGRFeature& f, int field) {
    return field >= 0 && f.IsFieldSetAndNotNull(field) ? trim(f.GetFieldAsString(field)) : std::string();
}

FeatureGeometryReader::FeatureGeometryReader(const geo::Crs& source, const geo::Crs& target)
    : transform_(source, target), geographic_(source.is_geographic()) {}

geo::Geometry FeatureGeometryReader::to_working(geo::Geometry g) const {
    if (geographic_) g = geo::densify(g, kMaxSegmentDegrees);
    return transform_.apply(g);
}

std::string FeatureGeometryReader::extent_problem(const OGRGeometry& g) const {
    if (!geographic_) return {};
    OGREnvelope e;
    g.getEnvelope(&e);
    return lon_lat_problem(e);
}

GeometryIn FeatureGeometryReader::polygons(const OGRGeometry* ogr) const {
    GeometryIn in;
    if (!ogr || ogr->IsEmpty()) {
        in.problem = "geometry is empty";
        return in;
    }
    if (!is_type(ogr, {wkbPolygon, wkbMultiPolygon, wkbCurvePolygon, wkbMultiSurface, wkbGeometryCollection})) {
        in.problem = "geometry is a " + type_name(ogr) + ", not a polygon";
        return in;
    }
    if (in.problem = extent_problem(*ogr); !in.problem.empty()) return in;
    try {
        std::unique_ptr<OGRGeometry> linear(ogr->getLinearGeometry());
        geo::Geometry g = geo::to_geos(*linear);
        if (!g.is_valid()) {
            std::string reason = g.validity_reason();
            geo::Geometry repaired = g.make_valid().polygonal();
            if (repaired.is_empty()) {
                in.problem = "geometry is invalid (" + reason + ") and nothing polygonal remains after repair";
                return in;
            }
            in.repair = "repaired invalid geometry (" + reason + " in the source CRS); " +
                        area_change(g.polygonal().area(), repaired.area());
            // Kept so the audit can show the defect as drawn and `repair` can state what changed.
            in.as_shipped = to_working(g.polygonal());
            g = std::move(repaired);
        } else {
            g = g.polygonal();
        }
        g = to_working(std::move(g));
        if (!g.is_valid()) {
            in.repair += (in.repair.empty() ? "" : "; ") + std::string("repaired geometry made invalid by the transformation (") +
                         g.validity_reason() + ")";
            g = g.make_valid().polygonal();
        }
        if (g.is_empty() || g.area() <= 0.0) {
            in.problem = "geometry has no area";
            return in;
        }
        if (in.problem = working_extent_problem(g.envelope()); !in.problem.empty()) return in;
        in.geometry = std::move(g);
    } catch (const Error& e) {
        in.problem = std::string("geometry cannot be read or transformed to the working CRS: ") + e.what();
    }
    return in;
}

GeometryIn FeatureGeometryReader::lines(const OGRGeometry* ogr) const {
    GeometryIn in;
    if (!ogr || ogr->IsEmpty()) {
        in.problem = "geometry is empty";
        return in;
    }
    if (!is_type(ogr, {wkbLineString, wkbMultiLineString, wkbCircularString, wkbCompoundCurve, wkbMultiCurve})) {
        in.problem = "geometry is a " + type_name(ogr) + ", not a line";
        return in;
    }
    if (in.problem = extent_problem(*ogr); !in.problem.empty()) return in;
    try {
        std::unique_ptr<OGRGeometry> linear(ogr->getLinearGeometry());
        in.geometry = to_working(geo::to_geos(*linear));
        if (in.geometry.is_empty()) {
            in.problem = "line has no length";
        } else if (in.problem = working_extent_problem(in.geometry.envelope()); !in.problem.empty()) {
            in.geometry = {};
        }
    } catch (const Error& e) {
        in.problem = std::string("geometry cannot be read or transformed to the working CRS: ") + e.what();
    }
    return in;
}

GeometryIn FeatureGeometryReader::point(const OGRGeometry* ogr) const {
    GeometryIn in;
    if (!ogr || ogr->IsEmpty()) {
        in.problem = "geometry is empty";
        return in;
    }
    if (!is_type(ogr, {wkbPoint})) {
        in.problem = "geometry is a " + type_name(ogr) + ", not a point";
        return in;
    }
    try {
        in.geometry = transform_.apply(geo::to_geos(*ogr));
    } catch (const Error& e) {
        in.problem = std::string("point cannot be transformed to the working CRS: ") + e.what();
    }
    return in;
}

}  // namespace respgrid::importers::detail

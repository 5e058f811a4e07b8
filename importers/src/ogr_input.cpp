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
    try {
        std::unique_ptr<OGRGeometry> linear(ogr->getLinearGeometry());
        in.geometry = to_working(geo::to_geos(*linear));
        if (in.geometry.is_empty()) in.problem = "line has no length";
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

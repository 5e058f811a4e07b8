#include "respgrid/importers/boundaries.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "respgrid/geo/densify.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

namespace {

// Edges that are straight in lon/lat (and more so in GCJ-02, whose offset bends) are not
// straight in the working projection. Densifying to ~100 m before transforming keeps a
// neighbour's vertex that lay on a long edge in the source on that edge (to micrometres)
// after, instead of centimetres off, which the audit would see as slivers.
constexpr double kMaxSegmentDegrees = 0.001;

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

// Codes stored as numbers (common in Shapefiles) come back as "411626" or "411626.0".
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

}  // namespace

BoundaryImport read_boundaries(const BoundaryImportOptions& options, const Progress& progress) {
    auto ds = geo::open_vector(options.path);
    OGRLayer& layer = geo::layer_of(*ds, options.path, options.layer);
    BoundaryImport result;
    result.source_crs = resolve_source_crs(layer, options.path, options.source_crs);
    geo::CoordinateTransform transform(result.source_crs, options.target_crs);
    const bool source_is_geographic = result.source_crs.is_geographic();

    const int code_i = field_index(layer, options.path, options.code_field);
    const int name_i = field_index(layer, options.path, options.name_field);
    const int parent_i = options.parent_field.empty() ? -1 : field_index(layer, options.path, options.parent_field);
    const std::size_t code_length = grids::code_length(options.level);
    const GIntBig total = std::max<GIntBig>(1, layer.GetFeatureCount(FALSE));
    std::map<std::string, long long> first_feature_of_code;

    layer.ResetReading();
    for (auto& feature : layer) {
        ++result.features_read;
        SourceLocation where{options.path, layer.GetName(), feature->GetFID(), {}};
        auto reject = [&](const std::string& field, const std::string& reason) {
            SourceLocation w = where;
            w.field = field;
            result.rejects.push_back({std::move(w), reason});
        };

        std::string code = code_text(*feature, code_i);
        std::string name = feature->IsFieldSetAndNotNull(name_i) ? trim(feature->GetFieldAsString(name_i)) : "";
        if (code.empty()) {
            reject(options.code_field, "code is empty");
            continue;
        }
        if (!grids::is_valid_code(options.level, code)) {
            reject(options.code_field, "code '" + code + "' is not " + std::to_string(code_length) + " digits as a " +
                                           std::string(grids::to_string(options.level)) + " code must be");
            continue;
        }
        if (name.empty()) {
            reject(options.name_field, "name is empty (code " + code + ")");
            continue;
        }
        if (auto [it, fresh] = first_feature_of_code.emplace(code, feature->GetFID()); !fresh) {
            reject(options.code_field, "code " + code + " repeats feature " + std::to_string(it->second));
            continue;
        }
        std::string parent = parent_i >= 0 ? code_text(*feature, parent_i) : grids::parent_code_of(code);
        if (options.level != grids::AdminLevel::County && parent.size() + 3 != code.size()) {
            reject(options.parent_field, "parent code '" + parent + "' does not fit code " + code);
            continue;
        }

        const OGRGeometry* ogr = feature->GetGeometryRef();
        if (!ogr || ogr->IsEmpty()) {
            reject("geometry", "geometry is empty (code " + code + ")");
            continue;
        }
        auto flat = wkbFlatten(ogr->getGeometryType());
        if (flat != wkbPolygon && flat != wkbMultiPolygon && flat != wkbCurvePolygon && flat != wkbMultiSurface &&
            flat != wkbGeometryCollection) {
            reject("geometry", std::string("geometry is a ") + OGRGeometryTypeToName(flat) + ", not a polygon (code " + code + ")");
            continue;
        }
        // Validity is checked and repaired in the source CRS, where the data was drawn: a datum
        // shift such as GCJ-02 -> CGCS2000 bends straight lines slightly, which would turn a
        // zero-area spike of the source into a real sliver of several square metres.
        geo::Geometry geometry;
        try {
            std::unique_ptr<OGRGeometry> linear(ogr->getLinearGeometry());
            geometry = geo::to_geos(*linear);
        } catch (const Error& e) {
            reject("geometry", std::string("geometry cannot be read: ") + e.what());
            continue;
        }
        if (!geometry.is_valid()) {
            std::string reason = geometry.validity_reason();
            geo::Geometry repaired = geometry.make_valid().polygonal();
            if (repaired.is_empty()) {
                reject("geometry", "geometry is invalid (" + reason + ") and nothing polygonal remains after repair");
                continue;
            }
            double before = geometry.polygonal().area();
            result.repairs.push_back({where, "repaired invalid geometry of " + code + " (" + reason +
                                                 " in the source CRS); " + area_change(before, repaired.area())});
            geometry = std::move(repaired);
        } else {
            geometry = geometry.polygonal();
        }
        try {
            if (source_is_geographic) geometry = geo::densify(geometry, kMaxSegmentDegrees);
            geometry = transform.apply(geometry);
        } catch (const Error& e) {
            reject("geometry", std::string("geometry cannot be transformed to the working CRS: ") + e.what());
            continue;
        }
        if (!geometry.is_valid()) {
            std::string reason = geometry.validity_reason();
            geometry = geometry.make_valid().polygonal();
            result.repairs.push_back({where, "repaired geometry of " + code + " made invalid by the transformation (" +
                                                 reason + ")"});
        }
        if (geometry.is_empty() || geometry.area() <= 0.0) {
            reject("geometry", "geometry has no area (code " + code + ")");
            continue;
        }
        grids::AdminUnit unit;
        unit.level = options.level;
        unit.code = code;
        unit.name = name;
        unit.parent_code = options.level == grids::AdminLevel::County ? std::string() : parent;
        unit.geometry = std::move(geometry);
        result.units.push_back(std::move(unit));
        report(progress, static_cast<double>(result.features_read) / static_cast<double>(total), "reading boundaries");
    }
    return result;
}

int suggest_working_epsg(const std::string& path, const std::string& layer_name,
                         const std::optional<geo::Crs>& source_crs) {
    auto ds = geo::open_vector(path);
    OGRLayer& layer = geo::layer_of(*ds, path, layer_name);
    OGREnvelope extent;
    if (layer.GetExtent(&extent, TRUE) != OGRERR_NONE) {
        throw InputError(SourceLocation{path, layer.GetName(), {}, {}}, "importers: the layer has no extent (no geometry?)");
    }
    geo::CoordinateTransform to_lonlat(resolve_source_crs(layer, path, source_crs), geo::Crs::cgcs2000());
    geo::XY centre = to_lonlat(geo::XY{(extent.MinX + extent.MaxX) / 2, (extent.MinY + extent.MaxY) / 2});
    return geo::gauss_kruger_3deg_epsg(centre.x);
}

}  // namespace respgrid::importers

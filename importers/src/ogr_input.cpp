#include "ogr_input.hpp"

#include <algorithm>
#include <cctype>
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

// Code pages that say nothing about a Chinese file: GDAL reads LDID 87 ("the current ANSI code
// page", CP936 on a Chinese Windows) as ISO-8859-1, and a Latin-1 .cpg is what GDAL writes by
// default. Such a layer is read raw and its encoding decided from its bytes (so a real Latin-1
// file with accented letters is refused, not garbled: county files are never Latin-1).
bool declares_nothing_useful(const char* source_encoding) {
    std::string e = source_encoding ? source_encoding : "";
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::toupper(c); });
    return e.empty() || e == "ISO-8859-1" || e == "ISO8859-1" || e == "ISO8859_1" || e == "LATIN1" || e == "CP1252" ||
           e == "WINDOWS-1252";
}

bool is_text_field(OGRFieldDefn* defn) { return defn->GetType() == OFTString || defn->GetType() == OFTStringList; }

}  // namespace

TextLayer::TextLayer(const std::string& path, const std::string& layer_name, std::string record_label)
    : path_(path), record_label_(std::move(record_label)) {
    ds_ = geo::open_vector(path);
    layer_ = &geo::layer_of(*ds_, path, layer_name);
    const char* declared = layer_->GetMetadataItem("SOURCE_ENCODING", "SHAPEFILE");
    if (EQUAL(ds_->GetDriver()->GetDescription(), "ESRI Shapefile") && declared && *declared &&
        declares_nothing_useful(declared)) {
        ds_ = geo::open_vector(path, {"ENCODING="});  // the bytes as they are in the .dbf
        layer_ = &geo::layer_of(*ds_, path, layer_name);
    }
    OGRFeatureDefn* defn = layer_->GetLayerDefn();

    // The opening pass: every string value of every feature, without geometry.
    const char* no_geometry[] = {"OGR_GEOMETRY", nullptr};
    auto visit = [&](const std::function<bool(std::string_view, long long)>& take) {
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (!take(defn->GetFieldDefn(i)->GetNameRef(), -1)) return;
        }
        geo::GdalMessageCapture capture;
        layer_->SetIgnoredFields(no_geometry);
        layer_->ResetReading();
        long long count = 0;
        bool stopped = false;
        for (auto& feature : *layer_) {
            ++count;
            for (int i = 0; i < defn->GetFieldCount() && !stopped; ++i) {
                if (!is_text_field(defn->GetFieldDefn(i)) || !feature->IsFieldSetAndNotNull(i)) continue;
                if (defn->GetFieldDefn(i)->GetType() == OFTString) {
                    stopped = !take(feature->GetFieldAsString(i), feature->GetFID());
                } else {
                    for (char** item = feature->GetFieldAsStringList(i); item && *item && !stopped; ++item) {
                        stopped = !take(*item, feature->GetFID());
                    }
                }
            }
            if (stopped) break;
        }
        layer_->SetIgnoredFields(nullptr);
        layer_->ResetReading();
        if (stopped) return;
        if (!capture.last_error().empty()) {
            throw InputError(SourceLocation{path_, layer_->GetName(), {}, {}},
                             "importers: GDAL could not read the layer to its end (" + std::to_string(count) +
                                 " features read): " + capture.last_error());
        }
        features_ = count;
    };
    encoding_ =
        geo::decide_encoding(geo::TextSource{SourceLocation{path_, layer_->GetName(), {}, {}, record_label_}, visit});
    if (encoding_ == geo::TextEncoding::Gb18030) decoder_ = std::make_unique<geo::Gb18030Decoder>();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        std::string name = defn->GetFieldDefn(i)->GetNameRef();
        if (decoder_) {
            std::string utf8;
            decoder_->decode(name, utf8);  // checked by decide_encoding
            name = std::move(utf8);
        }
        field_names_.push_back(std::move(name));
    }
}

TextLayer::~TextLayer() = default;

int TextLayer::field_index(const std::string& name) const {
    if (auto i = Table{path_, layer_->GetName(), field_names_}.find({name})) return static_cast<int>(*i);
    std::string present;
    for (const auto& f : field_names_) present += (present.empty() ? "" : ", ") + f;
    throw InputError(SourceLocation{path_, layer_->GetName(), {}, name},
                     "importers: no such field; fields present: " + present);
}

int TextLayer::find(std::initializer_list<std::string_view> names) const {
    auto i = Table{path_, layer_->GetName(), field_names_}.find(names);
    return i ? static_cast<int>(*i) : -1;
}

std::string TextLayer::text(OGRFeature& f, int field) const {
    if (field < 0 || !f.IsFieldSetAndNotNull(field)) return {};
    const char* raw = f.GetFieldAsString(field);
    if (!decoder_) return trim(raw);
    std::string utf8;
    if (!decoder_->decode(raw, utf8)) {
        SourceLocation where{path_, layer_->GetName(), f.GetFID(), field_names_[static_cast<std::size_t>(field)],
                             record_label_};
        throw InputError(where, "importers: the file changed while it was read (no longer GB18030)");
    }
    return trim(utf8);
}

std::string TextLayer::code_text(OGRFeature& f, int field) const {
    if (field < 0 || !f.IsFieldSetAndNotNull(field)) return {};
    OGRFieldType type = f.GetFieldDefnRef(field)->GetType();
    if (type == OFTInteger || type == OFTInteger64) return std::to_string(f.GetFieldAsInteger64(field));
    if (type == OFTReal) {
        double v = f.GetFieldAsDouble(field);
        if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    }
    return text(f, field);
}

void TextLayer::for_each(const std::function<void(OGRFeature&)>& body) {
    layer_->ResetReading();
    long long count = 0;
    for (auto& feature : *layer_) {
        ++count;
        body(*feature);
    }
    if (count < features_) {
        throw InputError(SourceLocation{path_, layer_->GetName(), {}, {}},
                         "importers: GDAL stopped reading the layer after " + std::to_string(count) + " of " +
                             std::to_string(features_) + " features");
    }
}

geo::Crs resolve_source_crs(OGRLayer& layer, const std::string& path, const std::optional<geo::Crs>& given) {
    if (given) return *given;
    if (auto crs = geo::crs_of_layer(layer)) return *crs;
    throw InputError(SourceLocation{path, layer.GetName(), {}, {}},
                     "importers: the layer has no CRS; give one with --crs (EPSG:n, wgs84, cgcs2000, gcj02, bd09)");
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

}  // namespace respgrid::importers::detail

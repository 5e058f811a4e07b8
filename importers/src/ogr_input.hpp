#pragma once
// Reading OGR features shared by the importers: a layer's text in UTF-8 whatever its encoding,
// which CRS a layer is in, field look-up, codes stored as numbers, and a feature's geometry
// brought into the working CRS.

#include <ogrsf_frmts.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/geometry.hpp"
#include "respgrid/geo/text_encoding.hpp"

namespace respgrid::importers::detail {

// One layer of a vector file or spreadsheet, its text read in the file's encoding
// (geo/text_encoding.hpp: decided for the whole layer from every string value and field name).
// Shapefiles whose .dbf declares no code page, or only Latin-1 (LDID 87 "current ANSI code page",
// which GDAL takes as ISO-8859-1 and is what Chinese Windows software writes for GBK, or a Latin-1
// .cpg), are read as raw bytes for that decision; any other declared code page is GDAL's to
// recode. Opening reads every feature once without geometry to decide; a GDAL error during that
// pass, or a later pass that ends early, is an InputError, never a silently short import.
class TextLayer {
public:
    // `record_label`: how rejects and errors name a feature ("feature": its FID; "row": a
    // spreadsheet row, which the XLSX/ODS drivers give as the FID).
    TextLayer(const std::string& path, const std::string& layer_name, std::string record_label = "feature");
    ~TextLayer();
    TextLayer(const TextLayer&) = delete;
    TextLayer& operator=(const TextLayer&) = delete;

    [[nodiscard]] OGRLayer& layer() const { return *layer_; }
    [[nodiscard]] std::string name() const { return layer_->GetName(); }
    [[nodiscard]] const std::string& record_label() const { return record_label_; }
    [[nodiscard]] geo::TextEncoding encoding() const { return encoding_; }
    // The fields' names in UTF-8, in the layer's order.
    [[nodiscard]] const std::vector<std::string>& field_names() const { return field_names_; }

    // The field named `name` (any case, trimmed); InputError listing the fields present when none is.
    [[nodiscard]] int field_index(const std::string& name) const;
    // The first field matching one of `names` (any case, trimmed, as Table::find); -1 if none.
    [[nodiscard]] int find(std::initializer_list<std::string_view> names) const;

    // A field as trimmed UTF-8 text ("" when null, or when `field` is -1).
    [[nodiscard]] std::string text(OGRFeature& f, int field) const;
    // A code field as text: numeric fields (common in Shapefiles) without a trailing ".0".
    [[nodiscard]] std::string code_text(OGRFeature& f, int field) const;

    // Calls `body` for every feature in order (from the start). InputError when GDAL hands out
    // fewer features than the opening pass counted.
    void for_each(const std::function<void(OGRFeature&)>& body);

private:
    std::string path_;
    std::string record_label_;
    GDALDatasetUniquePtr ds_;
    OGRLayer* layer_ = nullptr;
    geo::TextEncoding encoding_ = geo::TextEncoding::Utf8;
    std::unique_ptr<geo::Gb18030Decoder> decoder_;  // GB18030 layers
    std::vector<std::string> field_names_;
    long long features_ = 0;  // counted by the opening pass
};

// The CRS given by the user, else the layer's own; InputError asking for --crs when neither.
geo::Crs resolve_source_crs(OGRLayer& layer, const std::string& path, const std::optional<geo::Crs>& given);

struct GeometryIn {
    geo::Geometry geometry;  // working CRS; null when `problem` says why the feature is unusable
    std::string problem;     // reject reason
    std::string repair;      // what was repaired, when the geometry was accepted after repair
    geo::Geometry as_shipped;  // working CRS, unrepaired; null unless the source was invalid
};

// Brings feature geometries into the working CRS. Polygons are checked and repaired (GEOS
// MakeValid) in the source CRS, where they were drawn: a datum shift such as GCJ-02 -> CGCS2000
// bends straight lines slightly, which would turn a zero-area spike into a real sliver. Lines
// and polygons from a geographic source are densified to ~100 m before transforming, so an
// edge straight in the source follows its true path and a neighbour's vertex that lay on it
// stays on it (to micrometres). Before that, a lon/lat feature must lie within -180..180,
// -90..90 and span at most 10°, and every feature at most 1,200 km in the working CRS:
// otherwise it is rejected (`problem` names the coordinate), never densified.
class FeatureGeometryReader {
public:
    FeatureGeometryReader(const geo::Crs& source, const geo::Crs& target);
    [[nodiscard]] GeometryIn polygons(const OGRGeometry* g) const;
    [[nodiscard]] GeometryIn lines(const OGRGeometry* g) const;

private:
    [[nodiscard]] geo::Geometry to_working(geo::Geometry g) const;
    // Why a lon/lat feature's extent cannot be right ("" when it can, or the source is projected).
    [[nodiscard]] std::string extent_problem(const OGRGeometry& g) const;
    geo::CoordinateTransform transform_;
    bool geographic_;
};

}  // namespace respgrid::importers::detail

#pragma once
// Writes one OGR layer from rows of typed values. Each field has a stable ASCII name and a
// Chinese title (alias). The alias is handed to GDAL as the field's alternative name, which
// drivers that support it store; GDAL 3.6's GeoPackage driver does not, so for QGIS the titles
// have to travel in the layer's QML style (layer_styles) instead.

#include <string>
#include <variant>
#include <vector>

#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters {

enum class FieldType { Text, Real, Integer };

struct FieldSpec {
    std::string name;   // stable ASCII name for tools and scripts
    FieldType type = FieldType::Text;
    std::string alias;  // title shown in QGIS (Chinese)
};

using Value = std::variant<std::monostate, std::string, double, long long>;

// A text value, NULL when empty (an unknown name or phone reads as missing, not as "").
inline Value text_or_null(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

class LayerWriter {
public:
    // Creates `name` in `ds` with geometry type `geometry_type` in `srs` (nullptr: no geometry).
    // Without `spatial_index` a GeoPackage layer gets no R-tree (its writer builds one in bulk).
    LayerWriter(GDALDataset& ds, const std::string& path, const std::string& name, OGRwkbGeometryType geometry_type,
                const OGRSpatialReference* srs, std::vector<FieldSpec> fields, bool spatial_index = true);

    // Adds a feature; `geometry` may be null for a row without a location. `fid` (OGRNullFID:
    // the driver's next one) sets the feature id.
    void add(OGRGeometryUniquePtr geometry, const std::vector<Value>& values, GIntBig fid = OGRNullFID);
    // add() in two steps: make() builds the feature and may run on another thread than write(),
    // which hands it to GDAL (a layer is written from one thread).
    [[nodiscard]] OGRFeatureUniquePtr make(OGRGeometryUniquePtr geometry, const std::vector<Value>& values,
                                           GIntBig fid = OGRNullFID) const;
    void write(OGRFeature& feature);
    [[nodiscard]] std::size_t written() const { return written_; }

private:
    std::string path_;
    OGRLayer* layer_ = nullptr;
    OGRFeatureDefn* defn_ = nullptr;  // fetched once: make() may run beside the layer's writing
    std::vector<FieldSpec> fields_;
    std::size_t written_ = 0;
};

}  // namespace respgrid::exporters

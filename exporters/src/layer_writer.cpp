#include "respgrid/exporters/layer_writer.hpp"

#include "respgrid/geo/error.hpp"

namespace respgrid::exporters {

LayerWriter::LayerWriter(GDALDataset& ds, const std::string& path, const std::string& name,
                         OGRwkbGeometryType geometry_type, const OGRSpatialReference* srs, std::vector<FieldSpec> fields, bool spatial_index)
    : path_(path), fields_(std::move(fields)) {
    geo::GdalMessageCapture capture;
    const char* options[] = {"GEOMETRY_NAME=geom", "FID=fid", spatial_index ? nullptr : "SPATIAL_INDEX=NO", nullptr};
    layer_ = ds.CreateLayer(name.c_str(), const_cast<OGRSpatialReference*>(srs), geometry_type,
                            const_cast<char**>(options));
    if (!layer_) throw OutputError(path, "exporters: cannot create layer '" + name + "': " + capture.last_error());
    for (const auto& f : fields_) {
        OGRFieldType type = f.type == FieldType::Text ? OFTString : f.type == FieldType::Real ? OFTReal : OFTInteger64;
        OGRFieldDefn defn(f.name.c_str(), type);
        if (!f.alias.empty()) defn.SetAlternativeName(f.alias.c_str());
        if (layer_->CreateField(&defn) != OGRERR_NONE) {
            throw OutputError(path, "exporters: cannot create field '" + f.name + "' in layer '" + name +
                                        "': " + capture.last_error());
        }
    }
    defn_ = layer_->GetLayerDefn();
}

void LayerWriter::add(OGRGeometryUniquePtr geometry, const std::vector<Value>& values, GIntBig fid) {
    write(*make(std::move(geometry), values, fid));
}

OGRFeatureUniquePtr LayerWriter::make(OGRGeometryUniquePtr geometry, const std::vector<Value>& values, GIntBig fid) const {
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(defn_));
    feature->SetFID(fid);
    for (std::size_t i = 0; i < fields_.size() && i < values.size(); ++i) {
        const int field = static_cast<int>(i);
        std::visit(
            [&feature, field](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>) {
                    feature->SetField(field, v.c_str());
                } else if constexpr (std::is_same_v<T, double>) {
                    feature->SetField(field, v);
                } else if constexpr (std::is_same_v<T, long long>) {
                    feature->SetField(field, static_cast<GIntBig>(v));
                } else {
                    feature->SetFieldNull(field);
                }
            },
            values[i]);
    }
    if (geometry) feature->SetGeometryDirectly(geometry.release());
    return feature;
}

void LayerWriter::write(OGRFeature& feature) {
    geo::GdalMessageCapture capture;
    if (layer_->CreateFeature(&feature) != OGRERR_NONE) {
        throw OutputError(path_, std::string("exporters: cannot write feature ") + std::to_string(written_ + 1) +
                                     " of layer '" + layer_->GetName() + "': " + capture.last_error());
    }
    ++written_;
}

}  // namespace respgrid::exporters

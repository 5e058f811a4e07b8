#pragma once
// Small input files written by the tests with GDAL's own drivers (Shapefile, GeoPackage, XLSX),
// the way a county office's GIS or spreadsheet software would write them.

#include <stdexcept>
#include <string>
#include <vector>

#include <cpl_string.h>

#include "respgrid/geo/gdal.hpp"

namespace respgrid::test {

struct FieldDef {
    std::string name;
    OGRFieldType type = OFTString;
    int width = 0;
    int precision = 0;
};

struct FeatureDef {
    std::vector<std::string> values;  // one per field, as text; "" leaves the field unset
    std::string wkt;                  // empty: no geometry
};

// Writes one layer with `driver`; `epsg` 0 writes no CRS. Throws std::runtime_error on failure.
inline void write_layer(const std::string& path, const std::string& driver, const std::string& layer_name, int epsg,
                        OGRwkbGeometryType geometry_type, const std::vector<FieldDef>& fields,
                        const std::vector<FeatureDef>& features, const std::vector<std::string>& layer_options = {}) {
    auto ds = geo::create_vector(path, driver);
    geo::SrsPtr srs = epsg ? geo::srs_from_epsg(epsg) : nullptr;
    CPLStringList options;
    for (const auto& o : layer_options) options.AddString(o.c_str());
    OGRLayer* layer = ds->CreateLayer(layer_name.c_str(), srs.get(), geometry_type, options.List());
    if (!layer) throw std::runtime_error("test: cannot create layer " + layer_name + " in " + path);
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name.c_str(), f.type);
        if (f.width) defn.SetWidth(f.width);
        if (f.precision) defn.SetPrecision(f.precision);
        if (layer->CreateField(&defn) != OGRERR_NONE) throw std::runtime_error("test: cannot create field " + f.name);
    }
    for (const auto& row : features) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            if (!row.values[i].empty()) feature->SetField(static_cast<int>(i), row.values[i].c_str());
        }
        if (!row.wkt.empty()) {
            OGRGeometry* g = nullptr;
            if (OGRGeometryFactory::createFromWkt(row.wkt.c_str(), nullptr, &g) != OGRERR_NONE) {
                throw std::runtime_error("test: bad WKT " + row.wkt);
            }
            feature->SetGeometryDirectly(g);
        }
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE) throw std::runtime_error("test: cannot write a feature");
    }
}

// A table without geometry in a spreadsheet (XLSX) or any other attribute format; every field text.
inline void write_sheet(const std::string& path, const std::string& driver, const std::string& sheet,
                        const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<FieldDef> fields;
    for (const auto& h : header) fields.push_back({h});
    std::vector<FeatureDef> features;
    for (const auto& r : rows) features.push_back({r, {}});
    write_layer(path, driver, sheet, 0, wkbNone, fields, features);
}

}  // namespace respgrid::test

#include "respgrid/exporters/qgis_gpkg.hpp"

#include <ctime>

#include "default_styles.hpp"
#include "producer.hpp"
#include "qgis_project.hpp"
#include "respgrid/geo/error.hpp"

namespace respgrid::exporters {

namespace {

// The layer_styles table as QGIS creates it through GDAL: an attribute table registered in
// gpkg_contents, TEXT(256)/TEXT(30) names, BOOLEAN useAsDefault, DATETIME update_time.
OGRLayer& create_layer_styles(GDALDataset& ds, const std::string& path) {
    if (OGRLayer* existing = ds.GetLayerByName("layer_styles")) return *existing;
    const char* options[] = {"FID=id", nullptr};
    OGRLayer* layer = ds.CreateLayer("layer_styles", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw OutputError(path, "cannot create the table layer_styles");
    struct Column {
        const char* name;
        OGRFieldType type;
        int width;
        OGRFieldSubType subtype;
    };
    const Column columns[] = {{"f_table_catalog", OFTString, 256, OFSTNone},  {"f_table_schema", OFTString, 256, OFSTNone},
                              {"f_table_name", OFTString, 256, OFSTNone},     {"f_geometry_column", OFTString, 256, OFSTNone},
                              {"styleName", OFTString, 30, OFSTNone},         {"styleQML", OFTString, 0, OFSTNone},
                              {"styleSLD", OFTString, 0, OFSTNone},           {"useAsDefault", OFTInteger, 0, OFSTBoolean},
                              {"description", OFTString, 0, OFSTNone},        {"owner", OFTString, 30, OFSTNone},
                              {"ui", OFTString, 30, OFSTNone},                {"update_time", OFTDateTime, 0, OFSTNone}};
    for (const auto& c : columns) {
        OGRFieldDefn field(c.name, c.type);
        field.SetWidth(c.width);
        field.SetSubType(c.subtype);
        if (layer->CreateField(&field) != OGRERR_NONE) {
            throw OutputError(path, std::string("cannot create the column layer_styles.") + c.name);
        }
    }
    return *layer;
}

void add_style_row(OGRLayer& styles, const std::string& path, const LayerStyle& style, const std::string& geometry_column,
                   const std::tm& now) {
    OGRFeatureUniquePtr row(OGRFeature::CreateFeature(styles.GetLayerDefn()));
    row->SetField("f_table_catalog", "");
    row->SetField("f_table_schema", "");  // NULL here and QGIS lists the style but never applies it
    row->SetField("f_table_name", style.layer.c_str());
    row->SetField("f_geometry_column", geometry_column.c_str());
    row->SetField("styleName", style.layer.c_str());
    row->SetField("styleQML", qml_document(style).c_str());
    row->SetField("styleSLD", "");
    row->SetField("useAsDefault", 1);
    row->SetField("description", ("respgrid: " + style.title).c_str());
    row->SetField("owner", "");
    row->SetFieldNull(row->GetFieldIndex("ui"));
    row->SetField("update_time", now.tm_year + 1900, now.tm_mon + 1, now.tm_mday, now.tm_hour, now.tm_min,
                  static_cast<float>(now.tm_sec), 100);
    if (styles.CreateFeature(row.get()) != OGRERR_NONE) {
        throw OutputError(path, "cannot write the style of layer " + style.layer);
    }
}

std::string sql_text(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string county_title(GDALDataset& ds) {
    OGRLayer* county = ds.GetLayerByName("county");
    if (!county) return "网格责任图";
    county->ResetReading();
    OGRFeatureUniquePtr first(county->GetNextFeature());
    const int name = county->GetLayerDefn()->GetFieldIndex("name");
    if (!first || name < 0 || !first->IsFieldSetAndNotNull(name)) return "网格责任图";
    return std::string(first->GetFieldAsString(name)) + " 网格责任图";
}

void add_project(GDALDataset& ds, const std::string& path, const std::string& file_name, const std::string& opens_on,
                 const std::vector<LayerStyle>& styles, const std::tm& now, QgisExtras& extras) {
    detail::ProjectSpec spec;
    spec.title = county_title(ds);
    spec.file_name = file_name;
    bool have_extent = false;
    for (const auto& style : styles) {
        OGRLayer* layer = ds.GetLayerByName(style.layer.c_str());
        detail::ProjectLayer pl{style, layer->GetGeomType(), {}};
        if (layer->GetExtent(&pl.extent, TRUE) != OGRERR_NONE) pl.extent = OGREnvelope();
        if (!spec.srs) spec.srs = layer->GetSpatialRef();
        // The map opens on `opens_on` (the county); without it, on everything.
        if (style.layer == opens_on && pl.extent.IsInit()) {
            spec.extent = pl.extent;
            have_extent = true;
        } else if (!have_extent && pl.extent.IsInit()) {
            spec.extent.Merge(pl.extent);
        }
        spec.layers.push_back(std::move(pl));
    }
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &now);
    spec.producer = detail::producer_of(ds);
    spec.created = std::string(stamp) + "Z";  // UTC: Qt reads a time without a zone as local
    const std::string hex = detail::zipped_as_hex("project.qgs", detail::project_qgs(spec));
    const std::string metadata = std::string("{\"last_modified_time\": \"") + stamp + "\", \"last_modified_user\": \"respgrid\" }";
    geo::GdalMessageCapture capture;
    // QGIS's own DDL; the table is not registered in gpkg_contents (QGIS does not either).
    ds.ExecuteSQL("CREATE TABLE IF NOT EXISTS qgis_projects(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)", nullptr,
                  nullptr);
    ds.ExecuteSQL(("INSERT OR REPLACE INTO qgis_projects(name, metadata, content) VALUES (" + sql_text(kQgisProjectName) +
                   ", " + sql_text(metadata) + ", " + sql_text(hex) + ")")
                      .c_str(),
                  nullptr, nullptr);
    if (!capture.last_error().empty()) throw OutputError(path, "cannot store the QGIS project: " + capture.last_error());
    extras.project_layers = spec.layers.size();
}

}  // namespace

QgisExtras add_qgis_styles_and_project(GDALDataset& ds, const std::string& path, const std::string& file_name,
                                       const std::string& opens_on) {
    QgisExtras extras;
    const std::vector<LayerStyle> styles = detail::default_styles(ds);
    if (styles.empty()) return extras;
    const std::time_t t = std::time(nullptr);
    std::tm now{};
    gmtime_r(&t, &now);
    geo::GdalMessageCapture capture;
    if (ds.StartTransaction() != OGRERR_NONE) throw OutputError(path, "cannot start a transaction for the styles");
    OGRLayer& table = create_layer_styles(ds, path);
    for (const auto& style : styles) {
        OGRLayer* layer = ds.GetLayerByName(style.layer.c_str());
        add_style_row(table, path, style, layer->GetGeometryColumn(), now);
        ++extras.styles;
    }
    if (ds.CommitTransaction() != OGRERR_NONE) {
        throw OutputError(path, "cannot commit the styles: " + capture.last_error());
    }
    add_project(ds, path, file_name, opens_on, styles, now, extras);
    return extras;
}

}  // namespace respgrid::exporters

#include "respgrid/exporters/format_copy.hpp"

#include <gdal_utils.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include "default_styles.hpp"
#include "kml_copy.hpp"
#include "producer.hpp"
#include "respgrid/exporters/csv.hpp"
#include "respgrid/exporters/qgis_style.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/output_files.hpp"

namespace respgrid::exporters {

namespace {

namespace fs = std::filesystem;

struct FormatSpec {
    const char* driver;
    const char* extension;
    std::vector<std::string> layer_options;  // -lco
    std::vector<std::string> extra;          // other ogr2ogr arguments
};

FormatSpec spec_of(CopyFormat f) {
    switch (f) {
        case CopyFormat::Shapefile: return {"ESRI Shapefile", ".shp", {"ENCODING=UTF-8"}, {}};
        case CopyFormat::GeoJson: return {"GeoJSON", ".geojson", {"RFC7946=YES"}, {}};
        case CopyFormat::FlatGeobuf: return {"FlatGeobuf", ".fgb", {"SPATIAL_INDEX=YES"}, {}};
        case CopyFormat::Csv: return {"CSV", ".csv", {"WRITE_BOM=YES", "GEOMETRY=AS_WKT"}, {}};
        case CopyFormat::VectorTiles:
            return {"MVT", "", {}, {"-dsco", "FORMAT=DIRECTORY", "-dsco", "MINZOOM=8", "-dsco", "MAXZOOM=14"}};
        case CopyFormat::Kml: return {"LIBKML", ".kml", {}, {}};
    }
    return {"", "", {}, {}};
}

// ogr2ogr's options as the C API takes them.
struct TranslateOptions {
    explicit TranslateOptions(const std::vector<std::string>& args) {
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    }
    ~TranslateOptions() { GDALVectorTranslateOptionsFree(options); }
    TranslateOptions(const TranslateOptions&) = delete;
    TranslateOptions& operator=(const TranslateOptions&) = delete;
    GDALVectorTranslateOptions* options = nullptr;
};

void write_text_file(const std::string& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary);
    file << text;
    if (!file.flush()) throw OutputError(path, "cannot write the file");
}

}  // namespace

std::optional<CopyFormat> parse_copy_format(const std::string& name) {
    if (name == "shp") return CopyFormat::Shapefile;
    if (name == "geojson") return CopyFormat::GeoJson;
    if (name == "fgb") return CopyFormat::FlatGeobuf;
    if (name == "csv") return CopyFormat::Csv;
    if (name == "mvt") return CopyFormat::VectorTiles;
    if (name == "kml") return CopyFormat::Kml;
    return std::nullopt;
}

std::vector<CopiedLayer> copy_layers(const std::string& gpkg, const std::string& output, CopyFormat format,
                                     Headers headers) {
    geo::ensure_gdal();
    const FormatSpec spec = spec_of(format);
    auto source = geo::open_vector(gpkg);
    if (format == CopyFormat::Kml) return detail::write_kml(*source, output);
    const std::string producer = detail::producer_of(*source);
    const std::string note = producer.empty() ? "" : detail::export_note(producer);
    std::vector<std::string> described;  // the producer in the formats' own description
    if (!note.empty() && format == CopyFormat::GeoJson) described = {"-lco", "DESCRIPTION=" + note};
    if (!note.empty() && format == CopyFormat::VectorTiles) described = {"-dsco", "DESCRIPTION=" + note};
    // The layers with geometry: QGIS's layer_styles table travels as .qml files instead.
    std::vector<std::string> spatial;
    for (int i = 0; i < source->GetLayerCount(); ++i) {
        OGRLayer* layer = source->GetLayer(i);
        if (layer->GetGeomType() != wkbNone) spatial.push_back(layer->GetName());
    }
    // Written into a staging folder, moved over `output` at the end (geo/output_files.hpp): a
    // failed export leaves the previous one whole, and a folder respgrid did not make is never
    // emptied.
    const fs::path target(output);
    geo::StagedFolder staged(output);
    const fs::path staging = staged.temporary();
    std::error_code ec;
    std::vector<CopiedLayer> out;
    std::vector<std::vector<std::string>> field_rows;
    auto translate = [&](const std::string& path, std::vector<std::string> args, const std::string& what) {
        TranslateOptions options(args);
        if (!options.options) throw OutputError(path, "GDAL rejected the translation options");
        geo::GdalMessageCapture messages;
        GDALDatasetH src = GDALDataset::ToHandle(source.get());
        int usage_error = 0;
        GDALDatasetH written = GDALVectorTranslate(path.c_str(), nullptr, 1, &src, options.options, &usage_error);
        if (!written || usage_error) {
            if (written) GDALClose(written);
            throw OutputError(path, "GDAL could not write " + what + ": " + messages.last_error());
        }
        return written;
    };
    if (format == CopyFormat::VectorTiles) {
        // One tile set holds every layer; the tiles folder is the staging folder itself.
        std::vector<std::string> args = {"-f", spec.driver};
        args.insert(args.end(), spec.extra.begin(), spec.extra.end());
        args.insert(args.end(), described.begin(), described.end());
        args.insert(args.end(), spatial.begin(), spatial.end());
        fs::remove_all(staging, ec);
        GDALClose(translate(staging.string(), args, "the vector tiles"));
        for (const auto& name : spatial) {
            out.push_back({name, target.string(), source->GetLayerByName(name.c_str())->GetFeatureCount()});
        }
    }
    std::map<std::string, std::map<std::string, std::string>> renamed;  // layer -> field -> shapefile field
    for (std::size_t i = 0; format != CopyFormat::VectorTiles && i < spatial.size(); ++i) {
        OGRLayer* layer = source->GetLayerByName(spatial[i].c_str());
        const std::string name = layer->GetName();
        const fs::path file = staging / (name + spec.extension);
        if (format == CopyFormat::Csv) {
            // Feature by feature with every text cell made safe for Excel (csv.hpp), which a
            // translation by GDAL cannot do.
            write_layer_csv(*layer, file.string(), spec.layer_options, headers);
            out.push_back({name, (target / (name + spec.extension)).string(), layer->GetFeatureCount()});
            continue;
        }
        std::vector<std::string> args = {"-f", spec.driver, "-nln", name};
        for (const auto& o : spec.layer_options) args.insert(args.end(), {"-lco", o});
        args.insert(args.end(), spec.extra.begin(), spec.extra.end());
        args.insert(args.end(), described.begin(), described.end());
        args.push_back(name);
        GDALDatasetH written = translate(file.string(), args, "layer " + name);
        auto* ds = GDALDataset::FromHandle(written);
        OGRLayer* copied = ds->GetLayer(0);
        CopiedLayer c{name, (target / (name + spec.extension)).string(), layer->GetFeatureCount()};
        if (format == CopyFormat::Shapefile && copied) {
            // The names GDAL really wrote, in field order (cut to 10 characters, de-duplicated).
            OGRFeatureDefn* from = layer->GetLayerDefn();
            OGRFeatureDefn* to = copied->GetLayerDefn();
            for (int f = 0; f < from->GetFieldCount() && f < to->GetFieldCount(); ++f) {
                field_rows.push_back({name, from->GetFieldDefn(f)->GetNameRef(), to->GetFieldDefn(f)->GetNameRef()});
                renamed[name][from->GetFieldDefn(f)->GetNameRef()] = to->GetFieldDefn(f)->GetNameRef();
            }
        }
        GDALClose(written);
        out.push_back(c);
    }
    if (format == CopyFormat::Shapefile || format == CopyFormat::GeoJson || format == CopyFormat::FlatGeobuf) {
        // QGIS applies NAME.qml when it opens NAME.shp / .geojson / .fgb.
        for (const auto& style : detail::default_styles(*source)) {
            write_text_file((staging / (style.layer + ".qml")).string(), qml_document(with_renamed_fields(style, renamed[style.layer])));
        }
        // ... and NAME.qmd as the layer's metadata (Layer Properties > Metadata, Information).
        for (std::size_t i = 0; !note.empty() && i < spatial.size(); ++i) {
            write_text_file((staging / (spatial[i] + ".qmd")).string(), detail::qmd_document(spatial[i], note));
        }
    }
    if (format == CopyFormat::Shapefile) write_csv((staging / "fields.csv").string(), {"layer", "field", "shapefile_field"}, field_rows);
    staged.commit();
    return out;
}

}  // namespace respgrid::exporters

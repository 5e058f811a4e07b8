// KML for Google Earth and 奥维 on phones, made from the exported GeoPackage by GDAL's LIBKML
// driver: a folder of township outlines, then one folder per township holding its grids, each
// placemark filled in its township's colour with a magenta border and a balloon listing the
// grid's owners and phones; then the issues. One shared style per township (a <styleUrl>), not
// one per placemark, keeps a county's file small enough for a phone.
#include "kml_copy.hpp"

#include <filesystem>
#include <map>
#include <sstream>

#include "default_styles.hpp"
#include "producer.hpp"
#include "respgrid/geo/error.hpp"
#include "zip_writer.hpp"

namespace respgrid::exporters::detail {

namespace {

std::string hex_colour(const Rgba& c) {
    char text[16];
    std::snprintf(text, sizeof text, "#%02X%02X%02X%02X", c.r, c.g, c.b, c.a);
    return text;
}

// The balloon: one table row per non-empty field, in the order given.
std::string balloon(OGRFeature& f, const std::vector<std::pair<const char*, const char*>>& rows) {
    std::ostringstream html;
    html << "<table border=\"1\" cellpadding=\"3\" style=\"border-collapse:collapse\">";
    for (const auto& [field, title] : rows) {
        const int i = f.GetFieldIndex(field);
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) continue;
        html << "<tr><th align=\"left\">" << title << "</th><td>" << xml_escaped(f.GetFieldAsString(i)) << "</td></tr>";
    }
    html << "</table>";
    return html.str();
}

class KmlWriter {
public:
    KmlWriter(GDALDataset& kml, const std::string& path) : kml_(kml), path_(path) {}

    OGRLayer& folder(const std::string& name) {
        auto it = folders_.find(name);
        if (it != folders_.end()) return *it->second;
        const char* options[] = {"FOLDER=YES", nullptr};
        OGRLayer* layer = kml_.CreateLayer(name.c_str(), srs_wgs84(), wkbUnknown, const_cast<char**>(options));
        if (!layer) throw OutputError(path_, "cannot create the KML folder " + name);
        for (const char* field : {"Name", "description"}) {
            OGRFieldDefn defn(field, OFTString);
            layer->CreateField(&defn);
        }
        folders_[name] = layer;
        return *layer;
    }

    void add(OGRLayer& folder, const std::string& name, const std::string& description, const OGRGeometry* geometry,
             const std::string& style) {
        OGRFeatureUniquePtr out(OGRFeature::CreateFeature(folder.GetLayerDefn()));
        out->SetField("Name", name.c_str());
        out->SetField("description", description.c_str());
        if (geometry) out->SetGeometry(geometry);
        out->SetStyleString(style.c_str());
        geo::GdalMessageCapture capture;
        if (folder.CreateFeature(out.get()) != OGRERR_NONE) {
            throw OutputError(path_, "cannot write placemark " + name + " in folder " + folder.GetName() + ": " +
                                         capture.last_error());
        }
        ++written_;
    }

    [[nodiscard]] long long written() const { return written_; }

private:
    OGRSpatialReference* srs_wgs84() {
        if (!wgs84_) wgs84_ = geo::srs_from_epsg(4326);
        return wgs84_.get();
    }
    GDALDataset& kml_;
    std::string path_;
    std::map<std::string, OGRLayer*> folders_;
    geo::SrsPtr wgs84_;
    long long written_ = 0;
};

}  // namespace

std::vector<CopiedLayer> write_kml(GDALDataset& source, const std::string& output) {
    // A .kmz is the KML zipped as doc.kml (a tenth of the size, for phones). Not by LIBKML: its
    // .kmz puts every folder in a file of its own behind a NetworkLink, which GDAL cannot read
    // back and a folder name with "/" breaks.
    const bool kmz = std::filesystem::path(output).extension() == ".kmz";
    geo::StagedFile staged(output, ".kml");
    std::vector<CopiedLayer> out;
    {
        // The program that wrote it, as the document's author and description.
        const std::string producer = producer_of(source);
        std::vector<std::string> document;
        if (!producer.empty()) document = {"AUTHOR_NAME=" + producer, "DESCRIPTION=" + export_note(producer)};
        auto kml = staged.create("LIBKML", document);
        KmlWriter writer(*kml, output);

        // Shared styles: county and township outlines, one fill per township, issues.
        OGRStyleTable table;
        table.AddStyle("outline", "PEN(c:#1E1E6EFF,w:3px);BRUSH(fc:#00000000)");
        table.AddStyle("issue", "SYMBOL(c:#E60000FF,id:\"ogr-sym-3\")");
        std::map<std::string, std::string> style_of_township;  // code -> "@t<i>"
        if (OGRLayer* townships = source.GetLayerByName("townships")) {
            std::size_t i = 0;
            for (auto& f : *townships) {
                const std::string id = "t" + std::to_string(i);
                table.AddStyle(id.c_str(), ("PEN(c:#FF00FFFF,w:1px);BRUSH(fc:" + hex_colour(distinct_colour(i, 110)) + ")").c_str());
                style_of_township[f->GetFieldAsString("code")] = "@" + id;
                ++i;
            }
        }
        kml->SetStyleTable(&table);

        for (const char* units : {"county", "townships"}) {
            OGRLayer* layer = source.GetLayerByName(units);
            if (!layer) continue;
            OGRLayer& folder = writer.folder(std::string(units) == "county" ? "县界" : "乡镇街道");
            for (auto& f : *layer) {
                writer.add(folder, f->GetFieldAsString("name"),
                           balloon(*f, {{"code", "区划代码"}, {"name", "名称"}, {"contact", "负责人"}, {"phone", "电话"}}),
                           f->GetGeometryRef(), "@outline");
            }
            out.push_back({units, output, layer->GetFeatureCount()});
        }
        if (OGRLayer* grids = source.GetLayerByName("grids")) {
            for (auto& f : *grids) {
                const std::string township = f->GetFieldAsString("township_code");
                const std::string folder = std::string(f->GetFieldAsString("township_name")) + " (" + township + ")";
                auto style = style_of_township.find(township);
                writer.add(writer.folder(folder), f->GetFieldAsString("code"),
                           balloon(*f, {{"code", "网格编码"},
                                        {"village_name", "村/社区"},
                                        {"township_name", "乡镇/街道"},
                                        {"grid_worker", "网格员"},
                                        {"grid_worker_phone", "网格员电话"},
                                        {"village_owner", "村/社区负责人"},
                                        {"village_phone", "村/社区电话"},
                                        {"township_owner", "乡镇/街道负责人"},
                                        {"township_phone", "乡镇/街道电话"},
                                        {"leader", "包联领导"},
                                        {"leader_phone", "包联领导电话"},
                                        {"missing_roles", "缺失责任人"},
                                        {"area_m2", "面积(平方米)"}}),
                           f->GetGeometryRef(), style == style_of_township.end() ? "@outline" : style->second);
            }
            out.push_back({"grids", output, grids->GetFeatureCount()});
        }
        if (OGRLayer* issues = source.GetLayerByName("issues")) {
            OGRLayer& folder = writer.folder("问题");
            for (auto& f : *issues) {
                writer.add(folder, std::string(f->GetFieldAsString("id")) + " " + f->GetFieldAsString("category_name"),
                           balloon(*f, {{"id", "问题编号"},
                                        {"reported_at", "上报时间"},
                                        {"category_name", "问题类别"},
                                        {"description", "问题描述"},
                                        {"grid_code", "网格编码"},
                                        {"village_name", "村/社区"},
                                        {"grid_worker", "网格员"},
                                        {"grid_worker_phone", "网格员电话"},
                                        {"location_status", "定位结果"}}),
                           f->GetGeometryRef(), "@issue");
            }
            out.push_back({"issues", output, issues->GetFeatureCount()});
        }
        geo::GdalMessageCapture capture;
        kml.reset();  // LIBKML writes the file on close
        if (!capture.last_error().empty()) throw OutputError(output, "GDAL could not write the KML: " + capture.last_error());
    }
    if (kmz) {
        geo::StagedFile zipped(output, ".kmz");
        ZipWriter writer(zipped.temporary());
        writer.add_file("doc.kml", staged.temporary());
        writer.close();
        zipped.commit();
    } else {
        staged.commit();
    }
    return out;
}

}  // namespace respgrid::exporters::detail

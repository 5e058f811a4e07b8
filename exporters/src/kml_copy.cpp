// KML for Google Earth and 奥维 on phones, made from the exported GeoPackage: a folder of
// township outlines, the grid workers' areas, then one folder per township holding its grids, each placemark filled in
// its township's colour with a magenta border and a balloon listing the grid's owners and
// phones; then the issues, then the ledger's cases (red when overdue). One shared style per township (a <styleUrl>), not one per
// placemark, keeps a county's file small enough for a phone.
//
// Written here, placemark by placemark, rather than by GDAL's LIBKML driver: libkml wraps any
// text holding & < > ' " in a CDATA section without looking for "]]>" and passes control
// characters through, so one township name could make the whole file unreadable; and it keeps
// the whole document in memory until it is closed. Every element is an XML tree serialised by
// GDAL (xml_tree.hpp), the geometry is OGR's own KML.
#include "kml_copy.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "default_styles.hpp"
#include "layer_fields.hpp"
#include "producer.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/grids/owner_columns.hpp"
#include "xml_tree.hpp"
#include "zip_writer.hpp"

namespace respgrid::exporters::detail {

namespace {

// KML colours are aabbggrr.
std::string kml_colour(const Rgba& c) {
    char text[16];
    std::snprintf(text, sizeof text, "%02x%02x%02x%02x", c.a, c.b, c.g, c.r);
    return text;
}

// A shared <Style>: outline colour and width, fill colour (alpha 0: not filled).
XmlDocument polygon_style(const std::string& id, const Rgba& line, int width_px, const Rgba& fill) {
    XmlDocument style("Style");
    style.root().set("id", id);
    XmlElement line_style = style.root().add("LineStyle");
    line_style.add("color", kml_colour(line));
    line_style.add("width", std::to_string(width_px));
    style.root().add("PolyStyle").add("color", kml_colour(fill));
    return style;
}

// The balloon: one table row per non-empty field, headed by the field's title, in the order
// given. HTML inside a KML description is character data; see XmlElement::add_markup.
XmlDocument balloon(OGRFeature& f, const char* layer, const std::vector<std::string_view>& fields) {
    XmlDocument table("table");
    table.root().set("border", "1").set("cellpadding", "3").set("style", "border-collapse:collapse");
    for (std::string_view field : fields) {
        const int i = f.GetFieldIndex(std::string(field).c_str());
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) continue;
        XmlElement row = table.root().add("tr");
        row.add("th", field_title(layer, field)).set("align", "left");
        row.add("td", f.GetFieldAsString(i));
    }
    return table;
}

// A grid's balloon: where it is, the whole owner chain (grids/owner_columns.hpp), what is missing.
const std::vector<std::string_view>& grid_balloon_fields() {
    static const std::vector<std::string_view> fields = [] {
        std::vector<std::string_view> f{"code", "village_name", "township_name"};
        for (const auto& c : grids::kOwnerColumns) f.push_back(c.name);
        f.insert(f.end(), {"missing_roles", "area_m2"});
        return f;
    }();
    return fields;
}

// An issue's balloon: what, where, and the owners the issues layer carries whom to call first.
const std::vector<std::string_view>& issue_balloon_fields() {
    static const std::vector<std::string_view> fields = [] {
        std::vector<std::string_view> f{"id", "reported_at", "category_name", "description", "grid_code", "village_name"};
        for (const auto& c : grids::kIssueOwnerColumns) f.push_back(c.name);
        f.push_back("location_status");
        return f;
    }();
    return fields;
}

// A grid worker's area's balloon: who, where, how much, and who to call above the worker.
const std::vector<std::string_view>& worker_area_balloon_fields() {
    static const std::vector<std::string_view> fields = [] {
        std::vector<std::string_view> f{"village_name", "township_name"};
        for (const auto& c : grids::kOwnerColumns) f.push_back(c.name);
        f.insert(f.end(), {"grid_count", "area_m2"});
        return f;
    }();
    return fields;
}

// A case's balloon: what, its status against the deadline, where, who fixes it.
const std::vector<std::string_view>& case_balloon_fields() {
    static const std::vector<std::string_view> fields{
        "number",   "status_zh",   "category_name", "deadline", "hours_overdue", "escalation_level", "location",
        "description", "grid_code", "village_name",  "township_name", "responsible", "report_count"};
    return fields;
}

// The KML file, written as it is made: styles, then folders of placemarks.
class KmlFile {
public:
    // `producer` (the program that wrote it, "" for none) goes in as the document's author and
    // description, where Google Earth's Places panel shows them.
    KmlFile(const std::string& path, const std::string& output, const std::string& producer)
        : output_(output), file_(path, std::ios::binary) {
        if (!file_) throw OutputError(output_, "cannot create the KML file");
        write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\" "
              "xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<Document id=\"root_doc\">\n");
        if (!producer.empty()) {
            XmlDocument author("atom:author");
            author.root().add("atom:name", producer);
            XmlDocument description("description");
            description.root().text(export_note(producer));
            write(author.serialized() + description.serialized());
        }
    }

    void write(const std::string& text) {
        if (!file_.write(text.data(), static_cast<std::streamsize>(text.size()))) {
            throw OutputError(output_, "cannot write the KML file (disk full?)");
        }
    }

    void begin_folder(const std::string& name) {
        XmlDocument heading("name");
        heading.root().text(name);
        write("<Folder id=\"f" + std::to_string(folders_++) + "\">\n" + heading.serialized());
    }
    void end_folder() { write("</Folder>\n"); }

    // A placemark of `f` in WGS 84 (`to_wgs84` null: already there).
    void placemark(OGRFeature& f, const std::string& name, const XmlDocument& description, const std::string& style,
                   OGRCoordinateTransformation* to_wgs84) {
        XmlDocument placemark("Placemark");
        placemark.root().add("name", name);
        placemark.root().add_markup("description", description);
        placemark.root().add("styleUrl", "#" + style);
        if (OGRGeometry* g = f.GetGeometryRef()) {
            if (to_wgs84 && g->transform(to_wgs84) != OGRERR_NONE) {
                throw OutputError(output_, "cannot convert placemark " + name + " to WGS 84 longitude/latitude");
            }
            // A one-part multipolygon (most grids) as a plain <Polygon>, as libkml wrote it:
            // simpler for phone apps, and GDAL reads it back as a polygon.
            const auto* parts = dynamic_cast<const OGRGeometryCollection*>(g);
            const OGRGeometry* shape = parts && parts->getNumGeometries() == 1 ? parts->getGeometryRef(0) : g;
            std::unique_ptr<char, decltype(&VSIFree)> kml(shape->exportToKML(), &VSIFree);
            if (!kml) throw OutputError(output_, "cannot write the geometry of placemark " + name);
            placemark.root().raw(kml.get());
        }
        write(placemark.serialized());
    }

    void close() {
        write("</Document>\n</kml>\n");
        file_.close();
        if (file_.fail()) throw OutputError(output_, "cannot write the KML file (disk full?)");
    }

private:
    std::string output_;
    std::ofstream file_;
    int folders_ = 0;
};

// The transformation of `layer`'s coordinates to WGS 84 longitude/latitude; null when the layer
// has no CRS (taken as WGS 84).
std::unique_ptr<OGRCoordinateTransformation> to_wgs84(OGRLayer& layer, const std::string& output) {
    const OGRSpatialReference* srs = layer.GetSpatialRef();
    if (!srs) return nullptr;
    geo::SrsPtr wgs84 = geo::srs_from_epsg(4326);
    std::unique_ptr<OGRCoordinateTransformation> transform(OGRCreateCoordinateTransformation(srs, wgs84.get()));
    if (!transform) throw OutputError(output, std::string("cannot convert layer ") + layer.GetName() + " to WGS 84");
    return transform;
}

// The grids' feature ids by folder ("乡镇 (code)"), folders in the order their first grid comes:
// a township's grids are written together without holding their geometry.
std::vector<std::pair<std::string, std::vector<GIntBig>>> grids_by_township(OGRLayer& grids) {
    std::vector<const char*> ignored{"OGR_GEOMETRY", "OGR_STYLE"};
    OGRFeatureDefn* defn = grids.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const char* name = defn->GetFieldDefn(i)->GetNameRef();
        if (std::string(name) != "township_code" && std::string(name) != "township_name") ignored.push_back(name);
    }
    ignored.push_back(nullptr);
    grids.SetIgnoredFields(ignored.data());
    std::vector<std::pair<std::string, std::vector<GIntBig>>> folders;
    std::map<std::string, std::size_t> index;
    for (auto& f : grids) {
        const std::string folder =
            std::string(f->GetFieldAsString("township_name")) + " (" + f->GetFieldAsString("township_code") + ")";
        auto [it, added] = index.try_emplace(folder, folders.size());
        if (added) folders.push_back({folder, {}});
        folders[it->second].second.push_back(f->GetFID());
    }
    grids.SetIgnoredFields(nullptr);
    return folders;
}

}  // namespace

std::vector<CopiedLayer> write_kml(GDALDataset& source, const std::string& output) {
    // A .kmz is the KML zipped as doc.kml (a tenth of the size, for phones).
    const bool kmz = std::filesystem::path(output).extension() == ".kmz";
    geo::StagedFile staged(output, ".kml");
    std::vector<CopiedLayer> out;
    {
        // The program that wrote it, as the document's author and description.
        KmlFile kml(staged.temporary(), output, producer_of(source));

        // Shared styles: county and township outlines, one fill per township, issues.
        kml.write(polygon_style("outline", {30, 30, 110, 255}, 3, {0, 0, 0, 0}).serialized());
        kml.write(polygon_style("worker_area", {230, 110, 0, 255}, 2, {0, 0, 0, 0}).serialized());
        XmlDocument issue("Style");
        issue.root().set("id", "issue").add("IconStyle").add("color", kml_colour({230, 0, 0, 255}));
        kml.write(issue.serialized());
        for (const auto& [id, colour] : {std::pair{"case", Rgba{30, 120, 230, 255}}, std::pair{"case_overdue", Rgba{230, 0, 0, 255}}}) {
            XmlDocument style("Style");
            style.root().set("id", id).add("IconStyle").add("color", kml_colour(colour));
            kml.write(style.serialized());
        }
        std::map<std::string, std::string> style_of_township;  // code -> "t<i>"
        if (OGRLayer* townships = source.GetLayerByName("townships")) {
            std::size_t i = 0;
            for (auto& f : *townships) {
                const std::string id = "t" + std::to_string(i);
                kml.write(polygon_style(id, {255, 0, 255, 255}, 1, distinct_colour(i, 110)).serialized());
                style_of_township[f->GetFieldAsString("code")] = id;
                ++i;
            }
        }

        for (const char* units : {"county", "townships"}) {
            OGRLayer* layer = source.GetLayerByName(units);
            if (!layer) continue;
            auto transform = to_wgs84(*layer, output);
            kml.begin_folder(std::string(units) == "county" ? "县界" : "乡镇街道");
            for (auto& f : *layer) {
                kml.placemark(*f, f->GetFieldAsString("name"), balloon(*f, units, {"code", "name", "contact", "phone"}),
                              "outline", transform.get());
            }
            kml.end_folder();
            out.push_back({units, output, layer->GetFeatureCount()});
        }
        // The grid workers' areas, outlined (worker_areas.hpp), named by their worker.
        if (OGRLayer* areas = source.GetLayerByName("worker_areas")) {
            auto transform = to_wgs84(*areas, output);
            kml.begin_folder("网格员责任区");
            for (auto& f : *areas) {
                kml.placemark(*f, f->GetFieldAsString("grid_worker"),
                              balloon(*f, "worker_areas", worker_area_balloon_fields()), "worker_area",
                              transform.get());
            }
            kml.end_folder();
            out.push_back({"worker_areas", output, areas->GetFeatureCount()});
        }
        if (OGRLayer* grids = source.GetLayerByName("grids")) {
            auto transform = to_wgs84(*grids, output);
            for (const auto& [folder, fids] : grids_by_township(*grids)) {
                kml.begin_folder(folder);
                for (GIntBig fid : fids) {
                    OGRFeatureUniquePtr f(grids->GetFeature(fid));
                    if (!f) throw OutputError(output, "cannot read back grid feature " + std::to_string(fid));
                    auto style = style_of_township.find(f->GetFieldAsString("township_code"));
                    kml.placemark(*f, f->GetFieldAsString("code"),
                                  balloon(*f, "grids", grid_balloon_fields()),
                                  style == style_of_township.end() ? "outline" : style->second, transform.get());
                }
                kml.end_folder();
            }
            out.push_back({"grids", output, grids->GetFeatureCount()});
        }
        if (OGRLayer* issues = source.GetLayerByName("issues")) {
            auto transform = to_wgs84(*issues, output);
            kml.begin_folder("问题");
            for (auto& f : *issues) {
                kml.placemark(*f, std::string(f->GetFieldAsString("id")) + " " + f->GetFieldAsString("category_name"),
                              balloon(*f, "issues", issue_balloon_fields()),
                              "issue", transform.get());
            }
            kml.end_folder();
            out.push_back({"issues", output, issues->GetFeatureCount()});
        }
        if (OGRLayer* cases = source.GetLayerByName("cases")) {
            auto transform = to_wgs84(*cases, output);
            kml.begin_folder("督办案卷");
            for (auto& f : *cases) {
                const bool overdue = f->GetFieldAsInteger("overdue") != 0;
                kml.placemark(*f,
                              std::string(f->GetFieldAsString("number")) + " " + f->GetFieldAsString("status_zh") +
                                  (overdue ? " 超期" : ""),
                              balloon(*f, "cases", case_balloon_fields()), overdue ? "case_overdue" : "case",
                              transform.get());
            }
            kml.end_folder();
            out.push_back({"cases", output, cases->GetFeatureCount()});
        }
        kml.close();
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

#include "qgis_project.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <atomic>
#include <iomanip>
#include <sstream>

#include "producer.hpp"
#include "qgis_layouts.hpp"
#include "qgis_style_xml.hpp"
#include "respgrid/geo/error.hpp"
#include "xml_tree.hpp"
#include "zip_writer.hpp"

namespace respgrid::exporters::detail {

namespace {

using detail::XmlElement;

// QGIS reads the CRS from the WKT when present and checks it against the authority id.
void add_spatialrefsys(XmlElement parent, const OGRSpatialReference* srs) {
    std::string wkt, proj4, authid, srid, description;
    bool geographic = false;
    if (srs) {
        char* text = nullptr;
        const char* wkt2[] = {"FORMAT=WKT2_2018", nullptr};
        if (srs->exportToWkt(&text, wkt2) == OGRERR_NONE && text) wkt = text;
        CPLFree(text);
        text = nullptr;
        if (srs->exportToProj4(&text) == OGRERR_NONE && text) proj4 = text;
        CPLFree(text);
        const char* name = srs->GetAuthorityName(nullptr);
        const char* code = srs->GetAuthorityCode(nullptr);
        if (name && code) {
            authid = std::string(name) + ":" + code;
            srid = code;
        }
        if (const char* n = srs->GetName()) description = n;
        geographic = srs->IsGeographic();
    }
    XmlElement s = parent.add("spatialrefsys");
    s.add("wkt", wkt);
    s.add("proj4", proj4);
    s.add("srid", srid);
    s.add("authid", authid);
    s.add("description", description);
    s.add("geographicflag", geographic ? "true" : "false");
}

void add_extent(XmlElement parent, const OGREnvelope& e) {
    XmlElement extent = parent.add("extent");
    extent.add("xmin", qgs_number(e.MinX));
    extent.add("ymin", qgs_number(e.MinY));
    extent.add("xmax", qgs_number(e.MaxX));
    extent.add("ymax", qgs_number(e.MaxY));
}

const char* geometry_class(OGRwkbGeometryType t) {
    switch (OGR_GT_Flatten(t)) {
        case wkbPoint:
        case wkbMultiPoint: return "Point";
        case wkbLineString:
        case wkbMultiLineString: return "Line";
        default: return "Polygon";
    }
}

}  // namespace

std::string qgs_number(double v) {
    std::ostringstream s;
    s << std::setprecision(15) << v;
    return s.str();
}

std::string layer_id(const LayerStyle& s) { return "respgrid_" + s.layer; }

std::string layer_source(const ProjectSpec& spec, const LayerStyle& s) {
    return "./" + spec.file_name + "|layername=" + s.layer;
}

std::string project_qgs(const ProjectSpec& spec) {
    XmlDocument qgs("qgis");
    XmlElement root = qgs.root();
    root.set("projectname", spec.title).set("version", "3.22.16-Białowieża");
    root.add("title", spec.title);
    // Project > Properties > Metadata; QGIS takes the project's title from here when present.
    XmlElement metadata = root.add("projectMetadata");
    for (const char* empty : {"identifier", "parentidentifier", "language", "type"}) metadata.add(empty);
    metadata.add("title", spec.title);
    metadata.add("abstract", spec.producer.empty() ? std::string() : export_note(spec.producer));
    metadata.add("links");
    metadata.add("author", spec.producer);
    metadata.add("creation", spec.created);
    add_spatialrefsys(root.add("projectCrs"), spec.srs);
    XmlElement tree = root.add("layer-tree-group");
    for (const auto& l : spec.layers) {
        tree.add("layer-tree-layer")
            .set("id", layer_id(l.style))
            .set("name", l.style.title)
            .set("source", layer_source(spec, l.style))
            .set("providerKey", "ogr")
            .set("checked", "Qt::Checked")
            .set("expanded", l.style.categories.size() > 30 ? "0" : "1");
    }
    XmlElement canvas = root.add("mapcanvas");
    canvas.set("name", "theMapCanvas").set("annotationsVisible", "1");
    canvas.add("units", spec.srs && spec.srs->IsGeographic() ? "degrees" : "meters");
    add_extent(canvas, spec.extent);
    canvas.add("rotation", "0");
    add_spatialrefsys(canvas.add("destinationsrs"), spec.srs);
    XmlElement layers = root.add("projectlayers");
    for (const auto& l : spec.layers) {
        XmlElement layer = layers.add("maplayer");
        layer.set("type", "vector")
            .set("geometry", geometry_class(l.geometry_type))
            .set("wkbType", OGRGeometryTypeToName(l.geometry_type))
            .set("labelsEnabled", l.style.labels ? "1" : "0")
            .set("styleCategories", "AllStyleCategories")
            .set("hasScaleBasedVisibilityFlag", "0");
        add_extent(layer, l.extent);
        layer.add("id", layer_id(l.style));
        layer.add("datasource", layer_source(spec, l.style));
        layer.add("layername", l.style.title);
        add_spatialrefsys(layer.add("srs"), spec.srs);
        layer.add("provider").set("encoding", "UTF-8").text("ogr");
        add_style_elements(layer, l.style);
    }
    add_print_layouts(root, spec);
    // QGIS reads <projectCrs> only when this legacy flag is set.
    XmlElement properties = root.add("properties");
    properties.add("Paths").add("Absolute").set("type", "bool").text("false");
    properties.add("SpatialRefSys").add("ProjectionsEnabled").set("type", "int").text("1");
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + qgs.serialized();
}

std::string zipped_as_hex(const std::string& member, const std::string& content) {
    static std::atomic<int> counter{0};
    const std::string zip = "/vsimem/respgrid_project_" + std::to_string(++counter) + ".qgz";
    {
        ZipWriter writer(zip);
        writer.add(member, content);
        writer.close();
    }
    vsi_l_offset length = 0;
    GByte* bytes = VSIGetMemFileBuffer(zip.c_str(), &length, TRUE);  // takes the buffer, unlinks the file
    std::unique_ptr<GByte, decltype(&VSIFree)> owned(bytes, &VSIFree);
    if (!bytes) throw OutputError(zip, "cannot zip the QGIS project");
    static const char* digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(static_cast<std::size_t>(length) * 2);
    for (vsi_l_offset i = 0; i < length; ++i) {
        hex += digits[bytes[i] >> 4];
        hex += digits[bytes[i] & 15];
    }
    return hex;
}

}  // namespace respgrid::exporters::detail

#include "qgis_project.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <atomic>
#include <iomanip>
#include <sstream>

#include "producer.hpp"
#include "respgrid/geo/error.hpp"
#include "zip_writer.hpp"

namespace respgrid::exporters::detail {

namespace {

std::string number(double v) {
    std::ostringstream s;
    s << std::setprecision(15) << v;
    return s.str();
}

// QGIS reads the CRS from the WKT when present and checks it against the authority id.
std::string spatialrefsys(const OGRSpatialReference* srs) {
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
    std::ostringstream x;
    x << "<spatialrefsys><wkt>" << xml_escaped(wkt) << "</wkt><proj4>" << xml_escaped(proj4) << "</proj4><srid>" << srid
      << "</srid><authid>" << xml_escaped(authid) << "</authid><description>" << xml_escaped(description)
      << "</description><geographicflag>" << (geographic ? "true" : "false") << "</geographicflag></spatialrefsys>";
    return x.str();
}

std::string extent_xml(const char* element, const OGREnvelope& e) {
    return std::string("<") + element + "><xmin>" + number(e.MinX) + "</xmin><ymin>" + number(e.MinY) +
           "</ymin><xmax>" + number(e.MaxX) + "</xmax><ymax>" + number(e.MaxY) + "</ymax></" + element + ">";
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

// Layer ids must be unique in the project and stable between exports.
std::string layer_id(const LayerStyle& s) { return "respgrid_" + s.layer; }

}  // namespace

std::string project_qgs(const ProjectSpec& spec) {
    const std::string srs = spatialrefsys(spec.srs);
    std::ostringstream x;
    x << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis projectname=\"" << xml_escaped(spec.title) << "\" version=\"3.22.16-Białowieża\">\n"
      << "<title>" << xml_escaped(spec.title) << "</title>\n"
      // Project > Properties > Metadata; QGIS takes the project's title from here when present.
      << "<projectMetadata><identifier></identifier><parentidentifier></parentidentifier><language></language>"
      << "<type></type><title>" << xml_escaped(spec.title) << "</title><abstract>"
      << (spec.producer.empty() ? "" : xml_escaped(export_note(spec.producer))) << "</abstract><links/><author>"
      << xml_escaped(spec.producer) << "</author><creation>" << xml_escaped(spec.created)
      << "</creation></projectMetadata>\n"
      << "<projectCrs>" << srs << "</projectCrs>\n<layer-tree-group>\n";
    for (const auto& l : spec.layers) {
        const std::string source = "./" + spec.file_name + "|layername=" + l.style.layer;
        x << "<layer-tree-layer id=\"" << layer_id(l.style) << "\" name=\"" << xml_escaped(l.style.title)
          << "\" source=\"" << xml_escaped(source) << "\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\""
          << (l.style.categories.size() > 30 ? 0 : 1) << "\"/>\n";
    }
    x << "</layer-tree-group>\n"
      << "<mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\"><units>"
      << (spec.srs && spec.srs->IsGeographic() ? "degrees" : "meters") << "</units>"
      << extent_xml("extent", spec.extent) << "<rotation>0</rotation><destinationsrs>" << srs
      << "</destinationsrs></mapcanvas>\n<projectlayers>\n";
    for (const auto& l : spec.layers) {
        const std::string source = "./" + spec.file_name + "|layername=" + l.style.layer;
        x << "<maplayer type=\"vector\" geometry=\"" << geometry_class(l.geometry_type) << "\" wkbType=\""
          << OGRGeometryTypeToName(l.geometry_type) << "\" labelsEnabled=\"" << (l.style.labels ? 1 : 0)
          << "\" styleCategories=\"AllStyleCategories\" hasScaleBasedVisibilityFlag=\"0\">"
          << extent_xml("extent", l.extent) << "<id>" << layer_id(l.style) << "</id><datasource>"
          << xml_escaped(source) << "</datasource><layername>" << xml_escaped(l.style.title) << "</layername><srs>"
          << srs << "</srs><provider encoding=\"UTF-8\">ogr</provider>" << style_elements(l.style)
          << "</maplayer>\n";
    }
    x << "</projectlayers>\n"
      // QGIS reads <projectCrs> only when this legacy flag is set.
      << "<properties><Paths><Absolute type=\"bool\">false</Absolute></Paths>"
      << "<SpatialRefSys><ProjectionsEnabled type=\"int\">1</ProjectionsEnabled></SpatialRefSys></properties>\n"
      << "</qgis>\n";
    return x.str();
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

#include "producer.hpp"

#include "respgrid/exporters/qgis_style.hpp"
#include "respgrid/geo/error.hpp"

namespace respgrid::exporters::detail {

namespace {
constexpr const char* kProducerItem = "PRODUCER";
}

std::string export_note(const std::string& producer) { return "Exported by " + producer; }

void record_producer(GDALDataset& gpkg, const std::string& path, const std::string& producer) {
    geo::GdalMessageCapture capture;
    bool ok = gpkg.SetMetadataItem(kProducerItem, producer.c_str()) == CE_None;
    // GDAL's GeoPackage driver writes a table's DESCRIPTION item into gpkg_contents.description.
    for (int i = 0; ok && i < gpkg.GetLayerCount(); ++i) {
        ok = gpkg.GetLayer(i)->SetMetadataItem("DESCRIPTION", export_note(producer).c_str()) == CE_None;
    }
    if (!ok || !capture.last_error().empty()) {
        throw OutputError(path, "exporters: cannot record the producer: " + capture.last_error());
    }
}

std::string producer_of(GDALDataset& gpkg) {
    const char* item = gpkg.GetMetadataItem(kProducerItem);
    return item ? item : "";
}

std::string qmd_document(const std::string& title, const std::string& abstract) {
    // As QGIS writes it (Layer Properties > Metadata > Save); QGIS 3.22 reads every element as optional.
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.16-Białowieża\">\n"
           "  <identifier></identifier>\n  <parentidentifier></parentidentifier>\n  <language></language>\n"
           "  <type>dataset</type>\n  <title>" + xml_escaped(title) + "</title>\n  <abstract>" + xml_escaped(abstract) +
           "</abstract>\n  <links/>\n</qgis>\n";
}

}  // namespace respgrid::exporters::detail

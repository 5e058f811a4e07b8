#include "producer.hpp"

#include "respgrid/geo/error.hpp"
#include "xml_tree.hpp"

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
    XmlDocument qmd("qgis");
    XmlElement root = qmd.root();
    root.set("version", "3.22.16-Białowieża");
    for (const char* empty : {"identifier", "parentidentifier", "language"}) root.add(empty);
    root.add("type", "dataset");
    root.add("title", title);
    root.add("abstract", abstract);
    root.add("links");
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + qmd.serialized();
}

}  // namespace respgrid::exporters::detail

#pragma once
// Which program wrote an export ("respgrid 0.1.0 (git 0a65d117628c)", from `respgrid --version`),
// recorded where each format keeps such a note and where its users look:
//   GeoPackage  the dataset item PRODUCER (ogrinfo's "Metadata:") and each table's description
//               (gpkg_contents.description: QGIS shows it as the layer's Abstract), and the
//               stored QGIS project's author and abstract (Project > Properties > Metadata);
//   GeoJSON     the collection's "description" member;   vector tiles: metadata.json's description;
//   KML         the document's <atom:author> and <description> (Google Earth's Places panel);
//   shp, geojson, fgb folders: NAME.qmd beside NAME.shp, the layer metadata QGIS reads on opening.
// CSV has no place for it (a comment line would break Excel and every CSV reader). Map PDFs name
// it as their Creator (MapOptions::producer).
// The copies are made from the GeoPackage, which carries the producer to them (producer_of).

#include <string>

#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters::detail {

// "Exported by <producer>": the abstract / description text.
std::string export_note(const std::string& producer);

// Records `producer` in a GeoPackage open for update (outside a transaction): the dataset item
// and the description of every table in it now. Throws OutputError naming `path`.
void record_producer(GDALDataset& gpkg, const std::string& path, const std::string& producer);

// The producer recorded in a GeoPackage; "" when none was.
std::string producer_of(GDALDataset& gpkg);

// A QGIS layer metadata document (.qmd) with a title and an abstract.
std::string qmd_document(const std::string& title, const std::string& abstract);

}  // namespace respgrid::exporters::detail

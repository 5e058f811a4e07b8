#pragma once
// The project's layers in the other formats county offices use, made from the exported
// GeoPackage with GDAL's vector translation (one source of truth for fields and geometry):
//   shp      a folder, one shapefile per layer, UTF-8 with a .cpg, field names cut to the
//            Shapefile's 10 characters by GDAL; the mapping actually written is listed in
//            fields.csv beside them (layer, field, shapefile field);
//   geojson  a folder, one RFC 7946 file per layer (WGS 84 lon/lat, as the RFC requires);
//   fgb      a folder, one FlatGeobuf file per layer (with its spatial index);
//            these three get the layer's QGIS style as NAME.qml beside NAME.shp/.geojson/.fgb
//            (with the shapefile's field names), which QGIS applies when it opens the file, and
//            NAME.qmd, its metadata naming the program that exported it (src/producer.hpp);
//   csv      a folder, one CSV per layer, UTF-8 with a BOM (Excel), geometry as WKT, text cells
//            that would start a formula quoted for Excel (csv.hpp); headed by the fields' names
//            or their Chinese titles;
//   mvt      a folder of Mapbox vector tiles z/x/y.pbf (zooms 8-14, Web Mercator) with every layer,
//            and GDAL's metadata.json, for a web map.
//   kml      one file (LIBKML): township outlines, a folder of grids per township filled in the
//            township's colour with a balloon of owners and phones, the issues; WGS 84. A name
//            ending in .kmz gives the zipped file (about a tenth of the size).
// The folder (or KML file) is staged beside and moved into place only once every layer is
// written; an existing folder is replaced only when respgrid made it (geo/output_files.hpp, which
// the caller asks first with geo::check_output).

#include <optional>
#include <string>
#include <vector>

#include "respgrid/exporters/table_sink.hpp"

namespace respgrid::exporters {

enum class CopyFormat { Shapefile, GeoJson, FlatGeobuf, Csv, VectorTiles, Kml };

// "shp", "geojson", "fgb", "csv", "mvt", "kml"; nullopt otherwise.
std::optional<CopyFormat> parse_copy_format(const std::string& name);

struct CopiedLayer {
    std::string layer;
    std::string path;
    long long features = 0;
};

// Writes every layer of `gpkg` into the folder `output` in `format`; `headers`: the CSV files'
// header row (the fields' names or their Chinese titles, layer_fields.hpp). Throws OutputError.
std::vector<CopiedLayer> copy_layers(const std::string& gpkg, const std::string& output, CopyFormat format,
                                     Headers headers = Headers::En);

}  // namespace respgrid::exporters

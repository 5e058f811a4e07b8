#pragma once
// A QGIS project (.qgs XML) showing layers of one GeoPackage, and the packing QGIS expects in
// a GeoPackage's qgis_projects table (a .qgz zip, as lowercase hex text).

#include <string>
#include <vector>

#include "respgrid/exporters/qgis_style.hpp"
#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters::detail {

struct ProjectLayer {
    LayerStyle style;                    // table name, title, symbols and labels
    OGRwkbGeometryType geometry_type{};  // the layer's, e.g. wkbMultiPolygon
    OGREnvelope extent;
};

struct ProjectSpec {
    std::string title;
    std::string file_name;                 // the GeoPackage's name, referenced as ./file_name
    const OGRSpatialReference* srs = nullptr;
    std::vector<ProjectLayer> layers;      // top of the map first
    OGREnvelope extent;                    // what the map canvas shows when opened
    std::string producer;                  // the program that wrote it: the project's author; "" for none
    std::string created;                   // ISO 8601 (with its zone), the project's creation time
};

std::string project_qgs(const ProjectSpec& spec);

// A number as the project writes it (15 significant digits).
std::string qgs_number(double v);
// The layer's id in the project: unique in it and stable between exports.
std::string layer_id(const LayerStyle& s);
// Where the project finds the layer: "./FILE.gpkg|layername=LAYER", beside the project's file.
std::string layer_source(const ProjectSpec& spec, const LayerStyle& s);

// `content` zipped as the single member `member`, then written as lowercase hex digits.
std::string zipped_as_hex(const std::string& member, const std::string& content);

}  // namespace respgrid::exporters::detail

#pragma once
// Writes a GeoPackage the safe way: into a staged file beside `path`, in one transaction,
// renamed over `path` only when everything was written; GDAL's errors become OutputError. After
// the body, the producer (when given, producer.hpp) and the QGIS styles and project
// (qgis_gpkg.hpp) are added. Every GeoPackage respgrid writes goes through here.

#include <functional>
#include <string>

#include "geometry_out.hpp"
#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters::detail {

using GpkgBody = std::function<void(GDALDataset& ds, const OGRSpatialReference* srs, const GeometryOut& out)>;

// `opens_on`: the layer whose extent the QGIS project opens on (qgis_gpkg.hpp).
void write_staged_gpkg(const std::string& path, const geo::Crs& working_crs, int target_epsg, const GpkgBody& body,
                       const std::string& producer = {}, const std::string& opens_on = "county");

}  // namespace respgrid::exporters::detail

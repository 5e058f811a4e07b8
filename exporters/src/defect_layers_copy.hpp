#pragma once
// The latest audit's defect layers (a GeoPackage written by write_defects_gpkg and kept in the
// project) copied into the deliverable: every non-empty layer with its fields, Chinese titles
// and features, reprojected when the export asks for another CRS than the audit's EPSG:4490.

#include <cstdint>
#include <span>
#include <string>

#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters::detail {

// `defects_gpkg` is the GeoPackage's bytes, read in place. Returns the number of features
// copied. Throws OutputError naming `path` (the export).
std::size_t copy_defect_layers(GDALDataset& target, const std::string& path, const OGRSpatialReference* srs,
                               std::span<const std::uint8_t> defects_gpkg);

}  // namespace respgrid::exporters::detail

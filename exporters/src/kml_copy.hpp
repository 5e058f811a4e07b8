#pragma once
// The exported GeoPackage as one KML file (Google Earth, 奥维): township outlines, a folder of
// grids per township with owner balloons, the issues.

#include <string>
#include <vector>

#include "respgrid/exporters/format_copy.hpp"
#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters::detail {

// Writes (replaces) `output` atomically; throws OutputError.
std::vector<CopiedLayer> write_kml(GDALDataset& source, const std::string& output);

}  // namespace respgrid::exporters::detail

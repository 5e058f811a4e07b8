#pragma once
// The responsibility layers (road sections 路长制, shop frontages 门前三包, institutions...) as
// one GeoPackage layer `responsibility`: each feature's area in its layer with the owner who
// answers there, the categories it answers for and its validity.

#include <span>
#include <string>

#include "geometry_out.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/responsibility.hpp"

namespace respgrid::exporters::detail {

// Returns the number of features written.
std::size_t write_responsibility_layer(GDALDataset& ds, const std::string& path, const OGRSpatialReference* srs,
                                       const GeometryOut& out, std::span<const grids::ResponsibilityLayer> layers,
                                       std::span<const grids::ResponsibilityFeature> features,
                                       const grids::Directory& directory);

}  // namespace respgrid::exporters::detail

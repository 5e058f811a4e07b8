#pragma once
// The styles respgrid's layers open with in QGIS, made from what a dataset holds: the categories
// (townships of the grids, categories of the issues, responsibility layers) are the distinct
// values found in the dataset (the grids' townships read from the townships layer), so a style
// lists only units and categories the file has; and its aliases are the titles (layer_fields.hpp)
// of the fields the layer has.

#include <string>
#include <vector>

#include "respgrid/exporters/qgis_style.hpp"
#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters::detail {

// One style per layer of `ds` that respgrid knows by name (county, townships, villages, worker_areas,
// grids, responsibility, issues, cases and the audit's defect layers), in the order the layers should be
// stacked in a map, top first. Unknown layers get none.
std::vector<LayerStyle> default_styles(GDALDataset& ds);

// The i-th of n colours, spread around the hue circle so that neighbours in the list differ.
Rgba distinct_colour(std::size_t i, int alpha);

}  // namespace respgrid::exporters::detail

#pragma once
// The labels of a township sheet's grids: each worker's name on the worker's area, and the grid
// sequence in every grid it fits.

#include "map_cairo.hpp"
#include "map_labels.hpp"
#include "map_township_grids.hpp"

namespace respgrid::exporters::map {

// A worker's name on one of the worker's grids nearest the area's middle, where the whole label
// lies on that worker's grids and meets no placed label.
void place_owner_names(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const PageTransform& t);

// The grid's sequence (its code after the village code) where the label fits inside the grid.
void place_grid_labels(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const PageTransform& t,
                       const geo::Envelope& view);

}  // namespace respgrid::exporters::map

#pragma once
// The labels of a township sheet's grids: each worker's name on the worker's area, and the grid
// sequence in every grid it fits.

#include <span>
#include <string>
#include <vector>

#include "map_cairo.hpp"
#include "map_labels.hpp"
#include "map_township_grids.hpp"

namespace respgrid::exporters::map {

// The worker's name centred on the first of `candidates` (grids) where the whole label lies on
// that worker's grids and meets no placed label; whether it was placed.
bool place_owner_name(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const OwnerGroup& group,
                      std::span<const std::size_t> candidates, const PageTransform& t);

// The `count` of `grids` whose envelope centres lie nearest `to`, nearest first.
std::vector<std::size_t> nearest_grids(const TownshipGrids& tg, std::vector<std::size_t> grids, const geo::XY& to,
                                       std::size_t count);

// A worker's name on one of the worker's grids nearest the area's middle, where the whole label
// lies on that worker's grids and meets no placed label.
void place_owner_names(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const PageTransform& t);

// The number a grid carries on the sheets: its code after the village code (the whole code when
// it does not start with it).
std::string grid_sequence(const grids::GridCell& cell);

// The grid's sequence (its code after the village code) where the label fits inside the grid.
void place_grid_labels(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const PageTransform& t,
                       const geo::Envelope& view);

}  // namespace respgrid::exporters::map

#pragma once
// How every sheet with grids paints them: one fill per grid worker (hatched for grids nobody
// patrols), magenta grid outlines, dark lines where two workers' areas meet. The township sheet
// and the worker and village sheets share it, so a grid looks the same on all of them.

#include <span>
#include <vector>

#include "map_cairo.hpp"
#include "map_draw.hpp"
#include "map_township_grids.hpp"

namespace respgrid::exporters::map {

// Fills the grids meeting `view` with their worker's colour (`colours[owner]`), then outlines them.
void fill_grids(cairo_t* cr, const TownshipGrids& tg, const std::vector<RgbColour>& colours, const PageTransform& t,
                const geo::Envelope& view);

// Where one worker's area meets another's: the line a worker's patrol stops at. `groups[i]` is
// grid i's owner.
void stroke_worker_borders(cairo_t* cr, const TownshipGrids& tg, std::span<const std::size_t> groups,
                           const PageTransform& t);

// The same borders, computed once (group_borders) for the many sheets of one township.
void stroke_borders(cairo_t* cr, const std::vector<Polyline>& borders, const PageTransform& t);

}  // namespace respgrid::exporters::map

#pragma once
// The names of imported roads, railways and rivers, printed along them on worker and village
// sheets (area_sheet.hpp).

#include <cstddef>
#include <span>

#include "map_cairo.hpp"
#include "map_labels.hpp"
#include "map_layers.hpp"

namespace respgrid::exporters::map {

// Places each named line's name horizontally, centred on a point of the line where it meets no
// label already placed (grid numbers go first and are never displaced): first from the middle of
// the line's longest stretch on the page outwards, then again every so far along a long line.
// Lines that share a name (a road imported in pieces) are one; rivers are named first, then main
// roads, railways and minor roads. A name with no free spot is left out. Returns how many labels
// it placed.
std::size_t place_line_names(TextPen& pen, LabelPlacer& placer, std::span<const PlainLine> lines,
                             const PageTransform& t, const PageBox& frame);

}  // namespace respgrid::exporters::map

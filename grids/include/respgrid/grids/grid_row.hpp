#pragma once
// One grid of a generation as it is streamed from the store (store::Project::for_each_grid_row):
// what the export writes of a grid, as views into the reader's row. A million grids pass through
// one of these in turn instead of being held as GridCells with their owner chains.

#include <functional>
#include <span>
#include <string_view>

#include "respgrid/geo/xy.hpp"

namespace respgrid::grids {

struct GridRowView {
    std::string_view code;
    std::string_view name;
    std::string_view village_code;
    std::string_view township_code;
    double area_m2 = 0.0;
    double weight = 0.0;
    bool dedicated = false;
    std::string_view label;
    std::span<const geo::PolygonRings> polygons;  // working CRS; valid during the call only
};

// Calls its argument with every grid of a generation, in code order (village by village).
using GridRowVisitor = std::function<void(const GridRowView&)>;
using GridRowSource = std::function<void(const GridRowVisitor&)>;

}  // namespace respgrid::grids

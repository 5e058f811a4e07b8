#include "respgrid/grids/grid_cell.hpp"

#include <algorithm>

namespace respgrid::grids {

geo::Geometry GridCell::shape() const { return geo::Geometry::from_wkb(wkb); }

void GridCell::set_shape(const geo::Geometry& shape) {
    wkb = shape.to_wkb();
    envelope = shape.envelope();
}

const GridCell* find_cell(std::span<const GridCell> cells, std::string_view code) {
    auto it = std::lower_bound(cells.begin(), cells.end(), code,
                               [](const GridCell& c, std::string_view k) { return c.code < k; });
    return it != cells.end() && it->code == code ? &*it : nullptr;
}

}  // namespace respgrid::grids

#include "respgrid/grids/grid_cell.hpp"

namespace respgrid::grids {

geo::Geometry GridCell::shape() const { return geo::Geometry::from_wkb(wkb); }

void GridCell::set_shape(const geo::Geometry& shape) {
    wkb = shape.to_wkb();
    envelope = shape.envelope();
}

}  // namespace respgrid::grids

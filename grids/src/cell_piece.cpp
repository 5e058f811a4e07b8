#include "respgrid/grids/cell_piece.hpp"

namespace respgrid::grids {

geo::XY interior_point(const geo::Geometry& g) {
    geo::Envelope e = g.point_on_surface().envelope();  // a point's envelope is the point
    return {e.min_x, e.min_y};
}

}  // namespace respgrid::grids

#include "respgrid/grids/cell_piece.hpp"

namespace respgrid::grids {

geo::Geometry& CellPiece::ensure_geometry() {
    if (geometry.is_null() && box) geometry = geo::Geometry::rectangle(box->min_x, box->min_y, box->max_x, box->max_y);
    return geometry;
}

double CellPiece::area() const {
    if (geometry.is_null() && box) return (box->max_x - box->min_x) * (box->max_y - box->min_y);
    return geometry.area();
}

geo::Envelope CellPiece::envelope() const { return geometry.is_null() && box ? *box : geometry.envelope(); }

std::vector<std::uint8_t> CellPiece::to_wkb() const {
    if (geometry.is_null() && box) return geo::rectangle_wkb(*box);
    return geometry.to_wkb();
}

geo::XY interior_point(const geo::Geometry& g) {
    geo::Envelope e = g.point_on_surface().envelope();  // a point's envelope is the point
    return {e.min_x, e.min_y};
}

}  // namespace respgrid::grids

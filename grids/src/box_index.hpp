#pragma once
// The bounding-box R-tree the audit and the repair index polygons with: entries are an
// envelope and the polygon's index in the caller's list.

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <cstddef>
#include <utility>

#include "respgrid/geo/xy.hpp"

namespace respgrid::grids::detail {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using BPoint = bg::model::d2::point_xy<double>;
using BBox = bg::model::box<BPoint>;
using BoxEntry = std::pair<BBox, std::size_t>;
using BoxTree = bgi::rtree<BoxEntry, bgi::rstar<16>>;

inline BBox to_box(const geo::Envelope& e, double grow = 0.0) {
    return BBox(BPoint(e.min_x - grow, e.min_y - grow), BPoint(e.max_x + grow, e.max_y + grow));
}

}  // namespace respgrid::grids::detail

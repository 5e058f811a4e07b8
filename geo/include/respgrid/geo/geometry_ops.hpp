#pragma once
// GEOS-backed helpers beyond the core of geometry.hpp: reading linework back as plain coordinates.
//
// Same rules as geometry.hpp: the calling thread's GEOS context, failures become GeometryError
// with GEOS's message. Results are plain values owned by the caller.

#include <vector>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::geo {

// The coordinates of every LineString and LinearRing in `g`, in stored order, one entry per
// line; multi-geometries and collections are searched recursively, in part order. Points and
// polygons are skipped (Geometry::polygons() gives the rings of polygons). Empty lines are left
// out. Used to run exact segment tests (half_open.hpp's orientation) on roads and rivers.
std::vector<std::vector<XY>> linestring_coordinates(const Geometry& g);

}  // namespace respgrid::geo

#pragma once
// Point-in-polygon with a half-open boundary rule, so that a point on an edge or vertex shared
// by several polygons of a tiling belongs to exactly one of them.
//
// The rule (a crossing-number test with a fixed tie-break, in the spirit of S2's SEMI_OPEN
// vertex model):
//   * a point on a non-horizontal edge belongs to the polygon on the edge's EAST side;
//   * a point on a horizontal edge belongs to the polygon on its NORTH side;
//   * a point on a vertex follows from the same two rules (the polygon to the north-east).
// It holds exactly when neighbouring polygons share identical edge coordinates (as respgrid's
// grid cutter produces). Each edge is evaluated in a canonical direction (lower y first), with
// an exact orientation test, so both polygons sharing an edge reach the same decision.

#include <span>

#include "respgrid/geo/xy.hpp"

namespace respgrid::geo {

// Sign of the turn a -> b -> p: +1 when p is left of a->b, -1 when right, 0 when collinear.
// Exact: a fast floating-point filter, then GEOS's robust (double-double) orientation index.
int orientation(XY a, XY b, XY p);

// True when p belongs to the polygon(s) under the half-open rule above. Rings of all polygons
// count together (even-odd), so holes and multi-polygons work.
bool half_open_contains(std::span<const PolygonRings> polygons, XY p);

}  // namespace respgrid::geo

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

#include <cstdint>
#include <span>
#include <vector>

#include "respgrid/geo/xy.hpp"

namespace respgrid::geo {

// Sign of the turn a -> b -> p: +1 when p is left of a->b, -1 when right, 0 when collinear.
// Exact: a fast floating-point filter, then GEOS's robust (double-double) orientation index.
int orientation(XY a, XY b, XY p);

// True when p belongs to the polygon(s) under the half-open rule above. Rings of all polygons
// count together (even-odd), so holes and multi-polygons work.
bool half_open_contains(std::span<const PolygonRings> polygons, XY p);

// Does the ray from p towards +x cross edge (a, b) under the half-open rule? The parity of the
// crossings over all edges is half_open_contains.
bool half_open_crosses(XY a, XY b, XY p);

// half_open_contains for one large area (a county outline of tens of thousands of vertices)
// asked about many points: the edges are sorted into horizontal bands, and a point's ray is
// tested only against the edges of its band, which are the only ones it can cross. Same answer
// as half_open_contains for every point; const and thread-safe.
class HalfOpenArea {
public:
    explicit HalfOpenArea(std::span<const PolygonRings> polygons);
    [[nodiscard]] bool contains(XY p) const;
    [[nodiscard]] bool empty() const { return edges_.empty(); }

private:
    struct Edge {
        XY lo;  // lower end (smaller y)
        XY hi;
    };
    std::vector<Edge> edges_;              // every non-horizontal edge, grouped by band
    std::vector<std::uint32_t> band_end_;  // edges of band b: [band_end_[b-1], band_end_[b])
    double min_y_ = 0.0;
    double band_height_ = 1.0;
};

}  // namespace respgrid::geo

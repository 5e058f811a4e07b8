#pragma once
// Inserting vertices into polygon edges, deterministically for shared edges.
//
// Neighbouring polygons of a tiling traverse their shared edges in opposite directions. Points
// inserted into an edge are therefore computed on the edge's canonical direction (from the
// lexicographically smaller end point) and reversed where the ring runs the other way, so both
// neighbours receive bit-identical vertices and still share the edge exactly.

#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/geo/linework.hpp"  // Segment, proper_crossing

namespace respgrid::geo {

// Points to insert strictly between a and b, ordered from a to b; a < b lexicographically.
using SegmentSplitter = std::function<std::vector<XY>(XY a, XY b)>;

// Every ring of `polygonal` with the splitter's points inserted into each segment.
Geometry split_segments(const Geometry& polygonal, const SegmentSplitter& between);

// The segments of every ring of a polygonal geometry (or of every line of a linear one).
std::vector<Segment> segments_of(const Geometry& g);

// Every ring of `polygonal` with a vertex inserted where one of its segments properly crosses one
// of `cutters` (at geo::proper_crossing, which is symmetric and direction-independent). Applied to two layers against each other (villages against institutions, hexes
// against a village), both get the very same crossing vertices, so their overlay meets at shared
// vertices instead of two intersections computed separately a rounding error apart.
Geometry split_at_crossings(const Geometry& polygonal, std::span<const Segment> cutters);

// Every ring of `polygonal` with each of `points` that lies within `tolerance` of a segment's
// interior inserted into that segment. Used to make a polygon share the vertices its neighbours
// put on their common boundary (T-junctions from separately cut neighbours). A point within
// `tolerance` of a segment's end is that end drawn twice and is not inserted: it lies within the
// tolerance of both segments meeting there, and inserting it into both would make a spike
// (p, vertex, p) and the polygon invalid.
Geometry insert_points_on_edges(const Geometry& polygonal, std::span<const XY> points, double tolerance);

// At most this many parts per segment in densify(): 100° of longitude at the importer's 0.001°.
inline constexpr long long kMaxDensifyPointsPerSegment = 100'000;

// No segment longer than `max_length` (in the geometry's units): a segment is cut into
// ceil(length / max_length) equal parts. Used before a non-linear transformation, so that an
// edge that is straight in the source CRS follows its true path in the target CRS. Works on
// polygons (rings) and on lines. A segment that would need more than
// kMaxDensifyPointsPerSegment parts (or whose length is not finite) is a coordinate error:
// GeometryError, before anything is allocated for it.
Geometry densify(const Geometry& g, double max_length);

}  // namespace respgrid::geo

#pragma once
// Inserting vertices into polygon edges, deterministically for shared edges.
//
// Neighbouring polygons of a tiling traverse their shared edges in opposite directions. Points
// inserted into an edge are therefore computed on the edge's canonical direction (from the
// lexicographically smaller end point) and reversed where the ring runs the other way, so both
// neighbours receive bit-identical vertices and still share the edge exactly.

#include <functional>
#include <vector>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::geo {

// Points to insert strictly between a and b, ordered from a to b; a < b lexicographically.
using SegmentSplitter = std::function<std::vector<XY>(XY a, XY b)>;

// Every ring of `polygonal` with the splitter's points inserted into each segment.
Geometry split_segments(const Geometry& polygonal, const SegmentSplitter& between);

// No segment longer than `max_length` (in the geometry's units): a segment is cut into
// ceil(length / max_length) equal parts. Used before a non-linear transformation, so that an
// edge that is straight in the source CRS follows its true path in the target CRS.
Geometry densify(const Geometry& polygonal, double max_length);

}  // namespace respgrid::geo

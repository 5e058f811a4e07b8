#pragma once
// The `blocks` grid method: a village cut into road-bounded blocks (街区), sized towards the
// 城管 unit grid (万米单元网格, about 10,000 m²; DOMAIN.md §1.2), so that grids follow roads,
// railways and rivers.
//
// cut_blocks(village, lines, options), with target T, tolerance τ, lo = T·(1−τ), hi = T·(1+τ),
// s = √T (working CRS, metres):
//
//  1. Faces. The village rings get a vertex at every crossing with the square grid of size s
//     (densify_at_grid_lines) and at every contact with a line (geo::clip_lines, exact and
//     canonical). The line pieces inside the village are noded among themselves by GEOS and
//     polygonized with the ring segments, which GEOS never moves: the faces (blocks) tile the
//     village exactly (sum of areas == village area to rounding, no overlaps). Dangles and lines
//     that close no face disappear, lines outside the village or running along its rings are
//     ignored, faces of zero area are dropped. A line that GEOS's noder had to move onto a ring
//     (its snapping fallback for nearly coincident lines) is left out. Faces are then densified
//     at the grid lines too (both faces sharing an edge get the same points) and taken in a
//     canonical order (by interior point), not in GEOS's order.
//  2. Strength. A segment shared by two blocks carries the strength of the strongest line it
//     lies on (within 1e-6 m; LineKind: minor road < main road < rail < river); a segment on no
//     line counts as weakest (below minor road). The border between two blocks carries the
//     strength of its strongest segment (merging removes all of it) and its total length.
//  3. Merge. While a block with a neighbour is smaller than lo, the smallest (ties: lowest
//     anchor x, then y) is merged into the neighbour chosen by, in order: the weakest border;
//     a result not larger than hi; the longest border; the lowest anchor x, then y. A small
//     block is merged even if every result exceeds hi; a block without neighbours (an island
//     part of the village, or a village smaller than lo) stays as it is. Neighbours share a
//     border of positive length; touching at a point does not count. Blocks sharing exact
//     edges are united by GEOS coverage union, which adds no vertex.
//  4. Split. A block larger than hi is cut along the square grid of size s aligned to the CRS
//     origin (cell (i, j) = [i·s, (i+1)·s) × [j·s, (j+1)·s), as in square_grid.hpp), each
//     connected part of a square being one piece. Pieces smaller than lo are then merged (the
//     smallest first, ties as above) into the neighbouring piece of the same block with the
//     longest shared border (ties: lowest anchor x, then y).
//  5. Output. One CellPiece per block or piece: its Polygon (GEOS normal form), anchor =
//     interior_point(), row = band_of(anchor, s), column = 0. Ordered for numbering: rows
//     north->south, then anchor x ascending, then anchor y descending.
//
// Exactness across villages. Neighbouring villages are cut independently and still tile, edge
// for edge: every vertex on a village border is a vertex of the village ring, a grid-line
// crossing or a line contact, each computed from the canonical border segment and the line
// alone (contacts closer than geo::kContactTolerance = 1e-6 m count as one; see
// geo::clip_lines). This holds when both villages receive every line that comes within 1e-6 m
// of their shared border (passing the lines whose envelope, widened by 1e-6 m or more, meets
// the village's envelope does that) and share their border edges exactly (as the importer's
// densification provides). Lines running along a border are dropped on both sides.
// Inside a village, faces and grid pieces share their edges vertex for vertex as well. A
// crossing point is rounded, and a line vertex within 1e-6 m of a border is put on it, so a
// piece may stick out of the input village by that much (areas agree to about 1e-6 m² per
// contact); both neighbours move the border identically.
//
// Cost: about 1 ms for a village with a few dozen blocks; a 3 km village crossed by 12,000 line
// segments takes about a second (polygonizing and uniting dominate).
//
// Deterministic: the same input gives the same pieces, in the same order, with the same
// coordinates (no randomness, no hashing, no pointer order). Single-threaded per call; calls for
// different villages may run on different threads (each thread has its own GEOS context).

#include <span>
#include <vector>

#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/grids/lines.hpp"

namespace respgrid::grids {

struct BlockOptions {
    double target_area_m2 = 10000.0;  // 城管 unit grid
    double tolerance = 0.5;           // acceptable: [target*(1-tolerance), target*(1+tolerance)]
};

// Cuts one village into road-bounded blocks as described above. `lines` are the roads, rivers
// and railways near the village, in the working CRS: the caller passes those whose envelope,
// widened by geo::kContactTolerance (or more), meets the village's; lines farther away are
// harmless but cost time. The village must be a valid (Multi)Polygon in a metric CRS; an empty
// village gives no pieces. Throws std::invalid_argument when the target is not a positive
// finite number or the tolerance is outside [0, 1], and GeometryError when GEOS fails or the
// blocks do not tile the village (a defect, reported with the village code).
std::vector<CellPiece> cut_blocks(const AdminUnit& village, std::span<const LineFeature> lines,
                                  const BlockOptions& options);

}  // namespace respgrid::grids

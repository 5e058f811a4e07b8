#pragma once
// Line work: building faces from lines (node, polygonize), and clipping lines to a polygon so
// that neighbouring polygons which are clipped independently still agree to the last bit.
//
// Exactness. Two polygons sharing an edge (two villages) each clip the same roads. If each let
// GEOS compute where a road crosses their shared edge, the two answers could differ in the last
// bits and faces built on either side would leave slivers. clip_lines() therefore computes
// every contact between a line and a ring itself, as a function of the *canonical* ring segment
// (end points ordered lexicographically, as split_segments() does) and the canonical line
// segment, inserts that point into the ring with split_segments() and into the line; the lines
// it returns then meet the ring only at ring vertices, and GEOS's noder never has to compute a
// point on the ring (it meets the ring at an existing vertex, which it keeps as it is). Lines
// running along a ring, or within rounding of it, are cut into ring edges and left out, since
// GEOS would otherwise compute points where they cross the (rounded) ring.
//
// All functions use the calling thread's GEOS context; results are owned by the caller. GEOS
// failures become GeometryError.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::geo {

// A polyline as coordinates.
using Path = std::vector<XY>;

// Contacts between lines and rings closer than this (metres) count as one (clip_lines()). Far
// above the rounding of computed points (about 1e-9 m at Gauss-Krüger magnitudes), far below
// anything a survey can tell apart.
inline constexpr double kContactTolerance = 1e-6;

// --- conversions ----------------------------------------------------------------------------

// Every LineString and LinearRing of `lineal` (also inside Multi* and collections), as paths.
// Points and polygons are ignored.
std::vector<Path> paths_of(const Geometry& lineal);

// A MultiLineString of the paths, in order. Paths without two distinct points are skipped.
Geometry lines_from_paths(std::span<const Path> paths);

// --- GEOS operations on line work ---------------------------------------------------------

// Nodes and dissolves line work (GEOS unary union of the lines): where two lines cross, both
// get a vertex; coincident segments come back once; the result is a MultiLineString (or a
// LineString) whose lines meet only at their end points. Existing vertices keep their
// coordinates (GEOS only adds vertices), except in GEOS's last-resort snapping fallback for
// nearly coincident lines.
Geometry node_lines(const Geometry& lines);

// The faces enclosed by fully noded line work (GEOSPolygonize), one Polygon each, in GEOS's
// order. Dangles and cut edges close no face and disappear. Every closed ring yields a face,
// so the inside of a polygon hole comes back as a face too: callers filter.
std::vector<Geometry> polygonize(const Geometry& noded);

// What a possibly invalid polygonal geometry's rings claim, as drawn: every point a shell winds
// around at least once (nonzero winding rule), less what its holes wind around, the parts
// together. GEOS MakeValid ("linework") uses the even-odd rule instead: where a drawn ring loops
// over itself and winds twice around an area, its repair leaves that area out. Valid input comes
// back as it is (up to the union of its parts).
Geometry enclosed_area(const Geometry& polygonal);

// GEOS's normal form (GEOSNormalize): rings and parts in a fixed order with fixed start
// points, so equal geometries have equal WKB. Coordinates are not changed.
Geometry normalized(const Geometry& g);

// --- exact segment work (no GEOS objects) -----------------------------------------------------

struct Segment {
    XY a;
    XY b;
};

// Distance from p to the closed segment a-b.
double distance_to_segment(XY p, XY a, XY b);

// The point where segments a-b and c-d cross when they cross properly (each has its end points
// strictly on opposite sides of the other, by an exact orientation test); nullopt otherwise
// (apart, touching, collinear). The point is computed on the canonical form of the two segments
// (each ordered lexicographically, the pair ordered too), so it does not depend on the order
// or direction the segments are given in; it lies within both segments' envelopes.
std::optional<XY> proper_crossing(XY a, XY b, XY c, XY d);

// True when the two segments have no point in common, or only an end point of both (exact
// orientation tests): line work made of such segments is fully noded.
bool meet_only_at_common_end(const Segment& s, const Segment& t);

// Segments that can be asked which of them come near a box. Deterministic (no pointers, no
// hashing): query results are indices in ascending order. Costs O(log n + k) per query where k
// counts segments whose x-range, widened by the widest segment, meets the box.
class SegmentIndex {
public:
    SegmentIndex() = default;
    explicit SegmentIndex(std::vector<Segment> segments);
    [[nodiscard]] std::size_t size() const { return segments_.size(); }
    [[nodiscard]] const Segment& segment(std::size_t i) const { return segments_[i]; }
    // Indices of the segments whose envelope meets the closed box, ascending.
    [[nodiscard]] std::vector<std::size_t> near(const Envelope& box) const;

private:
    std::vector<Segment> segments_;
    std::vector<std::size_t> by_min_x_;
    std::vector<double> min_x_;  // min x of by_min_x_[k], ascending
    double max_width_ = 0.0;
};

// Lines clipped to a polygon, and the polygon with a vertex wherever a line meets its rings.
struct ClippedLines {
    // `polygonal` with the contact points inserted into its rings (split_segments()). Shared
    // edges of neighbouring polygons get identical points when both are clipped with every line
    // that comes near the edge (the points depend only on the canonical ring segment and the
    // line). Inserted points are on their segment up to rounding. Inserting a rounded point
    // can, very rarely, make a nearly self-touching ring invalid: callers check validity when
    // it matters.
    Geometry polygonal;
    // For each input line, in order: its pieces inside the polygon, in the line's direction.
    // A piece runs through the polygon interior and meets the rings only at its end points
    // (a line touching a ring from inside is cut there into two pieces); an end point on a
    // ring is a ring vertex of `polygonal`, exactly. A piece's vertices are the line's own
    // (possibly snapped) plus those contacts. Parts of a line outside the polygon (including
    // in holes) or running along a ring are left out.
    std::vector<std::vector<Path>> inside;
};

// Clips `lines` to `polygonal` (a valid Polygon or MultiPolygon) exactly, as described above.
// Contacts closer than kContactTolerance (tol) count as one:
//   * a line vertex within tol of a ring vertex becomes that vertex;
//   * a line vertex within tol of a ring segment puts a vertex into the ring: itself when it is
//     exactly on the segment, else its projection on the segment (the ring does not move);
//   * a proper crossing (exact orientation test) farther than tol/2 from all four end points
//     is computed by proper_crossing() and inserted into the ring and the line;
//   * then line vertices snap to the final ring vertices within tol, and every line segment is
//     cut at each final ring vertex lying beside it within tol, so a line running along a ring
//     (even one bent by rounded inserted points) becomes ring edges, which are left out, and
//     every other part meets the rings only at its end points.
// Pieces are told inside from outside by their midpoint (GEOS prepared contains). Since the
// ring insertions depend only on the canonical ring segment and the line, a neighbour clipped
// with the same lines near the shared edge (every line within tol of it) gets the same points.
ClippedLines clip_lines(const Geometry& polygonal, std::span<const Path> lines);

}  // namespace respgrid::geo

#include "respgrid/geo/linework.hpp"

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "respgrid/geo/densify.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/half_open.hpp"

namespace respgrid::geo {

namespace {

// Throws the GeometryError carrying GEOS's last message for a failed call.
[[noreturn]] void fail(std::string_view operation) {
    (void)Geometry::adopt(nullptr, operation);
    throw GeometryError(std::string(operation), "geo: GEOS operation failed");  // not reached
}

bool lex_less(const XY& p, const XY& q) { return std::tie(p.x, p.y) < std::tie(q.x, q.y); }

Segment canonical(XY p, XY q) { return lex_less(q, p) ? Segment{q, p} : Segment{p, q}; }

bool segment_less(const Segment& s, const Segment& t) {
    return std::tie(s.a.x, s.a.y, s.b.x, s.b.y) < std::tie(t.a.x, t.a.y, t.b.x, t.b.y);
}

bool segment_equal(const Segment& s, const Segment& t) { return s.a == t.a && s.b == t.b; }

void read_path(GEOSContextHandle_t ctx, const GEOSGeometry* line, std::vector<Path>& out) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, line);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &n)) fail("line coordinates");
    Path path(n);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(ctx, seq, i, &path[i].x, &path[i].y);
    out.push_back(std::move(path));
}

void collect_paths(GEOSContextHandle_t ctx, const GEOSGeometry* g, std::vector<Path>& out) {
    int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        if (!GEOSisEmpty_r(ctx, g)) read_path(ctx, g, out);
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) collect_paths(ctx, GEOSGetGeometryN_r(ctx, g, i), out);
    }
}

// The crossing of two segments known to cross properly. Both segments and their pair are put
// in canonical order first, so the same two segments always give the same bits.
XY crossing_point(XY a, XY b, XY c, XY d) {
    Segment s = canonical(a, b);
    Segment t = canonical(c, d);
    if (segment_less(t, s)) std::swap(s, t);
    const double rx = s.b.x - s.a.x, ry = s.b.y - s.a.y;
    const double sx = t.b.x - t.a.x, sy = t.b.y - t.a.y;
    // Where the envelopes overlap: a crossing lies there.
    const double min_x = std::max(std::min(s.a.x, s.b.x), std::min(t.a.x, t.b.x));
    const double max_x = std::min(std::max(s.a.x, s.b.x), std::max(t.a.x, t.b.x));
    const double min_y = std::max(std::min(s.a.y, s.b.y), std::min(t.a.y, t.b.y));
    const double max_y = std::min(std::max(s.a.y, s.b.y), std::max(t.a.y, t.b.y));
    const double den = rx * sy - ry * sx;
    const double u = ((t.a.x - s.a.x) * sy - (t.a.y - s.a.y) * sx) / den;
    // Nearly parallel segments can round the denominator to zero: they then run together over
    // the whole overlap, and its centre is on both to rounding.
    if (!std::isfinite(u)) return {min_x + (max_x - min_x) / 2, min_y + (max_y - min_y) / 2};
    const double uc = std::clamp(u, 0.0, 1.0);
    XY p{s.a.x + uc * rx, s.a.y + uc * ry};
    // Keep the point inside both envelopes: rounding on nearly parallel segments must not carry
    // it away from the segments.
    if (min_x <= max_x) p.x = std::clamp(p.x, min_x, max_x);
    if (min_y <= max_y) p.y = std::clamp(p.y, min_y, max_y);
    return p;
}

// Points strictly inside a -> b in their order along it (a parameter computed from a and b
// only, then the coordinates, so equal inputs give equal orders), without duplicates.
std::vector<XY> ordered_along(XY a, XY b, std::vector<XY> points) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    auto param = [&](const XY& p) { return (p.x - a.x) * dx + (p.y - a.y) * dy; };
    std::sort(points.begin(), points.end(), [&](const XY& p, const XY& q) {
        double tp = param(p), tq = param(q);
        if (tp != tq) return tp < tq;
        return lex_less(p, q);
    });
    points.erase(std::unique(points.begin(), points.end()), points.end());
    std::erase_if(points, [&](const XY& p) { return p == a || p == b; });
    return points;
}

Envelope box_around(XY c, XY d, double margin) {
    Envelope box;
    box.expand(c);
    box.expand(d);
    box.min_x -= margin;
    box.min_y -= margin;
    box.max_x += margin;
    box.max_y += margin;
    return box;
}

// Sorted canonical segments (ring edges), for exact membership tests.
bool contains_segment(const std::vector<Segment>& sorted, const Segment& s) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), s, segment_less);
    return it != sorted.end() && segment_equal(*it, s);
}

std::vector<Segment> ring_edges(const Geometry& polygonal) {
    std::vector<Segment> edges;
    for (const auto& rings : polygonal.polygons()) {
        for (const auto& ring : rings) {
            for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
                if (ring[k] != ring[k + 1]) edges.push_back(canonical(ring[k], ring[k + 1]));
            }
        }
    }
    std::sort(edges.begin(), edges.end(), segment_less);
    edges.erase(std::unique(edges.begin(), edges.end(), segment_equal), edges.end());
    return edges;
}

// The ring vertex nearest to p within `snap` (ties: lexicographically smallest), or p itself.
XY snap_to_vertex(XY p, const std::vector<Segment>& edges, const SegmentIndex& index, double snap) {
    XY best = p;
    double best_distance = snap;
    bool found = false;
    for (std::size_t e : index.near(box_around(p, p, snap))) {
        for (const XY& v : {edges[e].a, edges[e].b}) {
            double dist = std::hypot(v.x - p.x, v.y - p.y);
            if (dist > snap) continue;
            if (!found || dist < best_distance || (dist == best_distance && lex_less(v, best))) {
                best = v;
                best_distance = dist;
                found = true;
            }
        }
    }
    return best;
}

// Where a line vertex p within `snap` of canonical ring segment a-b goes into the ring: p itself
// when it is exactly on the segment, else its projection on the segment (so the ring does not
// move beyond rounding). Nothing when p is not that close, or lands on an end point.
std::optional<XY> ring_contact(XY p, XY a, XY b, double snap) {
    if (p == a || p == b || distance_to_segment(p, a, b) > snap) return std::nullopt;
    if (orientation(a, b, p) == 0) return p;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
    const XY q{a.x + t * dx, a.y + t * dy};
    if (q == a || q == b) return std::nullopt;
    return q;
}

// Contacts between canonical ring segment a-b and line segment c-d that change the ring: a line
// vertex on (within `snap` of) the ring segment, or a proper crossing away from every end point.
// Returns the crossing point when the line must get it too (line vertices near the ring reach
// their ring point when the line snaps to the final ring vertices).
std::optional<XY> record_contacts(const Segment& ring, XY c, XY d, double snap, std::vector<XY>& ring_points) {
    const XY a = ring.a, b = ring.b;
    std::optional<XY> crossing;
    for (const XY& p : {c, d}) {
        if (auto q = ring_contact(p, a, b, snap)) ring_points.push_back(*q);
    }
    if (auto p = proper_crossing(a, b, c, d)) {
        // A crossing this close to an end point is that end point: a line vertex then lies
        // within snap of the ring segment (handled above) and snaps to its ring point later; a
        // ring vertex lies beside the line within snap and becomes a stop of the line (or the
        // line's end snaps to it).
        auto near = [&](const XY& q) { return std::hypot(q.x - p->x, q.y - p->y) <= snap / 2; };
        if (!near(a) && !near(b) && !near(c) && !near(d)) {
            ring_points.push_back(*p);
            crossing = *p;
        }
    }
    return crossing;
}

}  // namespace

// --- conversions ------------------------------------------------------------------------------

std::vector<Path> paths_of(const Geometry& lineal) {
    std::vector<Path> out;
    if (lineal.is_null()) return out;
    collect_paths(geos_context(), lineal.get(), out);
    return out;
}

Geometry lines_from_paths(std::span<const Path> paths) {
    auto ctx = geos_context();
    std::vector<GEOSGeometry*> raw;
    auto give_up = [&](std::string_view operation) {
        for (auto* g : raw) GEOSGeom_destroy_r(ctx, g);
        fail(operation);
    };
    for (const auto& path : paths) {
        if (path.size() < 2) continue;
        if (std::all_of(path.begin(), path.end(), [&](const XY& p) { return p == path.front(); })) continue;
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(path.size()), 2);
        if (!seq) give_up("coordinate sequence");
        for (unsigned i = 0; i < path.size(); ++i) GEOSCoordSeq_setXY_r(ctx, seq, i, path[i].x, path[i].y);
        GEOSGeometry* line = GEOSGeom_createLineString_r(ctx, seq);  // takes the sequence
        if (!line) give_up("create line");
        raw.push_back(line);
    }
    // The collection takes ownership of the lines.
    return Geometry::adopt(
        GEOSGeom_createCollection_r(ctx, GEOS_MULTILINESTRING, raw.data(), static_cast<unsigned>(raw.size())),
        "create multilinestring");
}

// --- GEOS operations ----------------------------------------------------------------------------

Geometry node_lines(const Geometry& lines) {
    return Geometry::adopt(GEOSUnaryUnion_r(geos_context(), lines.get()), "node lines");
}

std::vector<Geometry> polygonize(const Geometry& noded) {
    auto ctx = geos_context();
    const GEOSGeometry* input[] = {noded.get()};
    Geometry faces = Geometry::adopt(GEOSPolygonize_r(ctx, input, 1), "polygonize");
    std::vector<Geometry> out;
    std::size_t n = faces.num_geometries();
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(faces.part(i));
    return out;
}

namespace {

// How many times `ring` winds around p (p not on it), by exact orientation tests.
int winding_number(const Path& ring, XY p) {
    int w = 0;
    for (std::size_t k = 1; k < ring.size(); ++k) {
        const XY a = ring[k - 1], b = ring[k];
        if (a.y <= p.y) {
            if (b.y > p.y && orientation(a, b, p) > 0) ++w;
        } else if (b.y <= p.y && orientation(a, b, p) < 0) {
            --w;
        }
    }
    return w;
}

// The area `ring` winds around at least once.
Geometry nonzero_fill(const Ring& ring) {
    if (ring.size() < 4) return Geometry::empty_multipolygon();
    Geometry simple = Geometry::from_polygons({{ring}});
    if (simple.is_valid()) return simple;
    std::vector<Geometry> kept;
    for (auto& face : polygonize(node_lines(lines_from_paths(std::vector<Path>{ring})))) {
        const Envelope inside = face.point_on_surface().envelope();  // a point's envelope is the point
        if (winding_number(ring, {inside.min_x, inside.min_y}) != 0) kept.push_back(std::move(face));
    }
    return kept.empty() ? Geometry::empty_multipolygon() : Geometry::union_all(std::move(kept)).polygonal();
}

}  // namespace

Geometry enclosed_area(const Geometry& polygonal) {
    std::vector<Geometry> parts;
    for (const auto& rings : polygonal.polygons()) {
        if (rings.empty()) continue;
        Geometry part = nonzero_fill(rings[0]);
        for (std::size_t h = 1; h < rings.size() && !part.is_empty(); ++h) {
            Geometry hole = nonzero_fill(rings[h]);
            if (!hole.is_empty()) part = part.difference(hole).polygonal();
        }
        if (!part.is_empty()) parts.push_back(std::move(part));
    }
    return parts.empty() ? Geometry::empty_multipolygon() : Geometry::union_all(std::move(parts)).polygonal();
}

Geometry normalized(const Geometry& g) {
    auto ctx = geos_context();
    Geometry copy = g.clone();
    // GEOSNormalize works in place on the copy we own.
    if (GEOSNormalize_r(ctx, const_cast<GEOSGeometry*>(copy.get())) != 0) fail("normalize");
    return copy;
}

// --- exact segment work -------------------------------------------------------------------

double distance_to_segment(XY p, XY a, XY b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

std::optional<XY> proper_crossing(XY a, XY b, XY c, XY d) {
    const int o1 = orientation(a, b, c);
    const int o2 = orientation(a, b, d);
    const int o3 = orientation(c, d, a);
    const int o4 = orientation(c, d, b);
    if (o1 * o2 >= 0 || o3 * o4 >= 0) return std::nullopt;
    return crossing_point(a, b, c, d);
}

bool meet_only_at_common_end(const Segment& s, const Segment& t) {
    const int o1 = orientation(s.a, s.b, t.a);
    const int o2 = orientation(s.a, s.b, t.b);
    const int o3 = orientation(t.a, t.b, s.a);
    const int o4 = orientation(t.a, t.b, s.b);
    if (o1 * o2 > 0 || o3 * o4 > 0) return true;  // apart
    if (o1 == 0 && o2 == 0) {
        // Collinear: along the line, lexicographic order is the order (exactly). They may share
        // a single point, which is then an end of both.
        const Segment u = canonical(s.a, s.b), v = canonical(t.a, t.b);
        const XY from = lex_less(u.a, v.a) ? v.a : u.a;
        const XY to = lex_less(u.b, v.b) ? u.b : v.b;
        return !lex_less(from, to);
    }
    // Not collinear: one point in common, fine only if it is a shared end point.
    return s.a == t.a || s.a == t.b || s.b == t.a || s.b == t.b;
}

SegmentIndex::SegmentIndex(std::vector<Segment> segments) : segments_(std::move(segments)) {
    by_min_x_.resize(segments_.size());
    for (std::size_t i = 0; i < segments_.size(); ++i) by_min_x_[i] = i;
    auto min_x = [this](std::size_t i) { return std::min(segments_[i].a.x, segments_[i].b.x); };
    std::stable_sort(by_min_x_.begin(), by_min_x_.end(),
                     [&](std::size_t i, std::size_t j) { return min_x(i) < min_x(j); });
    min_x_.reserve(segments_.size());
    for (std::size_t i : by_min_x_) {
        min_x_.push_back(min_x(i));
        max_width_ = std::max(max_width_, std::fabs(segments_[i].b.x - segments_[i].a.x));
    }
}

std::vector<std::size_t> SegmentIndex::near(const Envelope& box) const {
    std::vector<std::size_t> out;
    if (box.empty() || segments_.empty()) return out;
    // Widened a little, so rounding in the width never drops a segment that just reaches the box.
    const double reach = max_width_ + 1e-9 * (std::fabs(box.min_x) + max_width_);
    auto first = std::lower_bound(min_x_.begin(), min_x_.end(), box.min_x - reach);
    auto last = std::upper_bound(first, min_x_.end(), box.max_x);
    for (auto it = first; it != last; ++it) {
        std::size_t i = by_min_x_[static_cast<std::size_t>(it - min_x_.begin())];
        const Segment& s = segments_[i];
        if (std::max(s.a.x, s.b.x) < box.min_x) continue;
        if (std::max(s.a.y, s.b.y) < box.min_y || std::min(s.a.y, s.b.y) > box.max_y) continue;
        out.push_back(i);
    }
    std::sort(out.begin(), out.end());
    return out;
}

ClippedLines clip_lines(const Geometry& polygonal, std::span<const Path> lines) {
    constexpr double kSnap = kContactTolerance;

    // Every ring segment once, canonical, sorted: the splitter below finds a segment by
    // binary search, and the index answers which segments a line segment may meet.
    const std::vector<Segment> ring_segments = ring_edges(polygonal);
    const SegmentIndex index(ring_segments);

    // Line vertices within kSnap of a ring vertex become that vertex.
    std::vector<Path> snapped(lines.begin(), lines.end());
    for (auto& path : snapped) {
        for (auto& p : path) p = snap_to_vertex(p, ring_segments, index, kSnap);
    }

    // Pass 1: what the lines add to the rings (line vertices on a ring, proper crossings).
    std::vector<std::vector<XY>> ring_points(ring_segments.size());
    std::vector<std::vector<std::vector<XY>>> crossings(snapped.size());
    for (std::size_t li = 0; li < snapped.size(); ++li) {
        const Path& path = snapped[li];
        crossings[li].resize(path.size() > 1 ? path.size() - 1 : 0);
        for (std::size_t k = 0; k + 1 < path.size(); ++k) {
            const XY c = path[k], d = path[k + 1];
            if (c == d) continue;
            for (std::size_t r : index.near(box_around(c, d, kSnap))) {
                if (auto p = record_contacts(ring_segments[r], c, d, kSnap, ring_points[r]))
                    crossings[li][k].push_back(*p);
            }
        }
    }

    ClippedLines result;
    result.polygonal = split_segments(polygonal, [&](XY a, XY b) -> std::vector<XY> {
        const Segment key{a, b};
        auto it = std::lower_bound(ring_segments.begin(), ring_segments.end(), key, segment_less);
        if (it == ring_segments.end() || !segment_equal(*it, key)) return {};
        return ordered_along(a, b, ring_points[static_cast<std::size_t>(it - ring_segments.begin())]);
    });

    // Pass 2: each line segment stops at every vertex of the final rings it passes (within
    // kSnap), so between two stops it either is a ring edge or does not meet the rings. Line
    // vertices first snap to the final ring vertices (contacts inserted for other lines
    // included), so that a vertex near a segment's end is that end rather than a stop beyond it.
    const std::vector<Segment> edges = ring_edges(result.polygonal);
    const SegmentIndex edge_index(edges);
    for (auto& path : snapped) {
        for (auto& p : path) p = snap_to_vertex(p, edges, edge_index, kSnap);
    }
    std::vector<XY> ring_vertices;
    ring_vertices.reserve(2 * edges.size());
    for (const auto& e : edges) {
        ring_vertices.push_back(e.a);
        ring_vertices.push_back(e.b);
    }
    std::sort(ring_vertices.begin(), ring_vertices.end(), lex_less);
    ring_vertices.erase(std::unique(ring_vertices.begin(), ring_vertices.end()), ring_vertices.end());
    auto on_ring = [&](const XY& p) { return std::binary_search(ring_vertices.begin(), ring_vertices.end(), p, lex_less); };

    const PreparedGeometry inside_test(result.polygonal);
    result.inside.resize(snapped.size());
    for (std::size_t li = 0; li < snapped.size(); ++li) {
        const Path& path = snapped[li];
        auto& pieces = result.inside[li];
        Path current;
        auto flush = [&] {
            if (current.size() >= 2) pieces.push_back(std::move(current));
            current.clear();
        };
        for (std::size_t k = 0; k + 1 < path.size(); ++k) {
            const XY c = path[k], d = path[k + 1];
            if (c == d) continue;
            std::vector<XY> inner = crossings[li][k];
            const double dx = d.x - c.x, dy = d.y - c.y, length2 = dx * dx + dy * dy;
            for (std::size_t e : edge_index.near(box_around(c, d, kSnap))) {
                for (const XY& v : {edges[e].a, edges[e].b}) {
                    // Only vertices beside the segment, not beyond its ends.
                    const double t = ((v.x - c.x) * dx + (v.y - c.y) * dy) / length2;
                    if (t > 0.0 && t < 1.0 && v != c && v != d && distance_to_segment(v, c, d) <= kSnap) {
                        inner.push_back(v);
                    }
                }
            }
            Path stops{c};
            for (const XY& p : ordered_along(c, d, std::move(inner))) stops.push_back(p);
            stops.push_back(d);
            for (std::size_t s = 0; s + 1 < stops.size(); ++s) {
                const XY p = stops[s], q = stops[s + 1];
                bool in = !contains_segment(edges, canonical(p, q)) &&
                          inside_test.contains(Geometry::point({(p.x + q.x) / 2, (p.y + q.y) / 2}));
                if (!in) {
                    flush();
                    continue;
                }
                if (current.empty()) current.push_back(p);
                current.push_back(q);
                if (on_ring(q)) flush();  // touching the ring from inside: the piece ends there
            }
        }
        flush();
    }
    return result;
}

}  // namespace respgrid::geo

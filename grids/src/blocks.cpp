#include "respgrid/grids/blocks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/linework.hpp"
#include "respgrid/grids/square_grid.hpp"

namespace respgrid::grids {

namespace {

using geo::Geometry;
using geo::XY;

constexpr int kNoLine = 0;                                  // strength of a border on no line: weaker than a minor road
constexpr double kOnLineDistance = geo::kContactTolerance;  // a block edge this close to a line lies on it

// The border between two blocks.
struct Link {
    int strength = kNoLine;  // the strongest line along it
    double length = 0.0;
};

struct Block {
    Geometry geometry;  // Polygon
    double area = 0.0;
    XY anchor;
    std::map<std::size_t, Link> links;  // neighbour -> shared border
    bool alive = true;
};

Block make_block(Geometry g) {
    Block b;
    b.area = g.area();
    b.anchor = interior_point(g);
    b.geometry = std::move(g);
    return b;
}

bool lex_less(const XY& p, const XY& q) { return std::tie(p.x, p.y) < std::tie(q.x, q.y); }

// One ring segment of one block, in canonical direction.
struct SegmentOwner {
    XY a, b;
    std::size_t block;
};

// Calls fn(i, j, a, b) for every segment that exactly two blocks i < j have in their rings. The
// faces of a polygonized coverage and their unions and grid pieces share edges vertex for vertex.
template <typename Fn>
void for_each_shared_segment(const std::vector<Block>& blocks, Fn&& fn) {
    std::vector<SegmentOwner> owners;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (!blocks[i].alive) continue;
        for (const auto& rings : blocks[i].geometry.polygons()) {
            for (const auto& ring : rings) {
                for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
                    XY p = ring[k], q = ring[k + 1];
                    if (p == q) continue;
                    if (lex_less(q, p)) std::swap(p, q);
                    owners.push_back({p, q, i});
                }
            }
        }
    }
    auto key = [](const SegmentOwner& s) { return std::tie(s.a.x, s.a.y, s.b.x, s.b.y, s.block); };
    std::sort(owners.begin(), owners.end(),
              [&](const SegmentOwner& l, const SegmentOwner& r) { return key(l) < key(r); });
    for (std::size_t k = 0; k < owners.size();) {
        std::size_t end = k + 1;
        while (end < owners.size() && owners[end].a == owners[k].a && owners[end].b == owners[k].b) ++end;
        if (end - k == 2 && owners[k].block != owners[k + 1].block) {
            fn(owners[k].block, owners[k + 1].block, owners[k].a, owners[k].b);
        }
        k = end;
    }
}

// Links every pair of blocks that share segments; `strength_of(a, b)` rates one segment.
template <typename StrengthFn>
void link_neighbours(std::vector<Block>& blocks, StrengthFn&& strength_of) {
    for_each_shared_segment(blocks, [&](std::size_t i, std::size_t j, XY a, XY b) {
        const int strength = strength_of(a, b);
        const double length = std::hypot(b.x - a.x, b.y - a.y);
        for (auto [from, to] : {std::pair{i, j}, std::pair{j, i}}) {
            Link& link = blocks[from].links[to];
            link.strength = std::max(link.strength, strength);
            link.length += length;
        }
    });
}

// Union of two blocks that share edges exactly: coverage union adds no vertex. GEOS's general
// union is the fallback should the edges not match after all.
Geometry unite(const Geometry& a, const Geometry& b) {
    const Geometry* parts[] = {&a, &b};
    Geometry merged = Geometry::union_of_tiles(parts).polygonal();
    if (merged.num_geometries() == 1) return merged.part(0);
    return merged;
}

// Merges every block smaller than `small` that has a neighbour, smallest first, into the
// neighbour ranked first (see blocks.hpp): by strength then size when `by_strength`, else by
// shared length only.
void merge_small(std::vector<Block>& blocks, double small, double large, bool by_strength) {
    // Blocks waiting to be merged, smallest first (ties: anchor x, then y). Only the merged pair
    // changes size or loses its links; the neighbours keep theirs (renamed to the survivor).
    using Candidate = std::tuple<double, double, double, std::size_t>;
    auto candidate = [&](std::size_t i) {
        return Candidate{blocks[i].area, blocks[i].anchor.x, blocks[i].anchor.y, i};
    };
    auto waits = [&](std::size_t i) { return blocks[i].alive && !blocks[i].links.empty() && blocks[i].area < small; };
    std::set<Candidate> queue;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (waits(i)) queue.insert(candidate(i));
    }
    while (!queue.empty()) {
        const std::size_t pick = std::get<3>(*queue.begin());
        queue.erase(queue.begin());
        Block& from = blocks[pick];

        auto rank = [&](std::size_t n, const Link& link) {
            const Block& to = blocks[n];
            int strength = by_strength ? link.strength : 0;
            int exceeds = by_strength && from.area + to.area > large ? 1 : 0;
            return std::make_tuple(strength, exceeds, -link.length, to.anchor.x, to.anchor.y);
        };
        std::size_t into = from.links.begin()->first;
        for (const auto& [n, link] : from.links) {
            if (rank(n, link) < rank(into, from.links.at(into))) into = n;
        }

        Block& to = blocks[into];
        if (waits(into)) queue.erase(candidate(into));
        to.geometry = unite(to.geometry, from.geometry);
        to.area = to.geometry.area();
        to.anchor = interior_point(to.geometry);
        for (const auto& [n, link] : from.links) {
            if (n == into) continue;
            Link& joined = to.links[n];
            joined.strength = std::max(joined.strength, link.strength);
            joined.length += link.length;
            blocks[n].links.erase(pick);
            blocks[n].links[into] = joined;
        }
        to.links.erase(pick);
        from.links.clear();
        from.alive = false;
        from.geometry = Geometry();
        if (waits(into)) queue.insert(candidate(into));
    }
}

Geometry square(long long i, long long j, double size) {
    return Geometry::rectangle(static_cast<double>(i) * size, static_cast<double>(j) * size,
                               static_cast<double>(i + 1) * size, static_cast<double>(j + 1) * size);
}

// The block cut by the grid squares of `size`, one piece per connected part of a square. The
// block's rings already hold a vertex at every grid-line crossing, so pieces on either side of a
// grid line share its vertices exactly.
std::vector<Block> split_on_grid(const Geometry& block, double size) {
    std::vector<Block> pieces;
    geo::Envelope env = block.envelope();
    auto i0 = static_cast<long long>(std::floor(env.min_x / size));
    auto i1 = static_cast<long long>(std::ceil(env.max_x / size));
    auto j0 = static_cast<long long>(std::floor(env.min_y / size));
    auto j1 = static_cast<long long>(std::ceil(env.max_y / size));
    for (long long j = j0; j < j1; ++j) {
        // Row strips first, as square_grid does: each square is then cut against a small piece.
        Geometry strip = Geometry::rectangle(static_cast<double>(i0) * size, static_cast<double>(j) * size,
                                             static_cast<double>(i1) * size, static_cast<double>(j + 1) * size);
        Geometry row = block.intersection(strip).polygonal();
        if (row.is_empty()) continue;
        geo::PreparedGeometry prepared(row);
        geo::Envelope row_env = row.envelope();
        auto ri0 = static_cast<long long>(std::floor(row_env.min_x / size));
        auto ri1 = static_cast<long long>(std::ceil(row_env.max_x / size));
        for (long long i = ri0; i < ri1; ++i) {
            Geometry sq = square(i, j, size);
            if (!prepared.intersects(sq)) continue;
            if (prepared.contains(sq)) {
                pieces.push_back(make_block(std::move(sq)));
                continue;
            }
            Geometry clipped = sq.intersection(row).polygonal();
            for (std::size_t k = 0; k < clipped.num_geometries(); ++k) {
                Geometry part = clipped.part(k);
                if (part.area() > 0.0) pieces.push_back(make_block(std::move(part)));
            }
        }
    }
    return pieces;
}

// Faces of the village from line work whose ring coordinates GEOS does not touch: every ring
// segment on its own (so every ring vertex is a node), and the line pieces, noded among
// themselves by GEOS (they meet the rings only at ring vertices, clip_lines sees to that) and cut
// wherever they pass a ring vertex. Should GEOS's noding have moved a line onto or across a ring
// (its snapping fallback for nearly coincident lines), that line is left out: the faces still
// tile the village exactly, only with one line fewer.
std::vector<Geometry> exact_faces(const Geometry& shape, const std::vector<geo::Path>& pieces) {
    std::vector<geo::Path> work;
    std::vector<geo::Segment> ring_segments;
    std::vector<XY> ring_vertices;
    for (const auto& rings : shape.polygons()) {
        for (const auto& ring : rings) {
            for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
                if (ring[k] == ring[k + 1]) continue;
                work.push_back({ring[k], ring[k + 1]});
                ring_segments.push_back({ring[k], ring[k + 1]});
                ring_vertices.push_back(ring[k]);
            }
        }
    }
    std::sort(ring_vertices.begin(), ring_vertices.end(), lex_less);
    ring_vertices.erase(std::unique(ring_vertices.begin(), ring_vertices.end()), ring_vertices.end());
    const geo::SegmentIndex ring_index(ring_segments);
    // What clip_lines guarantees, checked again after GEOS: a line meets the rings only at its
    // ends, and passes no ring vertex within the contact tolerance.
    constexpr double tol = geo::kContactTolerance;
    auto clean = [&](const geo::Path& path) {
        for (std::size_t k = 0; k + 1 < path.size(); ++k) {
            const geo::Segment s{path[k], path[k + 1]};
            geo::Envelope box;
            box.expand(s.a);
            box.expand(s.b);
            box = {box.min_x - tol, box.min_y - tol, box.max_x + tol, box.max_y + tol};
            for (std::size_t r : ring_index.near(box)) {
                if (!geo::meet_only_at_common_end(s, ring_segments[r])) return false;
                for (const XY& v : {ring_segments[r].a, ring_segments[r].b}) {
                    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
                    const double t = ((v.x - s.a.x) * dx + (v.y - s.a.y) * dy) / (dx * dx + dy * dy);
                    if (t > 0.0 && t < 1.0 && geo::distance_to_segment(v, s.a, s.b) <= tol) return false;
                }
            }
        }
        return true;
    };
    if (!pieces.empty()) {
        for (const auto& path : geo::paths_of(geo::node_lines(geo::lines_from_paths(pieces)))) {
            geo::Path part;
            for (std::size_t k = 0; k < path.size(); ++k) {
                part.push_back(path[k]);
                bool node = k + 1 == path.size() ||
                            (k > 0 && std::binary_search(ring_vertices.begin(), ring_vertices.end(), path[k], lex_less));
                if (node && part.size() >= 2) {
                    if (clean(part)) work.push_back(std::move(part));
                    part = {path[k]};
                }
            }
        }
    }
    return geo::polygonize(geo::lines_from_paths(work));
}

// Faces of the village with GEOS noding the rings and the line pieces together: robust where
// exact_faces() is not, but GEOS may compute points on the rings.
std::vector<Geometry> noded_faces(const Geometry& shape, const std::vector<geo::Path>& pieces) {
    std::vector<geo::Path> work;
    for (const auto& rings : shape.polygons()) {
        for (const auto& ring : rings) work.push_back(ring);
    }
    work.insert(work.end(), pieces.begin(), pieces.end());
    return geo::polygonize(geo::node_lines(geo::lines_from_paths(work)));
}

std::string describe(double value) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6f", value);
    return buf;
}

}  // namespace

std::vector<CellPiece> cut_blocks(const AdminUnit& village, std::span<const LineFeature> lines,
                                  const BlockOptions& options) {
    const double target = options.target_area_m2;
    if (!(target > 0.0) || !std::isfinite(target)) {
        throw std::invalid_argument("grids: block target area must be a positive number of square metres");
    }
    if (!(options.tolerance >= 0.0 && options.tolerance <= 1.0)) {
        throw std::invalid_argument("grids: block tolerance must be between 0 and 1");
    }
    const double size = std::sqrt(target);
    const double small = target * (1.0 - options.tolerance);
    const double large = target * (1.0 + options.tolerance);
    std::vector<CellPiece> out;
    if (village.geometry.is_null() || village.geometry.is_empty()) return out;

    // 1. Faces: the village with grid-line and line-contact vertices (canonical, see blocks.hpp),
    // polygonized with the line pieces inside it.
    std::vector<geo::Path> paths;
    std::vector<int> kinds;
    for (const auto& line : lines) {
        for (auto& path : geo::paths_of(line.geometry)) {
            paths.push_back(std::move(path));
            kinds.push_back(static_cast<int>(line.kind));
        }
    }
    geo::ClippedLines clipped = geo::clip_lines(densify_at_grid_lines(village.geometry, size), paths);
    Geometry shape = std::move(clipped.polygonal);
    // Inserting points can, rarely, make a nearly self-touching ring invalid; GEOS needs valid
    // input (as in square_grid.cpp).
    if (!shape.is_valid()) shape = shape.make_valid().polygonal();

    std::vector<geo::Path> pieces;
    std::vector<geo::Segment> line_segments;
    std::vector<int> segment_kinds;
    for (std::size_t li = 0; li < clipped.inside.size(); ++li) {
        for (const auto& piece : clipped.inside[li]) {
            pieces.push_back(piece);
            for (std::size_t k = 0; k + 1 < piece.size(); ++k) {
                line_segments.push_back({piece[k], piece[k + 1]});
                segment_kinds.push_back(kinds[li]);
            }
        }
    }

    const geo::PreparedGeometry in_village(shape);
    auto blocks_of = [&](std::vector<Geometry> faces, double& total) {
        std::vector<Block> found;
        total = 0.0;
        for (auto& face : faces) {
            if (!(face.area() > 0.0)) continue;
            // Faces inside a hole of the village (or enclosed by separate parts of it) are not
            // blocks. The interior point decides; a sliver whose interior point rounds onto its
            // boundary is decided by covering, then by the share of its area inside the village.
            if (!in_village.contains(face.point_on_surface()) && !in_village.covers(face) &&
                !(face.intersection(shape).area() > face.area() / 2)) {
                continue;
            }
            // Grid-line vertices on the inner edges too: both faces of an edge get the same points.
            found.push_back(make_block(geo::normalized(densify_at_grid_lines(face, size))));
            total += found.back().area;
        }
        return found;
    };
    const double shape_area = shape.area();
    double faces_area = 0.0;
    std::vector<Block> blocks = blocks_of(exact_faces(shape, pieces), faces_area);
    if (std::fabs(faces_area - shape_area) > 1e-12 * shape_area + 1e-6) {
        // The line pieces did not meet the rings at ring vertices only (a near-degenerate
        // configuration clip_lines could not resolve): let GEOS node everything together.
        blocks = blocks_of(noded_faces(shape, pieces), faces_area);
    }
    if (std::fabs(faces_area - shape_area) > 1e-9 * shape_area + 1e-6) {
        throw GeometryError("cut blocks", "grids: the blocks do not tile the village (village=" + village.code +
                                              ", village_area=" + describe(shape_area) +
                                              ", blocks_area=" + describe(faces_area) + ")");
    }
    // GEOS's face order is an implementation detail: order by interior point.
    std::sort(blocks.begin(), blocks.end(),
              [](const Block& l, const Block& r) { return lex_less(l.anchor, r.anchor); });

    // 2. Strength of every shared segment: the strongest line it lies on.
    const geo::SegmentIndex index(line_segments);
    link_neighbours(blocks, [&](XY a, XY b) {
        const XY mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
        geo::Envelope box{mid.x - kOnLineDistance, mid.y - kOnLineDistance, mid.x + kOnLineDistance,
                          mid.y + kOnLineDistance};
        int strength = kNoLine;
        for (std::size_t s : index.near(box)) {
            const auto& seg = index.segment(s);
            if (geo::distance_to_segment(mid, seg.a, seg.b) <= kOnLineDistance) {
                strength = std::max(strength, segment_kinds[s]);
            }
        }
        return strength;
    });

    // 3. Merge small blocks.
    merge_small(blocks, small, large, true);

    // 4. Split large blocks on the grid; 5. pieces.
    auto emit = [&](Geometry g) {
        CellPiece piece;
        piece.geometry = geo::normalized(g);
        piece.anchor = interior_point(piece.geometry);
        piece.row = band_of(piece.anchor, size);
        out.push_back(std::move(piece));
    };
    for (auto& block : blocks) {
        if (!block.alive) continue;
        if (!(block.area > large)) {
            emit(std::move(block.geometry));
            continue;
        }
        std::vector<Block> parts = split_on_grid(block.geometry, size);
        link_neighbours(parts, [](XY, XY) { return kNoLine; });
        merge_small(parts, small, large, false);
        for (auto& p : parts) {
            if (p.alive) emit(std::move(p.geometry));
        }
    }
    // West->east along a row, rows north->south (cell_piece.hpp).
    std::sort(out.begin(), out.end(), numbered_before);
    return out;
}

}  // namespace respgrid::grids

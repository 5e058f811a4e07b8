#include "respgrid/grids/hex_grid.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace respgrid::grids {

namespace {

// Corner offsets of a flat-topped hexagon in lattice units (X, Y), counter-clockwise from east.
constexpr int kCornerDx[6] = {2, 1, -1, -2, -1, 1};
constexpr int kCornerDy[6] = {0, 1, 1, 0, -1, -1};

struct Lattice {
    double hx;  // x of one lattice unit: size / (2·sqrt(3))
    double hy;  // y of one lattice unit: size / 2
    explicit Lattice(double size) : hx(size / (2.0 * std::sqrt(3.0))), hy(size / 2.0) {}
    // Hexagon (q, r) in axial coordinates: centre at lattice (3q, 2r + q).
    [[nodiscard]] geo::XY corner(long long q, long long r, int k) const {
        return {static_cast<double>(3 * q + kCornerDx[k]) * hx, static_cast<double>(2 * r + q + kCornerDy[k]) * hy};
    }
    [[nodiscard]] geo::XY centre(long long q, long long r) const {
        return {static_cast<double>(3 * q) * hx, static_cast<double>(2 * r + q) * hy};
    }
    [[nodiscard]] geo::Ring ring(long long q, long long r) const {
        geo::Ring out;
        for (int k = 0; k <= 6; ++k) out.push_back(corner(q, r, k % 6));
        return out;
    }
};


// Every hexagon (q, r) whose bounding box meets `box`.
template <typename Visit>
void for_each_hex(const geo::Envelope& box, const Lattice& lat, Visit visit) {
    auto q0 = static_cast<long long>(std::floor(box.min_x / (3 * lat.hx))) - 1;
    auto q1 = static_cast<long long>(std::ceil(box.max_x / (3 * lat.hx))) + 1;
    for (long long q = q0; q <= q1; ++q) {
        auto r0 = static_cast<long long>(std::floor((box.min_y / lat.hy - static_cast<double>(q)) / 2.0)) - 1;
        auto r1 = static_cast<long long>(std::ceil((box.max_y / lat.hy - static_cast<double>(q)) / 2.0)) + 1;
        for (long long r = r0; r <= r1; ++r) {
            geo::XY c = lat.centre(q, r);
            if (c.x + 2 * lat.hx < box.min_x || c.x - 2 * lat.hx > box.max_x || c.y + lat.hy < box.min_y ||
                c.y - lat.hy > box.max_y) {
                continue;
            }
            visit(q, r);
        }
    }
}

using BPoint = bg::model::d2::point_xy<double>;
using BBox = bg::model::box<BPoint>;
using Entry = std::pair<BBox, std::size_t>;

BBox box_of(const geo::Segment& s) {
    return BBox(BPoint(std::min(s.a.x, s.b.x), std::min(s.a.y, s.b.y)), BPoint(std::max(s.a.x, s.b.x), std::max(s.a.y, s.b.y)));
}

}  // namespace

std::vector<geo::Segment> hex_edges(const geo::Envelope& box, double size) {
    Lattice lat(size);
    // Each edge belongs to two hexagons: keep one copy, keyed by its lattice end points.
    std::set<std::tuple<long long, long long, long long, long long>> seen;
    std::vector<geo::Segment> edges;
    for_each_hex(box, lat, [&](long long q, long long r) {
        for (int k = 0; k < 6; ++k) {
            long long ax = 3 * q + kCornerDx[k], ay = 2 * r + q + kCornerDy[k];
            long long bx = 3 * q + kCornerDx[(k + 1) % 6], by = 2 * r + q + kCornerDy[(k + 1) % 6];
            auto key = std::tie(ax, ay, bx, by) < std::tie(bx, by, ax, ay) ? std::make_tuple(ax, ay, bx, by)
                                                                            : std::make_tuple(bx, by, ax, ay);
            if (seen.insert(key).second) edges.push_back({lat.corner(q, r, k), lat.corner(q, r, (k + 1) % 6)});
        }
    });
    return edges;
}

std::vector<CellPiece> cut_hexes(const geo::Geometry& area, double size) {
    std::vector<CellPiece> pieces;
    geo::Envelope env = area.envelope();
    if (env.empty()) return pieces;
    Lattice lat(size);
    // The boundary gets a vertex wherever a hexagon edge crosses it; hexagons cut by the
    // boundary get the same vertices (computed against the original boundary segments).
    const std::vector<geo::Segment> boundary = geo::segments_of(area);
    geo::Geometry split_area = geo::split_at_crossings(area, hex_edges(env, size));
    // Inserting rounded crossings can, rarely, make a nearly self-touching ring invalid, and GEOS
    // overlay on an invalid polygon answers anything: repair it, as the square method does.
    if (!split_area.is_valid()) split_area = split_area.make_valid().polygonal();
    std::vector<Entry> entries;
    entries.reserve(boundary.size());
    for (std::size_t i = 0; i < boundary.size(); ++i) entries.emplace_back(box_of(boundary[i]), i);
    bgi::rtree<Entry, bgi::rstar<16>> tree(entries.begin(), entries.end());
    geo::PreparedGeometry prepared(split_area);

    for_each_hex(env, lat, [&](long long q, long long r) {
        geo::Ring ring = lat.ring(q, r);
        geo::Geometry hex = geo::Geometry::from_polygons({{ring}});
        if (!prepared.intersects(hex)) return;
        CellPiece piece;
        piece.anchor = lat.centre(q, r);
        piece.row = static_cast<long long>(std::floor(piece.anchor.y / size));
        piece.column = q;
        if (prepared.contains_properly(hex)) {
            piece.geometry = std::move(hex);
        } else {
            geo::Envelope he = hex.envelope();
            std::vector<geo::Segment> near;
            tree.query(bgi::intersects(BBox(BPoint(he.min_x, he.min_y), BPoint(he.max_x, he.max_y))),
                       boost::make_function_output_iterator([&](const Entry& e) { near.push_back(boundary[e.second]); }));
            geo::Geometry clipped = geo::split_at_crossings(hex, near).intersection(split_area).polygonal();
            if (clipped.is_empty() || clipped.area() <= 0.0) return;
            piece.geometry = clipped.num_geometries() == 1 ? clipped.part(0) : std::move(clipped);
        }
        pieces.push_back(std::move(piece));
    });
    return pieces;
}

}  // namespace respgrid::grids

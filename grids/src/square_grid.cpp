#include "respgrid/grids/square_grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "respgrid/geo/densify.hpp"
#include "respgrid/grids/generator.hpp"

namespace respgrid::grids {

namespace {

// A point inserted into an edge: its parameter along the canonical direction.
struct Crossing {
    double t;
    geo::XY point;
    bool on_vertical_line;
};

// Crossings of segment a->b (a < b lexicographically) with the grid lines, ordered from a.
std::vector<geo::XY> grid_crossings(geo::XY a, geo::XY b, double size) {
    std::vector<Crossing> found;
    if (a.x != b.x) {
        double lo = std::min(a.x, b.x), hi = std::max(a.x, b.x);
        for (double i = std::floor(lo / size) + 1; i * size < hi; ++i) {
            double x = i * size;
            if (x <= lo) continue;
            double t = (x - a.x) / (b.x - a.x);
            found.push_back({t, {x, a.y + t * (b.y - a.y)}, true});
        }
    }
    if (a.y != b.y) {
        double lo = std::min(a.y, b.y), hi = std::max(a.y, b.y);
        for (double j = std::floor(lo / size) + 1; j * size < hi; ++j) {
            double y = j * size;
            if (y <= lo) continue;
            double t = (y - a.y) / (b.y - a.y);
            found.push_back({t, {a.x + t * (b.x - a.x), y}, false});
        }
    }
    std::sort(found.begin(), found.end(), [](const Crossing& l, const Crossing& r) { return l.t < r.t; });
    std::vector<geo::XY> points;
    points.reserve(found.size());
    for (std::size_t k = 0; k < found.size(); ++k) {
        // An edge through a grid node crosses a vertical and a horizontal line at (almost) the
        // same place: insert the node itself once rather than two points a rounding error apart.
        if (k + 1 < found.size() && found[k + 1].t - found[k].t < 1e-12 &&
            found[k].on_vertical_line != found[k + 1].on_vertical_line) {
            const auto& v = found[k].on_vertical_line ? found[k] : found[k + 1];
            const auto& h = found[k].on_vertical_line ? found[k + 1] : found[k];
            points.push_back({v.point.x, h.point.y});
            ++k;
            continue;
        }
        points.push_back(found[k].point);
    }
    return points;
}

geo::Geometry square(long long i, long long j, double size) {
    return geo::Geometry::rectangle(static_cast<double>(i) * size, static_cast<double>(j) * size,
                                    static_cast<double>(i + 1) * size, static_cast<double>(j + 1) * size);
}

// One row of squares: which columns the boundary touches, and the x positions where the
// boundary crosses the row's middle line (to tell inside from outside for the other columns).
struct RowScan {
    std::vector<long long> boundary_columns;  // sorted, unique
    std::vector<double> crossings;            // sorted
};

std::vector<RowScan> scan_rows(const std::vector<geo::Segment>& segments, long long i0, long long i1, long long j0,
                               long long j1, double size) {
    std::vector<RowScan> rows(static_cast<std::size_t>(j1 - j0));
    auto clamp_row = [&](long long j) { return std::clamp(j, j0, j1 - 1); };
    auto clamp_col = [&](long long i) { return std::clamp(i, i0, i1 - 1); };
    for (const auto& seg : segments) {
        double ylo = std::min(seg.a.y, seg.b.y), yhi = std::max(seg.a.y, seg.b.y);
        long long first = clamp_row(static_cast<long long>(std::floor(ylo / size)));
        long long last = clamp_row(static_cast<long long>(std::floor(yhi / size)));
        // A segment ending exactly on a grid line also touches the row below it.
        if (first > j0 && ylo == static_cast<double>(first) * size) --first;
        for (long long j = first; j <= last; ++j) {
            RowScan& row = rows[static_cast<std::size_t>(j - j0)];
            double y0 = static_cast<double>(j) * size, y1 = y0 + size, ymid = y0 + size / 2;
            double xa, xb;
            if (seg.a.y == seg.b.y) {
                xa = seg.a.x;
                xb = seg.b.x;
            } else {
                auto x_at = [&](double y) { return seg.a.x + (y - seg.a.y) * (seg.b.x - seg.a.x) / (seg.b.y - seg.a.y); };
                xa = x_at(std::clamp(y0, ylo, yhi));
                xb = x_at(std::clamp(y1, ylo, yhi));
                if ((seg.a.y > ymid) != (seg.b.y > ymid)) row.crossings.push_back(x_at(ymid));
            }
            // Closed ranges: a boundary along a cell's edge makes the cell a boundary cell too,
            // which only costs a clip.
            long long c0 = clamp_col(static_cast<long long>(std::floor(std::min(xa, xb) / size)));
            long long c1 = clamp_col(static_cast<long long>(std::floor(std::max(xa, xb) / size)));
            if (c0 > i0 && std::min(xa, xb) == static_cast<double>(c0) * size) --c0;
            for (long long i = c0; i <= c1; ++i) row.boundary_columns.push_back(i);
        }
    }
    for (auto& row : rows) {
        std::sort(row.boundary_columns.begin(), row.boundary_columns.end());
        row.boundary_columns.erase(std::unique(row.boundary_columns.begin(), row.boundary_columns.end()),
                                   row.boundary_columns.end());
        std::sort(row.crossings.begin(), row.crossings.end());
    }
    return rows;
}

CellPiece make_piece(geo::Geometry g, long long i, long long j, double size) {
    CellPiece p;
    p.geometry = std::move(g);
    p.row = j;
    p.column = i;
    p.anchor = {(static_cast<double>(i) + 0.5) * size, (static_cast<double>(j) + 0.5) * size};
    return p;
}

// A whole square, as its box only unless a GEOS geometry is asked for.
CellPiece whole_square(long long i, long long j, double size, bool with_geometry) {
    if (with_geometry) return make_piece(square(i, j, size), i, j, size);
    CellPiece p;
    p.box = geo::Envelope{static_cast<double>(i) * size, static_cast<double>(j) * size,
                          static_cast<double>(i + 1) * size, static_cast<double>(j + 1) * size};
    p.row = j;
    p.column = i;
    p.anchor = {(static_cast<double>(i) + 0.5) * size, (static_cast<double>(j) + 0.5) * size};
    return p;
}

constexpr long long kRowsPerBand = 8;

// The vertices of `source` lying on the border of `box`, inserted into the axis-parallel edges of
// `clipped` that run along that border.
geo::Geometry restore_edge_vertices(geo::Geometry clipped, const geo::Envelope& box,
                                    const std::vector<geo::XY>& source) {
    std::vector<geo::XY> on_border;
    for (const auto& p : source) {
        if (p.x < box.min_x || p.x > box.max_x || p.y < box.min_y || p.y > box.max_y) continue;
        if (p.x == box.min_x || p.x == box.max_x || p.y == box.min_y || p.y == box.max_y) on_border.push_back(p);
    }
    if (on_border.empty()) return clipped;
    return geo::split_segments(clipped, [&](geo::XY a, geo::XY b) {
        std::vector<geo::XY> inside;
        if (a.x == b.x && (a.x == box.min_x || a.x == box.max_x)) {
            for (const auto& p : on_border) {
                if (p.x == a.x && p.y > std::min(a.y, b.y) && p.y < std::max(a.y, b.y)) inside.push_back(p);
            }
        } else if (a.y == b.y && (a.y == box.min_y || a.y == box.max_y)) {
            for (const auto& p : on_border) {
                if (p.y == a.y && p.x > std::min(a.x, b.x) && p.x < std::max(a.x, b.x)) inside.push_back(p);
            }
        }
        // a < b lexicographically, so sorting lexicographically orders them from a to b.
        std::sort(inside.begin(), inside.end(), [](geo::XY l, geo::XY r) { return std::tie(l.x, l.y) < std::tie(r.x, r.y); });
        inside.erase(std::unique(inside.begin(), inside.end()), inside.end());
        return inside;
    });
}

}  // namespace

geo::Geometry densify_at_grid_lines(const geo::Geometry& polygonal, double size) {
    return geo::split_segments(polygonal, [size](geo::XY a, geo::XY b) { return grid_crossings(a, b, size); });
}

std::vector<CellPiece> cut_squares(const geo::Geometry& area, double size, bool whole_as_geometry) {
    std::vector<CellPiece> pieces;
    geo::Envelope env = area.envelope();
    if (env.empty()) return pieces;
    const auto i0 = static_cast<long long>(std::floor(env.min_x / size));
    const auto i1 = std::max(i0 + 1, static_cast<long long>(std::ceil(env.max_x / size)));
    const auto j0 = static_cast<long long>(std::floor(env.min_y / size));
    const auto j1 = std::max(j0 + 1, static_cast<long long>(std::ceil(env.max_y / size)));
    const auto rows = scan_rows(geo::segments_of(area), i0, i1, j0, j1, size);
    const double x0 = static_cast<double>(i0) * size, x1 = static_cast<double>(i1) * size;

    // Boundary squares are clipped against a row strip of the area, itself cut from a band of
    // kRowsPerBand rows: each overlay then works on a small piece, not the whole area.
    geo::Geometry band;
    long long band_index = -1;
    for (long long j = j0; j < j1; ++j) {
        const RowScan& row = rows[static_cast<std::size_t>(j - j0)];
        // Whole squares: columns the boundary does not touch whose centre is inside.
        std::size_t b = 0, c = 0;
        for (long long i = i0; i < i1; ++i) {
            while (b < row.boundary_columns.size() && row.boundary_columns[b] < i) ++b;
            if (b < row.boundary_columns.size() && row.boundary_columns[b] == i) continue;
            double cx = (static_cast<double>(i) + 0.5) * size;
            while (c < row.crossings.size() && row.crossings[c] < cx) ++c;
            if (c % 2 == 1) pieces.push_back(whole_square(i, j, size, whole_as_geometry));
        }
        if (row.boundary_columns.empty()) continue;
        if ((j - j0) / kRowsPerBand != band_index) {
            band_index = (j - j0) / kRowsPerBand;
            long long first = j0 + band_index * kRowsPerBand;
            double by0 = static_cast<double>(first) * size;
            double by1 = static_cast<double>(std::min(first + kRowsPerBand, j1)) * size;
            band = area.intersection(geo::Geometry::rectangle(x0, by0, x1, by1)).polygonal();
        }
        geo::Geometry strip = band.intersection(geo::Geometry::rectangle(x0, static_cast<double>(j) * size, x1,
                                                                         static_cast<double>(j + 1) * size))
                                  .polygonal();
        if (strip.is_empty()) continue;
        std::vector<geo::XY> strip_vertices;
        for (const auto& rings : strip.polygons()) {
            for (const auto& ring : rings) strip_vertices.insert(strip_vertices.end(), ring.begin(), ring.end());
        }
        // No containment test: a square's top and bottom lie on its strip's border, so a strip
        // never contains a square properly, and a square the boundary only touches clips to
        // nothing (skipped below). Clipping every boundary column is what a prepared test would
        // have left to do anyway: the boundary runs through each of them.
        for (long long i : row.boundary_columns) {
            // The strip's crossings with the square's edges are vertices already (densified at
            // the grid lines), so the fast rectangle clip computes no new point. It does drop the
            // strip's vertices that lie on the square's edges; they are put back, so that
            // neighbouring cells share every vertex. The overlay is the fallback for the rare
            // result the clip gets wrong (invalid).
            const geo::Envelope box{static_cast<double>(i) * size, static_cast<double>(j) * size,
                                    static_cast<double>(i + 1) * size, static_cast<double>(j + 1) * size};
            geo::Geometry clipped = restore_edge_vertices(strip.clip_by_rect(box).polygonal(), box, strip_vertices);
            if (!clipped.is_valid()) clipped = square(i, j, size).intersection(strip).polygonal();
            if (clipped.is_empty() || clipped.area() <= 0.0) continue;
            pieces.push_back(make_piece(clipped.num_geometries() == 1 ? clipped.part(0) : std::move(clipped), i, j, size));
        }
    }
    return pieces;
}

std::vector<GridCell> cut_square_grid(std::span<const AdminUnit> villages, const SquareGridOptions& options,
                                      const Progress& progress) {
    GridOptions o;
    o.method = GridMethod::Square;
    o.cell_size_m = options.cell_size_m;
    o.scheme = options.scheme;
    o.min_piece_fraction = 0.0;
    GridInputs inputs;
    inputs.villages = villages;
    return generate_grids(inputs, o, progress).cells;
}

}  // namespace respgrid::grids

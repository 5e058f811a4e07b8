#include "respgrid/grids/square_grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "respgrid/geo/densify.hpp"

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

// The cells of one village, unnumbered.
std::vector<GridCell> cut_village(const AdminUnit& village, const geo::Geometry& dense, double size) {
    std::vector<GridCell> cells;
    geo::Envelope env = dense.envelope();
    if (env.empty()) return cells;
    auto i0 = static_cast<long long>(std::floor(env.min_x / size));
    auto i1 = static_cast<long long>(std::ceil(env.max_x / size));
    auto j0 = static_cast<long long>(std::floor(env.min_y / size));
    auto j1 = static_cast<long long>(std::ceil(env.max_y / size));
    // Clip row strips first: each cell is then cut against a small piece, not the whole village.
    for (long long j = j0; j < j1; ++j) {
        geo::Geometry strip = geo::Geometry::rectangle(static_cast<double>(i0) * size, static_cast<double>(j) * size,
                                                       static_cast<double>(i1) * size,
                                                       static_cast<double>(j + 1) * size);
        geo::Geometry piece = dense.intersection(strip).polygonal();
        if (piece.is_empty()) continue;
        geo::PreparedGeometry prepared(piece);
        geo::Envelope piece_env = piece.envelope();
        auto pi0 = static_cast<long long>(std::floor(piece_env.min_x / size));
        auto pi1 = static_cast<long long>(std::ceil(piece_env.max_x / size));
        for (long long i = pi0; i < pi1; ++i) {
            geo::Geometry sq = square(i, j, size);
            if (!prepared.intersects(sq)) continue;
            GridCell cell;
            if (prepared.contains(sq)) {
                cell.geometry = std::move(sq);
            } else {
                geo::Geometry clipped = sq.intersection(piece).polygonal();
                if (clipped.is_empty() || clipped.area() <= 0.0) continue;
                cell.geometry = clipped.num_geometries() == 1 ? clipped.part(0) : std::move(clipped);
            }
            cell.area_m2 = cell.geometry.area();
            cell.column = i;
            cell.row = j;
            cell.village_code = village.code;
            cell.township_code = village.parent_code;
            cells.push_back(std::move(cell));
        }
    }
    return cells;
}

}  // namespace

geo::Geometry densify_at_grid_lines(const geo::Geometry& polygonal, double size) {
    return geo::split_segments(polygonal, [size](geo::XY a, geo::XY b) { return grid_crossings(a, b, size); });
}

std::vector<GridCell> cut_square_grid(std::span<const AdminUnit> villages, const SquareGridOptions& options,
                                      const Progress& progress) {
    if (!(options.cell_size_m > 0.0) || !std::isfinite(options.cell_size_m)) {
        throw std::invalid_argument("grids: cell size must be a positive number of metres");
    }
    std::vector<const AdminUnit*> ordered;
    for (const auto& v : villages) ordered.push_back(&v);
    std::sort(ordered.begin(), ordered.end(), [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });

    std::vector<GridCell> all;
    for (std::size_t n = 0; n < ordered.size(); ++n) {
        const AdminUnit& village = *ordered[n];
        geo::Geometry dense = densify_at_grid_lines(village.geometry, options.cell_size_m);
        // Inserting points can, rarely, make a nearly self-touching ring invalid; GEOS overlay
        // needs valid input, so repair here (only that village's coordinates move, by rounding).
        if (!dense.is_valid()) dense = dense.make_valid().polygonal();
        auto cells = cut_village(village, dense, options.cell_size_m);
        // West->east within a row, rows north->south.
        std::sort(cells.begin(), cells.end(), [](const GridCell& a, const GridCell& b) {
            return a.row != b.row ? a.row > b.row : a.column < b.column;
        });
        for (std::size_t k = 0; k < cells.size(); ++k) {
            cells[k].code = make_grid_code(village.code, static_cast<int>(k + 1), options.scheme);
            cells[k].name = village.name + "第" + std::to_string(k + 1) + "网格";
        }
        std::move(cells.begin(), cells.end(), std::back_inserter(all));
        report(progress, static_cast<double>(n + 1) / static_cast<double>(ordered.size()), "cutting grid cells");
    }
    return all;
}

}  // namespace respgrid::grids

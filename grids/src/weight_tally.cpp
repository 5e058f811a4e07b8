#include "respgrid/grids/weight_tally.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {

namespace {

// A cell whose area is its envelope's is that rectangle (the whole squares of a square grid):
// covering is then a comparison of coordinates, no GEOS call.
bool is_its_envelope(const GridCell& cell) {
    const geo::Envelope& e = cell.envelope;
    const double box = (e.max_x - e.min_x) * (e.max_y - e.min_y);
    return box > 0.0 && std::abs(box - cell.area_m2) <= 1e-9 * box;
}

// Points are searched by column of this width, then by y: a cell looks at the points of the
// columns it spans, not at a strip across the whole county.
constexpr double kColumnWidthM = 100.0;

long long column_of(double x) { return static_cast<long long>(std::floor(x / kColumnWidthM)); }

bool in_envelope(const geo::Envelope& e, const geo::XY& p) {
    return p.x >= e.min_x && p.x <= e.max_x && p.y >= e.min_y && p.y <= e.max_y;
}

}  // namespace

WeightTally::WeightTally(std::span<const WeightPoint> points) {
    for (const auto& p : points) {
        if (!std::isfinite(p.weight) || !(p.weight > 0.0) || !std::isfinite(p.position.x) ||
            !std::isfinite(p.position.y)) {
            continue;
        }
        points_.push_back(p);
        total_ += p.weight;
    }
    std::sort(points_.begin(), points_.end(), [](const WeightPoint& a, const WeightPoint& b) {
        const long long ca = column_of(a.position.x), cb = column_of(b.position.x);
        return ca != cb ? ca < cb : a.position.y < b.position.y;
    });
    taken_.assign(points_.size(), false);
}

void WeightTally::assign(std::span<GridCell> cells) {
    for (auto& cell : cells) {
        cell.weight = 0.0;
        if (points_.empty() || cell.envelope.empty()) continue;
        const geo::Envelope& e = cell.envelope;
        const bool rectangle = is_its_envelope(cell);
        std::optional<geo::PreparedGeometry> shape;  // made for the first candidate only
        std::optional<geo::Geometry> base;
        // The columns the cell spans, each searched from the cell's lowest y.
        const auto before = [](const WeightPoint& p, std::pair<long long, double> key) {
            const long long c = column_of(p.position.x);
            return c != key.first ? c < key.first : p.position.y < key.second;
        };
        for (long long column = column_of(e.min_x); column <= column_of(e.max_x); ++column) {
            auto it = std::lower_bound(points_.begin(), points_.end(), std::pair{column, e.min_y}, before);
            for (; it != points_.end() && column_of(it->position.x) == column && it->position.y <= e.max_y; ++it) {
                const std::size_t n = static_cast<std::size_t>(it - points_.begin());
                if (taken_[n] || !in_envelope(e, it->position)) continue;
                if (!rectangle) {
                    if (!shape) {
                        base.emplace(cell.shape());
                        shape.emplace(*base);
                    }
                    if (!shape->covers(geo::Geometry::point(it->position))) continue;
                }
                taken_[n] = true;
                cell.weight += it->weight;
                assigned_ += it->weight;
            }
        }
    }
}

}  // namespace respgrid::grids

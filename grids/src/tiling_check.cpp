#include "respgrid/grids/tiling_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <utility>
#include <vector>

#include "respgrid/geo/linework.hpp"

namespace respgrid::grids {

namespace {
// How far a cut's border may lie from the village's drawn border: noding (a neighbour's vertex
// within geo::kContactTolerance of an edge goes into it) and the rounding of computed crossings,
// with room to spare.
constexpr double kBorderShiftM = 2.0 * geo::kContactTolerance;
}  // namespace

TilingError::TilingError(std::string village_code, const std::string& what)
    : GeometryError("verify grids", what + " (village='" + village_code + "')"), village_code_(std::move(village_code)) {}

bool TilingMeasure::tiles() const {
    return std::fabs(grid_area_m2 - village_area_m2) <= tolerance_m2 && overlap_m2 <= tolerance_m2 &&
           outside_m2 <= tolerance_m2 && missing_m2 <= tolerance_m2;
}

// What an exact tiling can honestly be off by, in m².
//   * Rounding. Every vertex a cutter computes (a crossing of a grid line with the village
//     border) is the nearest double to the true point: at Gauss-Krüger magnitudes (northings near
//     4e6 m) within 5e-10 m of it. A border of length P displaced that far changes the area by at
//     most P·5e-10 m²; summing the grids' own areas (GEOS subtracts the first vertex, so each
//     sum is over small numbers) adds far less. The relative term 1e-9·area covers this for any
//     village wider than a few metres: 0.1 m² for a 10 km² village, where rounding is ~1e-5 m².
//   * Noding. Before cutting, a village takes the vertices of its neighbours that lie within
//     geo::kContactTolerance (1 µm) of its edges, so its border may move by up to that much:
//     at most P·1 µm of area; kBorderShiftM doubles it for the rounding on top. This term is
//     absolute, so a tiny village is not held to less than its border's rounding; a real
//     defect (a grid in the wrong place, a missing hexagon) is metres wide.
double tiling_tolerance(double village_area_m2, double village_perimeter_m) {
    return 1e-9 * village_area_m2 + kBorderShiftM * village_perimeter_m;
}

namespace {

double box_area(const geo::Envelope& b) { return (b.max_x - b.min_x) * (b.max_y - b.min_y); }

// The area two boxes share (0 when they only touch).
double shared_area(const geo::Envelope& a, const geo::Envelope& b) {
    const double w = std::min(a.max_x, b.max_x) - std::max(a.min_x, b.min_x);
    const double h = std::min(a.max_y, b.max_y) - std::max(a.min_y, b.min_y);
    return w > 0.0 && h > 0.0 ? w * h : 0.0;
}

// Boxes sorted by their west edge, to find those that can meet a given box without testing all.
class BoxIndex {
public:
    explicit BoxIndex(std::span<const geo::Envelope> boxes) : boxes_(boxes.begin(), boxes.end()) {
        std::sort(boxes_.begin(), boxes_.end(),
                  [](const geo::Envelope& l, const geo::Envelope& r) { return std::tie(l.min_x, l.min_y) < std::tie(r.min_x, r.min_y); });
        for (const auto& b : boxes_) widest_ = std::max(widest_, b.max_x - b.min_x);
    }
    [[nodiscard]] const std::vector<geo::Envelope>& boxes() const { return boxes_; }
    // Calls fn(k) for every box k whose interior can meet `e`'s, and perhaps a few more.
    template <class Fn>
    void for_each_near(const geo::Envelope& e, Fn fn) const {
        auto first = std::lower_bound(boxes_.begin(), boxes_.end(), e.min_x - widest_,
                                      [](const geo::Envelope& b, double x) { return b.min_x < x; });
        for (auto it = first; it != boxes_.end() && it->min_x < e.max_x; ++it) {
            fn(static_cast<std::size_t>(it - boxes_.begin()));
        }
    }

private:
    std::vector<geo::Envelope> boxes_;
    double widest_ = 0.0;
};

// The boxes merged into runs along rows: boxes of the same rows that meet end to end.
std::vector<geo::Envelope> row_runs(std::vector<geo::Envelope> boxes) {
    std::sort(boxes.begin(), boxes.end(), [](const geo::Envelope& l, const geo::Envelope& r) {
        return std::tie(l.min_y, l.max_y, l.min_x) < std::tie(r.min_y, r.max_y, r.min_x);
    });
    std::vector<geo::Envelope> runs;
    for (const auto& b : boxes) {
        if (!runs.empty() && runs.back().min_y == b.min_y && runs.back().max_y == b.max_y && runs.back().max_x == b.min_x) {
            runs.back().max_x = b.max_x;
        } else {
            runs.push_back(b);
        }
    }
    return runs;
}

// The pairs of shapes (indices, first < second) whose envelopes' interiors meet.
std::vector<std::pair<std::size_t, std::size_t>> meeting_pairs(std::span<const geo::Geometry* const> shapes) {
    std::vector<geo::Envelope> env;
    env.reserve(shapes.size());
    for (const auto* g : shapes) env.push_back(g->envelope());
    std::vector<std::size_t> order(shapes.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&env](std::size_t a, std::size_t b) { return env[a].min_x < env[b].min_x; });
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t a = 0; a < order.size(); ++a) {
        for (std::size_t b = a + 1; b < order.size() && env[order[b]].min_x < env[order[a]].max_x; ++b) {
            if (shared_area(env[order[a]], env[order[b]]) > 0.0) {
                pairs.emplace_back(std::min(order[a], order[b]), std::max(order[a], order[b]));
            }
        }
    }
    return pairs;
}

}  // namespace

TilingMeasure measure_tiling(const geo::Geometry& village, std::span<const geo::Geometry* const> grids) {
    return measure_tiling(village, grids, {});
}

TilingMeasure measure_tiling(const geo::Geometry& village, std::span<const geo::Geometry* const> shapes,
                             std::span<const geo::Envelope> boxes) {
    TilingMeasure m;
    m.village_area_m2 = village.area();
    m.tolerance_m2 = tiling_tolerance(m.village_area_m2, village.length());
    double shapes_area = 0.0;
    for (const auto* g : shapes) shapes_area += g->area();
    m.grid_area_m2 = shapes_area;
    for (const auto& b : boxes) m.grid_area_m2 += box_area(b);
    // Shapes can overlap only where their envelopes' interiors meet. A square cut's pieces each
    // lie in their own square, so such pairs are few (a merged sliver and its neighbours) and
    // each is measured by an overlay; other methods' pieces (hexagons, blocks) have neighbours
    // all around whose envelopes meet theirs: their union is cheaper then. The shapes of a
    // village share their edges exactly, so that is GEOS's fast coverage union; the general
    // union only when they do not.
    const auto pairs = meeting_pairs(shapes);
    const bool pairwise = pairs.size() <= shapes.size() / 8;
    geo::Geometry all = geo::Geometry::empty_multipolygon();
    if (pairwise) {
        for (const auto& [a, b] : pairs) m.overlap_m2 += shapes[a]->intersection(*shapes[b]).area();
    } else {
        all = geo::Geometry::union_of_tiles(shapes);
        m.overlap_m2 = shapes_area - all.area();
    }
    // Boxes overlap each other, or a shape, only where their interiors meet: each pair is
    // measured (boxes by arithmetic, a box and a shape by a rectangle clip, which only runs
    // when the shape's envelope reaches into the box). A pairwise sum counts an area claimed
    // three times twice, so it overstates an overlap, never hides one.
    const BoxIndex index(boxes);
    const auto& sorted = index.boxes();
    for (std::size_t k = 0; k < sorted.size(); ++k) {
        index.for_each_near(sorted[k], [&](std::size_t other) {
            if (other > k) m.overlap_m2 += shared_area(sorted[k], sorted[other]);
        });
    }
    for (const auto* g : shapes) {
        const geo::Envelope e = g->envelope();
        index.for_each_near(e, [&](std::size_t k) {
            if (shared_area(e, sorted[k]) > 0.0) m.overlap_m2 += g->clip_by_rect(sorted[k]).area();
        });
    }
    // Grids within the border allowance of the village (the village grown by it) count as
    // inside: prepared tests (of each shape, or of the shapes' union, and of each run of boxes),
    // no overlay. Only what fails them is measured by an overlay (overlaying every border grid
    // with its village doubled the time of a grid run).
    const geo::Geometry grown = village.buffer(kBorderShiftM);
    const geo::PreparedGeometry within(grown);
    if (pairwise || !within.covers(all)) {
        for (const auto* g : shapes) {
            if (!within.covers(*g)) m.outside_m2 += g->difference(village).area();
        }
    }
    for (const auto& run : row_runs(sorted)) {
        const geo::Geometry r = geo::Geometry::rectangle(run.min_x, run.min_y, run.max_x, run.max_y);
        if (!within.covers(r)) m.outside_m2 += r.difference(village).area();
    }
    // The village's area in no grid: what the grids hold inside it, each point counted once.
    m.missing_m2 = m.village_area_m2 - (m.grid_area_m2 - m.outside_m2 - m.overlap_m2);
    return m;
}

void verify_tiling(std::string_view village_code, std::string_view village_name, const geo::Geometry& village,
                   std::span<const geo::Geometry* const> grids) {
    verify_tiling(village_code, village_name, village, grids, {});
}

void verify_tiling(std::string_view village_code, std::string_view village_name, const geo::Geometry& village,
                   std::span<const geo::Geometry* const> shapes, std::span<const geo::Envelope> boxes) {
    const TilingMeasure m = measure_tiling(village, shapes, boxes);
    if (m.tiles()) return;
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "the grids of village %.*s do not tile it: grid area %.3f m², village area %.3f m², %.3f m² of "
                  "grids outside the village, %.3f m² overlapping, %.3f m² of the village in no grid (tolerance "
                  "%.3g m²): the grids are not kept",
                  static_cast<int>(village_name.size()), village_name.data(), m.grid_area_m2, m.village_area_m2,
                  m.outside_m2, m.overlap_m2, m.missing_m2, m.tolerance_m2);
    throw TilingError(std::string(village_code), std::string("grids: ") + buf);
}

}  // namespace respgrid::grids

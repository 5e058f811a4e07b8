#include "respgrid/grids/balanced.hpp"
#include "respgrid/geo/enum_names.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/linework.hpp"
#include "respgrid/geo/half_open.hpp"
#include "respgrid/grids/square_grid.hpp"

namespace respgrid::grids {

namespace {

using geo::XY;

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr int kGrowthRounds = 30;
constexpr int kGrowthPatience = 8;  // rounds without a better partition before growth stops
constexpr int kKmeansRounds = 10;
// A road-crossing step costs this many base cells per LineKind level in the growth distance.
constexpr double kRoadPenaltyCells = 3.0;

struct Unit {
    long long i = 0;  // the aligned square it comes from
    long long j = 0;
    geo::PolygonRings rings;
    geo::Geometry geometry;
    double area = 0.0;
    XY anchor;
    double weight = 0.0;
    std::size_t part = 0;  // connected part of the unit graph
    bool whole = false;    // an unclipped square (its anchor is its centre)
};

struct Link {
    std::size_t to = 0;
    double shared = 0.0;  // length of the shared edge
    double step = 0.0;    // distance between the anchors
    int cost = 0;         // 0, or the strongest LineKind separating the two units
};

double distance(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }
double distance2(XY a, XY b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

// True when v lies exactly on the grid line k * size (the same product square() and the
// densifier compute, so the comparison is exact).
bool on_grid_line(double v, double size, long long& k) {
    double q = std::round(v / size);
    if (q * size != v) return false;
    k = static_cast<long long>(q);
    return true;
}

// ---- 1. base units ---------------------------------------------------------------------------

// The aligned squares of the (densified) village, from the square method; each polygon of a
// square is a unit of its own.
std::vector<Unit> cut_units(const geo::Geometry& dense, double size) {
    auto squares = cut_squares(dense, size);
    // North first, then west->east: unit indices are the tie-break everywhere, so fix their order
    // whatever order the square method returns.
    std::sort(squares.begin(), squares.end(), [](const CellPiece& a, const CellPiece& b) {
        return std::make_tuple(-a.row, a.column) < std::make_tuple(-b.row, b.column);
    });
    std::vector<Unit> units;
    units.reserve(squares.size());
    for (auto& square : squares) {
        const double x0 = static_cast<double>(square.column) * size, x1 = static_cast<double>(square.column + 1) * size;
        const double y0 = static_cast<double>(square.row) * size, y1 = static_cast<double>(square.row + 1) * size;
        for (auto& rings : square.geometry.polygons()) {
            Unit u;
            u.i = square.column;
            u.j = square.row;
            u.whole = rings.size() == 1 && rings[0].size() == 5 &&
                      std::all_of(rings[0].begin(), rings[0].end(), [&](const XY& p) {
                          return (p.x == x0 || p.x == x1) && (p.y == y0 || p.y == y1);
                      });
            if (u.whole) u.anchor = {x0 + size / 2, y0 + size / 2};
            u.rings = std::move(rings);
            units.push_back(std::move(u));
        }
    }
    return units;
}

// Inserts into `out` the values of `line` strictly between from and to, in travel order.
void values_between(const std::vector<double>& line, double from, double to, std::vector<double>& out) {
    out.clear();
    double lo = std::min(from, to), hi = std::max(from, to);
    auto first = std::upper_bound(line.begin(), line.end(), lo);
    auto last = std::lower_bound(line.begin(), line.end(), hi);
    if (first >= last) return;
    out.assign(first, last);
    if (from > to) std::reverse(out.begin(), out.end());
}

// Every unit vertex lying on a grid line is inserted into every unit edge along that line, so
// units on the two sides of a grid line hold the same vertices there (no T-junctions: their
// union is a clean coverage and shared edges can be matched segment by segment). Then builds
// the GEOS geometry, area and anchor of every unit and drops empty ones.
void node_units(std::vector<Unit>& units, double size) {
    std::map<long long, std::vector<double>> on_vertical;    // x = k*size -> y of the vertices on it
    std::map<long long, std::vector<double>> on_horizontal;  // y = k*size -> x of the vertices on it
    for (const auto& u : units) {
        for (const auto& ring : u.rings) {
            for (const auto& p : ring) {
                long long k = 0;
                if (on_grid_line(p.x, size, k)) on_vertical[k].push_back(p.y);
                if (on_grid_line(p.y, size, k)) on_horizontal[k].push_back(p.x);
            }
        }
    }
    for (auto* lines : {&on_vertical, &on_horizontal}) {
        for (auto& [k, values] : *lines) {
            std::sort(values.begin(), values.end());
            values.erase(std::unique(values.begin(), values.end()), values.end());
        }
    }
    std::vector<double> between;
    for (auto& u : units) {
        for (auto& ring : u.rings) {
            geo::Ring out;
            out.reserve(ring.size());
            for (std::size_t s = 0; s + 1 < ring.size(); ++s) {
                const XY a = ring[s], b = ring[s + 1];
                out.push_back(a);
                long long k = 0;
                if (a.x == b.x && a.y != b.y && on_grid_line(a.x, size, k)) {
                    values_between(on_vertical.at(k), a.y, b.y, between);
                    for (double y : between) out.push_back({a.x, y});
                } else if (a.y == b.y && a.x != b.x && on_grid_line(a.y, size, k)) {
                    values_between(on_horizontal.at(k), a.x, b.x, between);
                    for (double x : between) out.push_back({x, a.y});
                }
            }
            if (!ring.empty()) out.push_back(ring.back());
            ring = std::move(out);
        }
    }
    std::vector<Unit> kept;
    kept.reserve(units.size());
    for (auto& u : units) {
        u.geometry = geo::Geometry::from_polygons({u.rings});
        u.area = u.geometry.area();
        if (!(u.area > 0.0)) continue;
        if (!u.whole) u.anchor = interior_point(u.geometry);
        kept.push_back(std::move(u));
    }
    units = std::move(kept);
}

// ---- 2. weights ------------------------------------------------------------------------------

// The units of each aligned square, for point look-ups.
class CellIndex {
public:
    CellIndex(const std::vector<Unit>& units, double size) : size_(size) {
        for (const auto& u : units) {
            i0_ = std::min(i0_, u.i);
            i1_ = std::max(i1_, u.i + 1);
            j0_ = std::min(j0_, u.j);
            j1_ = std::max(j1_, u.j + 1);
        }
        if (units.empty()) i0_ = i1_ = j0_ = j1_ = 0;
        cells_.resize(static_cast<std::size_t>((i1_ - i0_) * (j1_ - j0_)));
        for (std::size_t n = 0; n < units.size(); ++n) cells_[index(units[n].i, units[n].j)].push_back(n);
    }
    [[nodiscard]] bool has(long long i, long long j) const { return i >= i0_ && i < i1_ && j >= j0_ && j < j1_; }
    [[nodiscard]] const std::vector<std::size_t>& at(long long i, long long j) const { return cells_[index(i, j)]; }
    [[nodiscard]] double size() const { return size_; }
    [[nodiscard]] long long i0() const { return i0_; }
    [[nodiscard]] long long i1() const { return i1_; }
    [[nodiscard]] long long j0() const { return j0_; }
    [[nodiscard]] long long j1() const { return j1_; }

private:
    [[nodiscard]] std::size_t index(long long i, long long j) const {
        return static_cast<std::size_t>((j - j0_) * (i1_ - i0_) + (i - i0_));
    }
    double size_;
    long long i0_ = std::numeric_limits<long long>::max(), i1_ = std::numeric_limits<long long>::min();
    long long j0_ = std::numeric_limits<long long>::max(), j1_ = std::numeric_limits<long long>::min();
    std::vector<std::vector<std::size_t>> cells_;
};

struct WeightTally {
    std::size_t used = 0;
    std::size_t outside = 0;
    double weight_outside = 0.0;
};

WeightTally add_weights(std::vector<Unit>& units, const CellIndex& cells, std::span<const WeightPoint> weights) {
    WeightTally tally;
    for (std::size_t n = 0; n < weights.size(); ++n) {
        const auto& w = weights[n];
        if (!std::isfinite(w.weight) || w.weight < 0.0 || !std::isfinite(w.position.x) ||
            !std::isfinite(w.position.y)) {
            throw std::invalid_argument("grids: weight point " + std::to_string(n) +
                                        " has a negative or non-finite weight or position");
        }
        // floor() of the quotient can miss by one next to a grid line: look at the 3x3 squares
        // around it; the half-open rule gives the point to exactly one unit of the tiling.
        const double qx = w.position.x / cells.size(), qy = w.position.y / cells.size();
        if (!(std::fabs(qx) < 1e15 && std::fabs(qy) < 1e15)) {  // far beyond any village
            ++tally.outside;
            tally.weight_outside += w.weight;
            continue;
        }
        auto fi = static_cast<long long>(std::floor(w.position.x / cells.size()));
        auto fj = static_cast<long long>(std::floor(w.position.y / cells.size()));
        std::size_t found = kNone;
        for (long long dj = 0; dj < 3 && found == kNone; ++dj) {
            for (long long di = 0; di < 3 && found == kNone; ++di) {
                long long i = fi + (di == 0 ? 0 : di == 1 ? -1 : 1);
                long long j = fj + (dj == 0 ? 0 : dj == 1 ? -1 : 1);
                if (!cells.has(i, j)) continue;
                for (std::size_t u : cells.at(i, j)) {
                    if (geo::half_open_contains(std::span<const geo::PolygonRings>(&units[u].rings, 1), w.position)) {
                        found = u;
                        break;
                    }
                }
            }
        }
        if (found == kNone) {
            ++tally.outside;
            tally.weight_outside += w.weight;
        } else {
            ++tally.used;
            units[found].weight += w.weight;
        }
    }
    return tally;
}

// ---- 3. adjacency and roads ------------------------------------------------------------------

struct LineSegment {
    XY a;
    XY b;
    int kind = 0;
};

// Line segments registered in the aligned squares they pass through (long segments are walked
// in steps of one square), for the separation test between neighbouring anchors.
class SegmentIndex {
public:
    SegmentIndex(const CellIndex& cells, std::span<const LineFeature> lines) : cells_(cells) {
        const double s = cells.size();
        const double min_x = static_cast<double>(cells.i0()) * s, max_x = static_cast<double>(cells.i1()) * s;
        const double min_y = static_cast<double>(cells.j0()) * s, max_y = static_cast<double>(cells.j1()) * s;
        slots_.resize(static_cast<std::size_t>((cells.i1() - cells.i0()) * (cells.j1() - cells.j0())));
        for (const auto& line : lines) {
            if (line.geometry.is_null() || line.geometry.is_empty()) continue;
            for (const auto& path : geo::paths_of(line.geometry)) {
                for (std::size_t k = 1; k < path.size(); ++k) {
                    LineSegment seg{path[k - 1], path[k], static_cast<int>(line.kind)};
                    if (std::max(seg.a.x, seg.b.x) < min_x || std::min(seg.a.x, seg.b.x) > max_x ||
                        std::max(seg.a.y, seg.b.y) < min_y || std::min(seg.a.y, seg.b.y) > max_y) {
                        continue;
                    }
                    if (seg.a == seg.b) continue;
                    add(seg);
                }
            }
        }
    }

    [[nodiscard]] bool empty() const { return segments_.empty(); }

    // The strongest kind of line that has p and q strictly on opposite sides and meets the
    // segment p-q; 0 when none. A line through an anchor, or running along p-q, does not count.
    [[nodiscard]] int separation(XY p, XY q) const {
        int best = 0;
        const double s = cells_.size();
        auto ia = static_cast<long long>(std::floor(std::min(p.x, q.x) / s));
        auto ib = static_cast<long long>(std::floor(std::max(p.x, q.x) / s));
        auto ja = static_cast<long long>(std::floor(std::min(p.y, q.y) / s));
        auto jb = static_cast<long long>(std::floor(std::max(p.y, q.y) / s));
        for (long long j = std::max(ja, cells_.j0()); j <= std::min(jb, cells_.j1() - 1); ++j) {
            for (long long i = std::max(ia, cells_.i0()); i <= std::min(ib, cells_.i1() - 1); ++i) {
                for (std::size_t n : slots_[slot(i, j)]) {
                    const auto& seg = segments_[n];
                    if (seg.kind <= best) continue;
                    int sp = geo::orientation(seg.a, seg.b, p), sq = geo::orientation(seg.a, seg.b, q);
                    if (sp == 0 || sq == 0 || sp == sq) continue;
                    int sa = geo::orientation(p, q, seg.a), sb = geo::orientation(p, q, seg.b);
                    if (sa != 0 && sa == sb) continue;
                    best = seg.kind;
                }
            }
        }
        return best;
    }

private:
    [[nodiscard]] std::size_t slot(long long i, long long j) const {
        return static_cast<std::size_t>((j - cells_.j0()) * (cells_.i1() - cells_.i0()) + (i - cells_.i0()));
    }

    void add(const LineSegment& seg) {
        const std::size_t id = segments_.size();
        segments_.push_back(seg);
        const double s = cells_.size();
        const double length = distance(seg.a, seg.b);
        const auto steps = std::max<long long>(1, static_cast<long long>(std::ceil(length / s)));
        for (long long n = 0; n < steps; ++n) {
            double t0 = static_cast<double>(n) / static_cast<double>(steps);
            double t1 = static_cast<double>(n + 1) / static_cast<double>(steps);
            XY a{seg.a.x + t0 * (seg.b.x - seg.a.x), seg.a.y + t0 * (seg.b.y - seg.a.y)};
            XY b{seg.a.x + t1 * (seg.b.x - seg.a.x), seg.a.y + t1 * (seg.b.y - seg.a.y)};
            // One square of margin: the pieces are interpolated, and a touching line must be found.
            auto ia = static_cast<long long>(std::floor(std::min(a.x, b.x) / s)) - 1;
            auto ib = static_cast<long long>(std::floor(std::max(a.x, b.x) / s)) + 1;
            auto ja = static_cast<long long>(std::floor(std::min(a.y, b.y) / s)) - 1;
            auto jb = static_cast<long long>(std::floor(std::max(a.y, b.y) / s)) + 1;
            for (long long j = std::max(ja, cells_.j0()); j <= std::min(jb, cells_.j1() - 1); ++j) {
                for (long long i = std::max(ia, cells_.i0()); i <= std::min(ib, cells_.i1() - 1); ++i) {
                    auto& list = slots_[slot(i, j)];
                    if (list.empty() || list.back() != id) list.push_back(id);
                }
            }
        }
    }

    const CellIndex& cells_;
    std::vector<LineSegment> segments_;
    std::vector<std::vector<std::size_t>> slots_;
};

// Units sharing a grid-line segment (after node_units both hold it with identical end points).
std::vector<std::vector<Link>> build_links(const std::vector<Unit>& units, double size,
                                           const SegmentIndex& roads) {
    struct Edge {
        double x1, y1, x2, y2;
        std::size_t unit;
        auto key() const { return std::tie(x1, y1, x2, y2); }
    };
    std::vector<Edge> edges;
    for (std::size_t n = 0; n < units.size(); ++n) {
        for (const auto& ring : units[n].rings) {
            for (std::size_t s = 0; s + 1 < ring.size(); ++s) {
                XY a = ring[s], b = ring[s + 1];
                long long k = 0;
                bool on_line = (a.x == b.x && a.y != b.y && on_grid_line(a.x, size, k)) ||
                               (a.y == b.y && a.x != b.x && on_grid_line(a.y, size, k));
                if (!on_line) continue;
                if (std::tie(b.x, b.y) < std::tie(a.x, a.y)) std::swap(a, b);
                edges.push_back({a.x, a.y, b.x, b.y, n});
            }
        }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge& l, const Edge& r) {
        return std::tie(l.x1, l.y1, l.x2, l.y2, l.unit) < std::tie(r.x1, r.y1, r.x2, r.y2, r.unit);
    });
    std::map<std::pair<std::size_t, std::size_t>, double> shared;
    for (std::size_t a = 0; a < edges.size();) {
        std::size_t b = a + 1;
        while (b < edges.size() && edges[b].key() == edges[a].key()) ++b;
        const double length = std::hypot(edges[a].x2 - edges[a].x1, edges[a].y2 - edges[a].y1);
        for (std::size_t p = a; p < b; ++p) {
            for (std::size_t q = p + 1; q < b; ++q) {
                if (edges[p].unit != edges[q].unit) shared[{edges[p].unit, edges[q].unit}] += length;
            }
        }
        a = b;
    }
    std::vector<std::vector<Link>> links(units.size());
    for (const auto& [pair, length] : shared) {
        const auto [u, v] = pair;
        int cost = roads.empty() ? 0 : roads.separation(units[u].anchor, units[v].anchor);
        double step = distance(units[u].anchor, units[v].anchor);
        links[u].push_back({v, length, step, cost});
        links[v].push_back({u, length, step, cost});
    }
    return links;
}

// Connected parts of the unit graph; returns the number of parts.
std::size_t label_parts(std::vector<Unit>& units, const std::vector<std::vector<Link>>& links) {
    std::vector<bool> seen(units.size(), false);
    std::size_t parts = 0;
    std::vector<std::size_t> stack;
    for (std::size_t start = 0; start < units.size(); ++start) {
        if (seen[start]) continue;
        seen[start] = true;
        stack.push_back(start);
        while (!stack.empty()) {
            std::size_t u = stack.back();
            stack.pop_back();
            units[u].part = parts;
            for (const auto& l : links[u]) {
                if (!seen[l.to]) {
                    seen[l.to] = true;
                    stack.push_back(l.to);
                }
            }
        }
        ++parts;
    }
    return parts;
}

// ---- 4. how many grids -----------------------------------------------------------------------

struct CountChoice {
    std::size_t k = 1;
    bool feasible = false;
};

// The count for the divisible weight `rest` held by `light_units` units (none heavier than
// max_weight): the share nearest the middle of the range among the shares inside it, else the
// share missing the range by the smallest fraction. 0 when `rest` is below min_weight.
CountChoice choose_light_count(double rest, std::size_t light_units, const BalancedOptions& o) {
    CountChoice choice{0, false};
    if (light_units == 0 || !(rest > 0.0) || rest < o.min_weight) return choice;
    const double mid = (o.min_weight + o.max_weight) / 2;
    // Shares only fall as k grows: no need to look past the first share below the range (below
    // the middle when the range starts at 0).
    const double smallest = o.min_weight > 0.0 ? o.min_weight : mid;
    const auto upper = static_cast<std::size_t>(
        std::min(static_cast<double>(light_units), std::floor(rest / smallest) + 1.0));
    double best_miss = std::numeric_limits<double>::infinity(), best_off = 0.0;
    for (std::size_t k = 1; k <= std::max<std::size_t>(1, upper); ++k) {
        const double share = rest / static_cast<double>(k);
        double miss = 0.0;
        if (share > o.max_weight) miss = (share - o.max_weight) / o.max_weight;
        else if (share < o.min_weight) miss = (o.min_weight - share) / o.min_weight;
        const double off = std::fabs(share - mid);
        if (miss < best_miss || (miss == best_miss && off < best_off)) {
            best_miss = miss;
            best_off = off;
            choice.k = k;
        }
    }
    choice.feasible = best_miss == 0.0;
    return choice;
}

// Every unit heavier than max_weight is a grid of its own; the rest of the weight is divided by
// choose_light_count. A rest below min_weight is one grid of its own when that misses the range
// by less than adding it to a heavy grid would (rest >= min_weight / 2), else it joins the heavy
// grids. At least one grid.
CountChoice choose_count(double total, std::size_t heavy_units, double heavy_weight, std::size_t light_units,
                         const BalancedOptions& o) {
    if (heavy_units == 0) {
        CountChoice light = choose_light_count(total, light_units, o);
        if (light.k == 0) return {1, total >= o.min_weight && total <= o.max_weight && total > 0.0};
        return light;
    }
    const double rest = std::max(0.0, total - heavy_weight);
    CountChoice light = choose_light_count(rest, light_units, o);
    if (light.k == 0 && light_units > 0 && rest > 0.0 && rest >= o.min_weight / 2) light.k = 1;
    return {heavy_units + light.k, light.k > 0 ? light.feasible : !(rest > 0.0)};
}

// Seats per part: one per heavy unit, then the remaining grids by the Sainte-Lague method on the
// parts' light weight, each part at most as many as it has light weighted units (so every grid
// starts from a weighted unit of its own).
std::vector<std::size_t> apportion(std::size_t k, const std::vector<std::size_t>& part_heavy,
                                   const std::vector<double>& part_light_weight,
                                   const std::vector<std::size_t>& part_light_units) {
    std::vector<std::size_t> seats = part_heavy;
    std::vector<std::size_t> light(part_heavy.size(), 0);
    std::size_t given = 0;
    for (std::size_t h : part_heavy) given += h;
    for (; given < k; ++given) {
        std::size_t best = kNone;
        double best_q = 0.0;
        for (std::size_t p = 0; p < part_light_weight.size(); ++p) {
            if (!(part_light_weight[p] > 0.0) || light[p] >= part_light_units[p]) continue;
            double q = part_light_weight[p] / static_cast<double>(2 * light[p] + 1);
            if (best == kNone || q > best_q) {
                best = p;
                best_q = q;
            }
        }
        if (best == kNone) break;
        ++light[best];
        ++seats[best];
    }
    return seats;
}

// ---- 5. seeds and growth ---------------------------------------------------------------------

// `count` distinct weighted units of one part spread by a weighted k-means of their anchors.
std::vector<std::size_t> choose_seeds(const std::vector<Unit>& units, const std::vector<std::size_t>& weighted,
                                      std::size_t count) {
    geo::Envelope env;
    double total = 0.0;
    for (std::size_t u : weighted) {
        env.expand(units[u].anchor);
        total += units[u].weight;
    }
    std::vector<std::size_t> order = weighted;
    const bool along_x = env.max_x - env.min_x >= env.max_y - env.min_y;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const XY pa = units[a].anchor, pb = units[b].anchor;
        if (along_x) return std::make_tuple(pa.x, -pa.y, a) < std::make_tuple(pb.x, -pb.y, b);
        return std::make_tuple(-pa.y, pa.x, a) < std::make_tuple(-pb.y, pb.x, b);
    });
    // Initial centres: the units holding the weight quantiles (g + 1/2) / count.
    std::vector<XY> centres(count);
    {
        std::size_t n = 0;
        double before = 0.0;
        for (std::size_t g = 0; g < count; ++g) {
            const double q = (static_cast<double>(g) + 0.5) * total / static_cast<double>(count);
            while (n + 1 < order.size() && before + units[order[n]].weight < q) {
                before += units[order[n]].weight;
                ++n;
            }
            centres[g] = units[order[n]].anchor;
        }
    }
    for (int round = 0; round < kKmeansRounds; ++round) {
        std::vector<double> sx(count, 0.0), sy(count, 0.0), sw(count, 0.0);
        for (std::size_t u : weighted) {
            std::size_t best = 0;
            double best_d = std::numeric_limits<double>::infinity();
            for (std::size_t g = 0; g < count; ++g) {
                double d = distance2(units[u].anchor, centres[g]);
                if (d < best_d) {
                    best_d = d;
                    best = g;
                }
            }
            sx[best] += units[u].weight * units[u].anchor.x;
            sy[best] += units[u].weight * units[u].anchor.y;
            sw[best] += units[u].weight;
        }
        for (std::size_t g = 0; g < count; ++g) {
            if (sw[g] > 0.0) centres[g] = {sx[g] / sw[g], sy[g] / sw[g]};
        }
    }
    std::vector<std::size_t> seeds;
    std::vector<bool> used(units.size(), false);
    for (std::size_t g = 0; g < count; ++g) {
        std::size_t best = kNone;
        double best_d = std::numeric_limits<double>::infinity();
        for (std::size_t u : weighted) {
            if (used[u]) continue;
            double d = distance2(units[u].anchor, centres[g]);
            if (d < best_d) {
                best_d = d;
                best = u;
            }
        }
        used[best] = true;
        seeds.push_back(best);
    }
    return seeds;
}

// `count` distinct weighted units of one part by recursive weight bisection: the units are split
// along the longer axis of their anchors' extent where the cumulative weight reaches the share
// of the first half of the seeds, recursively; each leaf's seed is its unit nearest to the
// leaf's weighted centre. Unlike k-means, remote light units never claim a seed of their own.
void bisect_seeds(const std::vector<Unit>& units, std::vector<std::size_t> members, std::size_t count,
                  std::vector<std::size_t>& seeds) {
    geo::Envelope env;
    double total = 0.0, sx = 0.0, sy = 0.0;
    for (std::size_t u : members) {
        env.expand(units[u].anchor);
        total += units[u].weight;
        sx += units[u].weight * units[u].anchor.x;
        sy += units[u].weight * units[u].anchor.y;
    }
    if (count == 1) {
        const XY c{sx / total, sy / total};
        std::size_t best = members[0];
        for (std::size_t u : members) {
            if (distance2(units[u].anchor, c) < distance2(units[best].anchor, c)) best = u;
        }
        seeds.push_back(best);
        return;
    }
    const bool along_x = env.max_x - env.min_x >= env.max_y - env.min_y;
    std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
        const XY pa = units[a].anchor, pb = units[b].anchor;
        if (along_x) return std::make_tuple(pa.x, -pa.y, a) < std::make_tuple(pb.x, -pb.y, b);
        return std::make_tuple(-pa.y, pa.x, a) < std::make_tuple(-pb.y, pb.x, b);
    });
    const std::size_t first = count / 2;
    const double goal = total * static_cast<double>(first) / static_cast<double>(count);
    // Split after `cut` units; each side keeps at least as many units as it needs seeds.
    std::size_t cut = first;
    double before = 0.0, best_miss = std::numeric_limits<double>::infinity();
    for (std::size_t n = 0; n < members.size(); ++n) {
        before += units[members[n]].weight;
        const std::size_t taken = n + 1;
        if (taken < first || members.size() - taken < count - first) continue;
        const double miss = std::fabs(before - goal);
        if (miss < best_miss) {
            best_miss = miss;
            cut = taken;
        }
    }
    bisect_seeds(units, {members.begin(), members.begin() + static_cast<std::ptrdiff_t>(cut)}, first, seeds);
    bisect_seeds(units, {members.begin() + static_cast<std::ptrdiff_t>(cut), members.end()}, count - first, seeds);
}

// Everything the growth and refinement steps share.
struct Problem {
    const std::vector<Unit>& units;
    const std::vector<std::vector<Link>>& links;
    const BalancedOptions& options;
    std::vector<std::size_t> seeds;         // one per region
    std::vector<std::size_t> region_group;  // the part each region was seeded in
    std::vector<std::size_t> group_seats;   // regions per part
    std::vector<std::size_t> host;          // units of seatless parts: the unit whose region they join
    double road_penalty = 0.0;              // metres per LineKind level
    double band = 0.0;                      // deviations from the mean share within it cost nothing
    double eps_weight = 0.0, eps_road = 1e-6, eps_balance = 0.0;
};

struct Score {
    long long violation = 0;  // weight outside the range, quantised
    long long road = 0;       // road-separating edge length inside grids, quantised
    long long balance = 0;    // squared deviation from the part's mean share beyond the band, quantised
    long long border = 0;     // length of unit edges between grids, quantised: shorter is more compact
    friend auto operator<=>(const Score&, const Score&) = default;
};

double outside_range(double w, const BalancedOptions& o) {
    return w < o.min_weight ? o.min_weight - w : w > o.max_weight ? w - o.max_weight : 0.0;
}

long long quantise(double v, double eps) { return std::llround(v / eps); }

std::vector<double> region_weights(const Problem& pb, const std::vector<std::size_t>& region_of) {
    std::vector<double> w(pb.seeds.size(), 0.0);
    for (std::size_t u = 0; u < region_of.size(); ++u) w[region_of[u]] += pb.units[u].weight;
    return w;
}

// The mean share of each region's part (weights of the part's regions / their number).
std::vector<double> region_targets(const Problem& pb, const std::vector<double>& w) {
    std::vector<double> group_weight(pb.group_seats.size(), 0.0);
    for (std::size_t r = 0; r < w.size(); ++r) group_weight[pb.region_group[r]] += w[r];
    std::vector<double> t(w.size(), 0.0);
    for (std::size_t r = 0; r < w.size(); ++r) {
        t[r] = group_weight[pb.region_group[r]] / static_cast<double>(pb.group_seats[pb.region_group[r]]);
    }
    return t;
}

double road_inside(const Problem& pb, const std::vector<std::size_t>& region_of, bool weighted_by_cost) {
    double road = 0.0;
    for (std::size_t u = 0; u < pb.units.size(); ++u) {
        for (const auto& l : pb.links[u]) {
            if (l.to > u && l.cost > 0 && region_of[l.to] == region_of[u]) {
                road += (weighted_by_cost ? l.cost : 1) * l.shared;
            }
        }
    }
    return road;
}

// Squared deviation from the target beyond the band: shares that close count as balanced, and
// compactness decides among them.
double imbalance(double w, double target, double band) {
    const double d = std::max(0.0, std::fabs(w - target) - band);
    return d * d;
}

double border_length(const Problem& pb, const std::vector<std::size_t>& region_of) {
    double border = 0.0;
    for (std::size_t u = 0; u < pb.units.size(); ++u) {
        for (const auto& l : pb.links[u]) {
            if (l.to > u && region_of[l.to] != region_of[u]) border += l.shared;
        }
    }
    return border;
}

Score score_of(const Problem& pb, const std::vector<std::size_t>& region_of) {
    auto w = region_weights(pb, region_of);
    auto t = region_targets(pb, w);
    double violation = 0.0, balance = 0.0;
    for (std::size_t r = 0; r < w.size(); ++r) {
        violation += outside_range(w[r], pb.options);
        balance += imbalance(w[r], t[r], pb.band);
    }
    return {quantise(violation, pb.eps_weight), quantise(road_inside(pb, region_of, true), pb.eps_road),
            quantise(balance, pb.eps_balance), quantise(border_length(pb, region_of), pb.eps_road)};
}

// Multi-source Dijkstra from the seeds; region r's distances are scaled by lambda[r]. Each unit
// joins the region that reaches it first, through a unit of the same region: regions are
// contiguous. Units of seatless parts join their host's region.
std::vector<std::size_t> grow(const Problem& pb, const std::vector<double>& lambda) {
    const std::size_t n = pb.units.size();
    std::vector<std::size_t> region_of(n, kNone);
    std::vector<double> best(n, std::numeric_limits<double>::infinity());
    using Entry = std::tuple<double, std::size_t, std::size_t>;  // distance, region, unit
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    for (std::size_t r = 0; r < pb.seeds.size(); ++r) {
        best[pb.seeds[r]] = 0.0;
        queue.emplace(0.0, r, pb.seeds[r]);
    }
    while (!queue.empty()) {
        auto [d, r, u] = queue.top();
        queue.pop();
        if (region_of[u] != kNone) continue;
        region_of[u] = r;
        for (const auto& l : pb.links[u]) {
            if (region_of[l.to] != kNone) continue;
            double nd = d + lambda[r] * (l.step + pb.road_penalty * l.cost);
            if (nd <= best[l.to]) {
                best[l.to] = nd;
                queue.emplace(nd, r, l.to);
            }
        }
    }
    for (std::size_t u = 0; u < n; ++u) {
        if (region_of[u] == kNone) region_of[u] = region_of[pb.host[u]];
    }
    return region_of;
}

std::vector<std::size_t> grow_balanced(const Problem& pb) {
    std::vector<double> lambda(pb.seeds.size(), 1.0);
    std::vector<std::size_t> best;
    Score best_score;
    int since_best = 0;
    double damping = 1.0;  // the steps shrink, so the factors settle instead of oscillating
    for (int round = 0; round < kGrowthRounds && since_best < kGrowthPatience; ++round, damping *= 0.9) {
        auto region_of = grow(pb, lambda);
        Score s = score_of(pb, region_of);
        if (best.empty() || s < best_score) {
            best_score = s;
            best = region_of;
            since_best = 0;
        } else {
            ++since_best;
        }
        if (s.violation == 0 && s.road == 0 && s.balance == 0) break;  // only compactness is left
        auto w = region_weights(pb, region_of);
        auto t = region_targets(pb, w);
        const double most = 1.0 + 0.25 * damping;
        for (std::size_t r = 0; r < lambda.size(); ++r) {
            double ratio = t[r] > 0.0 ? w[r] / t[r] : 1.0;
            lambda[r] *= ratio > 0.0 ? std::clamp(std::pow(ratio, 0.5 * damping), 1.0 / most, most) : 1.0 / most;
        }
    }
    return best;
}

// ---- 6. refinement ---------------------------------------------------------------------------

class Refiner {
public:
    Refiner(const Problem& pb, std::vector<std::size_t>& region_of)
        : pb_(pb), region_of_(region_of), stamp_(pb.units.size(), 0) {
        const std::size_t k = pb.seeds.size();
        weight_.assign(k, 0.0);
        count_.assign(k, 0);
        area_.assign(k, 0.0);
        sx_.assign(k, 0.0);
        sy_.assign(k, 0.0);
        for (std::size_t u = 0; u < region_of.size(); ++u) add(u, region_of[u], +1.0);
        target_ = region_targets(pb, weight_);  // moves stay inside a part: the targets are fixed
    }

    void run() {
        const std::size_t cap = 4 * pb_.units.size() + 100;
        for (std::size_t iteration = 0; iteration < cap; ++iteration) {
            if (step()) continue;
            if (!group_step()) break;
        }
    }

private:
    struct Move {
        Score delta;
        double gain;  // how much closer the unit is to the receiver's centre than to the donor's
        std::size_t unit;
        std::size_t to;
    };

    void add(std::size_t u, std::size_t r, double sign) {
        const auto& unit = pb_.units[u];
        weight_[r] += sign * unit.weight;
        count_[r] = sign > 0 ? count_[r] + 1 : count_[r] - 1;
        area_[r] += sign * unit.area;
        sx_[r] += sign * unit.area * unit.anchor.x;
        sy_[r] += sign * unit.area * unit.anchor.y;
    }

    [[nodiscard]] XY centre(std::size_t r) const { return {sx_[r] / area_[r], sy_[r] / area_[r]}; }

    [[nodiscard]] double balance_term(std::size_t r, double w) const { return imbalance(w, target_[r], pb_.band); }

    bool step() {
        std::vector<Move> moves;
        std::vector<std::size_t> neighbours;
        for (std::size_t u = 0; u < pb_.units.size(); ++u) {
            const std::size_t from = region_of_[u];
            if (count_[from] <= 1) continue;
            neighbours.clear();
            for (const auto& l : pb_.links[u]) {
                if (region_of_[l.to] != from) neighbours.push_back(region_of_[l.to]);
            }
            if (neighbours.empty()) continue;
            std::sort(neighbours.begin(), neighbours.end());
            neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
            for (std::size_t to : neighbours) {
                double road = 0.0, border = 0.0;
                for (const auto& l : pb_.links[u]) {
                    if (region_of_[l.to] == to) {
                        road += l.cost * l.shared;
                        border -= l.shared;
                    } else if (region_of_[l.to] == from) {
                        road -= l.cost * l.shared;
                        border += l.shared;
                    }
                }
                Score delta = move_delta(from, to, pb_.units[u].weight, road, border);
                if (!(delta < Score{})) continue;
                const XY a = pb_.units[u].anchor;
                moves.push_back({delta, distance(a, centre(from)) - distance(a, centre(to)), u, to});
            }
        }
        std::sort(moves.begin(), moves.end(), [](const Move& l, const Move& r) {
            return std::tie(l.delta, r.gain, l.unit, l.to) < std::tie(r.delta, l.gain, r.unit, r.to);
        });
        for (const auto& m : moves) {
            if (!stays_connected(m.unit)) continue;
            const std::size_t from = region_of_[m.unit];
            add(m.unit, from, -1.0);
            add(m.unit, m.to, +1.0);
            region_of_[m.unit] = m.to;
            return true;
        }
        return false;
    }

    // The change of the score when `moved` weight goes from one region to the other; `road` and
    // `border` are the changes of the road-edge and border lengths.
    [[nodiscard]] Score move_delta(std::size_t from, std::size_t to, double moved, double road, double border) const {
        const double dv = outside_range(weight_[from] - moved, pb_.options) +
                          outside_range(weight_[to] + moved, pb_.options) - outside_range(weight_[from], pb_.options) -
                          outside_range(weight_[to], pb_.options);
        const double db = balance_term(from, weight_[from] - moved) + balance_term(to, weight_[to] + moved) -
                          balance_term(from, weight_[from]) - balance_term(to, weight_[to]);
        return {quantise(dv, pb_.eps_weight), quantise(road, pb_.eps_road), quantise(db, pb_.eps_balance),
                quantise(border, pb_.eps_road)};
    }

    // Moves a whole pocket of a region to a neighbour: a pocket is a set of the region's units
    // linked to the rest of the region only across roads (the region's largest such block stays).
    // Single-unit moves cannot empty a pocket when moving its first unit alone gains nothing.
    bool group_step() {
        const std::size_t n = pb_.units.size();
        std::vector<std::size_t> block(n, kNone);
        std::vector<std::vector<std::size_t>> blocks;
        std::vector<double> block_area;
        for (std::size_t start = 0; start < n; ++start) {
            if (block[start] != kNone) continue;
            const std::size_t id = blocks.size();
            blocks.emplace_back();
            block_area.push_back(0.0);
            block[start] = id;
            std::vector<std::size_t> stack{start};
            while (!stack.empty()) {
                std::size_t u = stack.back();
                stack.pop_back();
                blocks[id].push_back(u);
                block_area[id] += pb_.units[u].area;
                for (const auto& l : pb_.links[u]) {
                    if (l.cost == 0 && block[l.to] == kNone && region_of_[l.to] == region_of_[u]) {
                        block[l.to] = id;
                        stack.push_back(l.to);
                    }
                }
            }
        }
        std::vector<std::size_t> keep(weight_.size(), kNone);
        for (std::size_t b = 0; b < blocks.size(); ++b) {
            std::size_t& k = keep[region_of_[blocks[b][0]]];
            if (k == kNone || block_area[b] > block_area[k]) k = b;
        }
        std::vector<Move> moves;
        std::vector<std::size_t> neighbours;
        for (std::size_t b = 0; b < blocks.size(); ++b) {
            const std::size_t from = region_of_[blocks[b][0]];
            if (keep[from] == b) continue;
            neighbours.clear();
            double moved = 0.0, sx = 0.0, sy = 0.0;
            for (std::size_t u : blocks[b]) {
                moved += pb_.units[u].weight;
                sx += pb_.units[u].area * pb_.units[u].anchor.x;
                sy += pb_.units[u].area * pb_.units[u].anchor.y;
                for (const auto& l : pb_.links[u]) {
                    if (region_of_[l.to] != from) neighbours.push_back(region_of_[l.to]);
                }
            }
            std::sort(neighbours.begin(), neighbours.end());
            neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
            const XY c{sx / block_area[b], sy / block_area[b]};
            for (std::size_t to : neighbours) {
                double road = 0.0, border = 0.0;
                for (std::size_t u : blocks[b]) {
                    for (const auto& l : pb_.links[u]) {
                        if (block[l.to] == b) continue;
                        if (region_of_[l.to] == to) {
                            road += l.cost * l.shared;
                            border -= l.shared;
                        } else if (region_of_[l.to] == from) {
                            road -= l.cost * l.shared;
                            border += l.shared;
                        }
                    }
                }
                Score delta = move_delta(from, to, moved, road, border);
                if (!(delta < Score{})) continue;
                moves.push_back({delta, distance(c, centre(from)) - distance(c, centre(to)), b, to});
            }
        }
        std::sort(moves.begin(), moves.end(), [](const Move& l, const Move& r) {
            return std::tie(l.delta, r.gain, l.unit, l.to) < std::tie(r.delta, l.gain, r.unit, r.to);
        });
        for (const auto& m : moves) {
            const auto& members = blocks[m.unit];
            const std::size_t from = region_of_[members[0]];
            if (!rest_connected(from, members)) continue;
            for (std::size_t u : members) {
                add(u, from, -1.0);
                add(u, m.to, +1.0);
                region_of_[u] = m.to;
            }
            return true;
        }
        return false;
    }

    // Connected pieces of region r without the units of `removed` (stamped out).
    std::size_t pieces_without(std::size_t r, const std::vector<std::size_t>& removed) {
        ++current_;
        for (std::size_t u : removed) stamp_[u] = current_;
        std::size_t pieces = 0;
        std::vector<std::size_t> stack;
        for (std::size_t start = 0; start < region_of_.size(); ++start) {
            if (region_of_[start] != r || stamp_[start] == current_) continue;
            ++pieces;
            stamp_[start] = current_;
            stack.push_back(start);
            while (!stack.empty()) {
                std::size_t v = stack.back();
                stack.pop_back();
                for (const auto& l : pb_.links[v]) {
                    if (region_of_[l.to] != r || stamp_[l.to] == current_) continue;
                    stamp_[l.to] = current_;
                    stack.push_back(l.to);
                }
            }
        }
        return pieces;
    }

    // Whether region r keeps units and does not fall into more pieces without `removed`.
    bool rest_connected(std::size_t r, const std::vector<std::size_t>& removed) {
        if (removed.size() >= count_[r]) return false;
        return pieces_without(r, removed) <= pieces_without(r, {});
    }

    // Whether the unit's region stays as connected as it is without the unit: all its
    // neighbours in the region still reach each other.
    bool stays_connected(std::size_t u) {
        const std::size_t r = region_of_[u];
        std::vector<std::size_t> inside;
        for (const auto& l : pb_.links[u]) {
            if (region_of_[l.to] == r) inside.push_back(l.to);
        }
        if (inside.size() <= 1) return true;
        ++current_;
        stamp_[u] = current_;
        std::vector<std::size_t> stack{inside[0]};
        stamp_[inside[0]] = current_;
        std::size_t reached = 1;
        auto is_inside = [&](std::size_t v) { return std::find(inside.begin(), inside.end(), v) != inside.end(); };
        while (!stack.empty()) {
            std::size_t v = stack.back();
            stack.pop_back();
            for (const auto& l : pb_.links[v]) {
                if (region_of_[l.to] != r || stamp_[l.to] == current_) continue;
                stamp_[l.to] = current_;
                if (is_inside(l.to) && ++reached == inside.size()) return true;
                stack.push_back(l.to);
            }
        }
        return false;
    }

    const Problem& pb_;
    std::vector<std::size_t>& region_of_;
    std::vector<double> weight_, area_, sx_, sy_, target_;
    std::vector<std::size_t> count_;
    std::vector<unsigned> stamp_;
    unsigned current_ = 0;
};

// ---- 7. pieces -------------------------------------------------------------------------------

geo::Geometry union_of_units(const std::vector<Unit>& units, const std::vector<std::size_t>& members) {
    if (members.size() == 1) return units[members[0]].geometry.clone();
    std::vector<const geo::Geometry*> parts;
    parts.reserve(members.size());
    for (std::size_t u : members) parts.push_back(&units[u].geometry);
    // The general union only when the edges do not match (e.g. after a make-valid repair moved
    // a vertex off a grid line).
    geo::Geometry merged = geo::Geometry::union_of_tiles(parts).polygonal();
    if (merged.num_geometries() == 1 && merged.type_name() == "MultiPolygon") return merged.part(0);
    return merged;
}

void check_options(const BalancedOptions& o) {
    if (!(o.base_cell_m > 0.0) || !std::isfinite(o.base_cell_m)) {
        throw std::invalid_argument("grids: base cell size must be a positive number of metres");
    }
    if (!std::isfinite(o.min_weight) || !std::isfinite(o.max_weight) || o.min_weight < 0.0 ||
        !(o.max_weight > 0.0) || o.max_weight < o.min_weight) {
        throw std::invalid_argument("grids: balanced weight range needs 0 <= min_weight <= max_weight, max_weight > 0");
    }
}

}  // namespace

namespace {
constexpr geo::EnumNames<WeightIssue, 5> kWeightIssueNames{{{{WeightIssue::None, "none"},
                                                            {WeightIssue::VillageTooLight, "village_too_light"},
                                                            {WeightIssue::HeavyUnit, "heavy_unit"},
                                                            {WeightIssue::NoFeasibleCount, "no_feasible_count"},
                                                            {WeightIssue::Contiguity, "contiguity"}}}};
}  // namespace

std::string_view to_string(WeightIssue issue) { return kWeightIssueNames.name(issue); }

std::size_t BalancedStats::count(WeightIssue issue) const {
    return static_cast<std::size_t>(
        std::count_if(per_grid.begin(), per_grid.end(), [issue](const BalancedGridStats& g) { return g.issue == issue; }));
}

std::vector<CellPiece> cut_balanced(const AdminUnit& village, std::span<const WeightPoint> weights,
                                    std::span<const LineFeature> lines, const BalancedOptions& options,
                                    BalancedStats* stats) {
    check_options(options);
    const double size = options.base_cell_m;
    BalancedStats st;
    st.village_code = village.code;
    std::vector<CellPiece> pieces;
    if (village.geometry.is_null() || village.geometry.is_empty()) {
        if (stats) *stats = std::move(st);
        return pieces;
    }

    // 1-3: units, weights, adjacency.
    geo::Geometry dense = densify_at_grid_lines(village.geometry, size);
    if (!dense.is_valid()) dense = dense.make_valid().polygonal();  // as the square method does
    std::vector<Unit> units = cut_units(dense, size);
    node_units(units, size);
    CellIndex cells(units, size);
    WeightTally tally = add_weights(units, cells, weights);
    SegmentIndex roads(cells, lines);
    auto links = build_links(units, size, roads);
    const std::size_t parts = label_parts(units, links);

    double total = 0.0, heavy_weight = 0.0;
    std::size_t weighted = 0, heavy_units = 0;
    std::vector<std::size_t> part_heavy(parts, 0), part_light_units(parts, 0);
    std::vector<double> part_light_weight(parts, 0.0);
    for (const auto& u : units) {
        total += u.weight;
        if (u.weight > 0.0) ++weighted;
        if (u.weight > options.max_weight) {
            ++heavy_units;
            heavy_weight += u.weight;
            ++part_heavy[u.part];
        } else if (u.weight > 0.0) {
            ++part_light_units[u.part];
            part_light_weight[u.part] += u.weight;
        }
    }
    st.total_weight = total;
    st.points_used = tally.used;
    st.points_outside = tally.outside;
    st.weight_outside = tally.weight_outside;
    st.base_units = units.size();
    st.weighted_units = weighted;
    st.village_parts = parts;

    // 4: how many grids, and where they start.
    std::size_t light_units = weighted - heavy_units;
    CountChoice count = choose_count(total, heavy_units, heavy_weight, light_units, options);
    st.target_grids = count.k;
    st.target_weight = total / static_cast<double>(count.k);
    st.feasible_count = count.feasible;

    std::vector<std::size_t> region_of(units.size(), 0);
    std::size_t regions = 1;
    Problem pb{units, links, options, {}, {}, {}, {}, kRoadPenaltyCells * size};
    pb.eps_weight = 1e-9 * std::max(1.0, total);
    pb.eps_balance = 1e-9 * std::max(1.0, total * total);
    pb.band = (options.max_weight - options.min_weight) / 20;
    if (count.k > 1) {
        auto seats = apportion(count.k, part_heavy, part_light_weight, part_light_units);
        pb.group_seats = seats;
        // A part without a grid joins the grid of the nearest unit of a part with grids.
        pb.host.assign(units.size(), kNone);
        for (std::size_t p = 0; p < parts; ++p) {
            if (seats[p] > 0) continue;
            std::size_t best = kNone;
            double best_d = std::numeric_limits<double>::infinity();
            for (std::size_t u = 0; u < units.size(); ++u) {
                if (units[u].part != p) continue;
                for (std::size_t v = 0; v < units.size(); ++v) {
                    if (seats[units[v].part] == 0) continue;
                    double d = distance2(units[u].anchor, units[v].anchor);
                    if (d < best_d) {
                        best_d = d;
                        best = v;
                    }
                }
            }
            for (std::size_t u = 0; u < units.size(); ++u) {
                if (units[u].part == p) pb.host[u] = best;
            }
        }
        // 5-6: grow and refine from two sets of seeds (weighted k-means, recursive bisection);
        // keep the better partition (the first on a tie).
        Score best_score;
        for (int method = 0; method < 2; ++method) {
            Problem trial = pb;
            trial.seeds.clear();
            trial.region_group.clear();
            for (std::size_t p = 0; p < parts; ++p) {
                if (seats[p] == 0) continue;
                std::vector<std::size_t> light;
                for (std::size_t u = 0; u < units.size(); ++u) {
                    if (units[u].part != p || !(units[u].weight > 0.0)) continue;
                    if (units[u].weight > options.max_weight) {
                        trial.seeds.push_back(u);  // a heavy unit starts a grid of its own
                        trial.region_group.push_back(p);
                    } else {
                        light.push_back(u);
                    }
                }
                const std::size_t wanted = seats[p] - part_heavy[p];
                if (wanted == 0) continue;
                std::vector<std::size_t> chosen;
                if (method == 0) chosen = choose_seeds(units, light, wanted);
                else bisect_seeds(units, light, wanted, chosen);
                for (std::size_t s : chosen) {
                    trial.seeds.push_back(s);
                    trial.region_group.push_back(p);
                }
            }
            auto trial_regions = grow_balanced(trial);
            Refiner(trial, trial_regions).run();
            Score score = score_of(trial, trial_regions);
            if (method == 0 || score < best_score) {
                best_score = score;
                region_of = std::move(trial_regions);
                pb.seeds = trial.seeds;
                pb.region_group = trial.region_group;
            }
        }
        regions = pb.seeds.size();
    }

    // 7: pieces.
    std::vector<std::vector<std::size_t>> members(regions);
    for (std::size_t u = 0; u < units.size(); ++u) members[region_of[u]].push_back(u);
    const double village_area = dense.area();
    const double band = std::max(size, std::sqrt(village_area / static_cast<double>(regions)));
    struct Built {
        CellPiece piece;
        BalancedGridStats stat;
    };
    std::vector<Built> built;
    for (std::size_t r = 0; r < regions; ++r) {
        if (members[r].empty()) continue;
        Built b;
        b.piece.geometry = regions == 1 ? dense.clone() : union_of_units(units, members[r]);
        if (regions == 1 && b.piece.geometry.num_geometries() == 1 &&
            b.piece.geometry.type_name() == "MultiPolygon") {
            b.piece.geometry = b.piece.geometry.part(0);
        }
        double w = 0.0;
        bool heavy = false;
        for (std::size_t u : members[r]) {
            w += units[u].weight;
            heavy = heavy || units[u].weight > options.max_weight;
        }
        b.piece.weight = w;
        b.piece.anchor = interior_point(b.piece.geometry);
        b.piece.row = band_of(b.piece.anchor, band);
        b.stat.weight = w;
        b.stat.area_m2 = b.piece.geometry.area();
        b.stat.base_units = members[r].size();
        b.stat.parts = b.piece.geometry.num_geometries();
        if (outside_range(w, options) > 0.0) {
            if (total < options.min_weight) b.stat.issue = WeightIssue::VillageTooLight;
            else if (heavy) b.stat.issue = WeightIssue::HeavyUnit;
            else if (!count.feasible) b.stat.issue = WeightIssue::NoFeasibleCount;
            else if (heavy_units > 0) b.stat.issue = WeightIssue::HeavyUnit;
            else b.stat.issue = WeightIssue::Contiguity;
        }
        built.push_back(std::move(b));
    }
    // Numbering order: rows north->south, west->east within a row.
    std::sort(built.begin(), built.end(),
              [](const Built& a, const Built& b) { return numbered_before(a.piece, b.piece); });

    st.grids = built.size();
    st.road_edges_inside_m = road_inside(pb, region_of, false);
    if (!built.empty()) {
        st.min_weight = std::numeric_limits<double>::infinity();
        st.max_weight = -std::numeric_limits<double>::infinity();
    }
    double sum = 0.0;
    for (auto& b : built) {
        const double w = b.stat.weight;
        st.min_weight = std::min(st.min_weight, w);
        st.max_weight = std::max(st.max_weight, w);
        sum += w;
        st.worst_excess = std::max(st.worst_excess, outside_range(w, options));
        if (w < options.min_weight) ++st.below_range;
        if (w > options.max_weight) ++st.above_range;
        if (b.stat.parts > 1) ++st.non_contiguous;
        st.per_grid.push_back(b.stat);
        pieces.push_back(std::move(b.piece));
    }
    if (!built.empty()) {
        st.mean_weight = sum / static_cast<double>(built.size());
        st.spread = st.max_weight - st.min_weight;
    }
    if (stats) *stats = std::move(st);
    return pieces;
}

}  // namespace respgrid::grids

#include "respgrid/grids/slivers.hpp"

#include <algorithm>
#include <numeric>

namespace respgrid::grids {

namespace {

bool envelopes_meet(const geo::Envelope& a, const geo::Envelope& b) {
    return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

}  // namespace

SliverOutcome merge_slivers(std::vector<CellPiece>& pieces, double min_area_m2) {
    SliverOutcome outcome;
    if (!(min_area_m2 > 0.0)) return outcome;
    const std::size_t n = pieces.size();
    std::vector<double> area(n);
    std::vector<geo::Envelope> env(n);
    std::vector<bool> alive(n, true);
    for (std::size_t i = 0; i < n; ++i) {
        area[i] = pieces[i].area();
        env[i] = pieces[i].envelope();
    }
    // Smallest first, so a sliver never swallows another sliver's better neighbour.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return area[a] < area[b]; });
    std::vector<std::size_t> kept;
    for (std::size_t s : order) {
        if (!alive[s] || pieces[s].dedicated || area[s] >= min_area_m2) continue;
        std::size_t best = n;
        double best_shared = 0.0;
        for (std::size_t c = 0; c < n; ++c) {
            if (c == s || !alive[c] || pieces[c].dedicated || !envelopes_meet(env[s], env[c])) continue;
            double shared = pieces[s].ensure_geometry().shared_boundary_length(pieces[c].ensure_geometry());
            if (shared <= 0.0) continue;
            if (best == n || shared > best_shared || (shared == best_shared && area[c] > area[best])) {
                best = c;
                best_shared = shared;
            }
        }
        if (best == n) {
            kept.push_back(s);
            continue;
        }
        geo::Geometry merged = pieces[best].ensure_geometry().union_with(pieces[s].ensure_geometry()).polygonal();
        pieces[best].geometry = merged.num_geometries() == 1 ? merged.part(0) : std::move(merged);
        pieces[best].box.reset();
        pieces[best].weight += pieces[s].weight;
        area[best] += area[s];
        env[best].expand(env[s]);
        alive[s] = false;
        ++outcome.merged;
    }
    // Compact, keeping order; translate kept indices.
    std::vector<std::size_t> new_index(n, n);
    std::vector<CellPiece> out;
    out.reserve(n - outcome.merged);
    for (std::size_t i = 0; i < n; ++i) {
        if (!alive[i]) continue;
        new_index[i] = out.size();
        out.push_back(std::move(pieces[i]));
    }
    pieces = std::move(out);
    for (std::size_t s : kept) outcome.kept.push_back(new_index[s]);
    std::sort(outcome.kept.begin(), outcome.kept.end());
    return outcome;
}

}  // namespace respgrid::grids

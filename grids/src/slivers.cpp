#include "respgrid/grids/slivers.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "respgrid/grids/noise.hpp"

namespace respgrid::grids {

namespace {

bool envelopes_meet(const geo::Envelope& a, const geo::Envelope& b) {
    return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

// Which piece a sliver or a noise piece goes to.
class Receivers {
public:
    Receivers(std::vector<CellPiece>& pieces, const std::vector<double>& area, const std::vector<geo::Envelope>& env,
              const std::vector<bool>& alive)
        : pieces_(pieces), area_(area), env_(env), alive_(alive) {}

    // The neighbour (general, or dedicated when `dedicated`) sharing the longest boundary with s;
    // ties: the larger, then the first. n when none shares a line.
    [[nodiscard]] std::size_t longest_border(std::size_t s, bool dedicated) const {
        const std::size_t n = pieces_.size();
        std::size_t best = n;
        double best_shared = 0.0;
        for (std::size_t c = 0; c < n; ++c) {
            if (!candidate(s, c) || pieces_[c].dedicated != dedicated || !envelopes_meet(env_[s], env_[c])) continue;
            double shared = pieces_[s].ensure_geometry().shared_boundary_length(pieces_[c].ensure_geometry());
            if (shared <= 0.0) continue;
            if (best == n || shared > best_shared || (shared == best_shared && area_[c] > area_[best])) {
                best = c;
                best_shared = shared;
            }
        }
        return best;
    }

    // The nearest other piece; ties: general before dedicated, then the larger, then the first.
    [[nodiscard]] std::size_t nearest(std::size_t s) const {
        const std::size_t n = pieces_.size();
        std::size_t best = n;
        double best_distance = std::numeric_limits<double>::infinity();
        for (std::size_t c = 0; c < n; ++c) {
            if (!candidate(s, c)) continue;
            double d = pieces_[s].ensure_geometry().distance(pieces_[c].ensure_geometry());
            bool better = best == n || d < best_distance ||
                          (d == best_distance && (pieces_[best].dedicated != pieces_[c].dedicated
                                                      ? !pieces_[c].dedicated
                                                      : area_[c] > area_[best]));
            if (better) {
                best = c;
                best_distance = d;
            }
        }
        return best;
    }

private:
    [[nodiscard]] bool candidate(std::size_t s, std::size_t c) const { return c != s && alive_[c]; }

    std::vector<CellPiece>& pieces_;
    const std::vector<double>& area_;
    const std::vector<geo::Envelope>& env_;
    const std::vector<bool>& alive_;
};

}  // namespace

SliverOutcome merge_slivers(std::vector<CellPiece>& pieces, double min_area_m2) {
    SliverOutcome outcome;
    const std::size_t n = pieces.size();
    std::vector<double> area(n);
    std::vector<geo::Envelope> env(n);
    std::vector<bool> alive(n, true);
    std::vector<bool> noise(n);
    for (std::size_t i = 0; i < n; ++i) {
        area[i] = pieces[i].area();
        env[i] = pieces[i].envelope();
        // A whole cell (a box) is never noise; only a cut piece can be.
        noise[i] = !pieces[i].geometry.is_null() && is_noise_piece(pieces[i].geometry);
    }
    // Smallest first, so a sliver never swallows another sliver's better neighbour.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return area[a] < area[b]; });
    const Receivers receivers(pieces, area, env, alive);
    std::vector<std::size_t> kept;
    for (std::size_t s : order) {
        const bool sliver = !pieces[s].dedicated && min_area_m2 > 0.0 && area[s] < min_area_m2;
        if (!alive[s] || !(noise[s] || sliver)) continue;
        std::size_t best = receivers.longest_border(s, /*dedicated=*/false);
        if (best == n && noise[s]) best = receivers.longest_border(s, /*dedicated=*/true);
        if (best == n && noise[s]) best = receivers.nearest(s);
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

#include "map_palette.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace respgrid::exporters::map {

namespace {

// Twelve soft fills of clearly different hue or lightness (no grey: grey means "no grid worker").
// More colours would only bring near-twins that a reader cannot tell apart on paper; touching
// areas need far fewer than twelve.
constexpr RgbColour kPalette[] = {
    {0.553, 0.827, 0.780},  // teal
    {1.000, 0.929, 0.435},  // yellow
    {0.745, 0.729, 0.855},  // lavender
    {0.984, 0.502, 0.447},  // salmon
    {0.502, 0.694, 0.827},  // blue
    {0.992, 0.706, 0.384},  // orange
    {0.702, 0.871, 0.412},  // green
    {0.988, 0.804, 0.898},  // pink
    {0.737, 0.502, 0.741},  // purple
    {0.800, 0.922, 0.773},  // mint
    {1.000, 1.000, 0.702},  // cream
    {0.898, 0.769, 0.580},  // sand
};

// Vertices are compared at 1 mm: identical in exact tilings, and robust to nothing else.
std::uint64_t vertex_key(const geo::XY& p) {
    const auto x = static_cast<std::uint64_t>(std::llround(p.x * 1000.0));
    const auto y = static_cast<std::uint64_t>(std::llround(p.y * 1000.0));
    return x * 0x9E3779B97F4A7C15ULL ^ (y + 0x632BE59BD9B4E019ULL + (x << 6) + (x >> 2));
}

}  // namespace

std::span<const RgbColour> fill_palette() { return kPalette; }

std::vector<std::pair<std::size_t, std::size_t>> touching_groups(const PolygonsOf& polygons_of,
                                                                 std::span<const std::size_t> groups) {
    constexpr auto kNone = std::numeric_limits<std::size_t>::max();
    std::unordered_map<std::uint64_t, std::size_t> first_group;  // vertex -> the first group seen there
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i] == kNone) continue;
        for (const auto& polygon : polygons_of(i)) {
            for (const auto& ring : polygon) {
                for (const auto& p : ring) {
                    auto [it, inserted] = first_group.try_emplace(vertex_key(p), groups[i]);
                    if (!inserted && it->second != groups[i]) {
                        pairs.emplace_back(std::min(it->second, groups[i]), std::max(it->second, groups[i]));
                    }
                }
            }
        }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}

std::vector<std::vector<geo::XY>> group_borders(const PolygonsOf& polygons_of, std::span<const std::size_t> groups) {
    struct EdgeSeen {
        geo::XY a, b;
        std::size_t group;
        bool border = false;
    };
    // Keyed by both end points, direction-free: neighbours walk a shared edge in opposite senses.
    std::unordered_map<std::uint64_t, EdgeSeen> edges;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        for (const auto& polygon : polygons_of(i)) {
            for (const auto& ring : polygon) {
                for (std::size_t k = 1; k < ring.size(); ++k) {
                    const auto ka = vertex_key(ring[k - 1]), kb = vertex_key(ring[k]);
                    const std::uint64_t key = std::min(ka, kb) * 0x9E3779B97F4A7C15ULL + std::max(ka, kb);
                    auto [it, inserted] = edges.try_emplace(key, EdgeSeen{ring[k - 1], ring[k], groups[i]});
                    if (!inserted && it->second.group != groups[i]) it->second.border = true;
                }
            }
        }
    }
    std::vector<std::vector<geo::XY>> borders;
    for (const auto& [key, e] : edges) {
        if (e.border) borders.push_back({e.a, e.b});
    }
    return borders;
}

std::vector<std::size_t> colour_apart(std::size_t group_count, std::span<const std::pair<std::size_t, std::size_t>> touching,
                                      std::size_t palette_size) {
    std::vector<std::vector<std::size_t>> neighbours(group_count);
    for (const auto& [a, b] : touching) {
        neighbours[a].push_back(b);
        neighbours[b].push_back(a);
    }
    std::vector<std::size_t> order(group_count);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return neighbours[a].size() > neighbours[b].size(); });
    constexpr auto kUnset = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> colour(group_count, kUnset);
    std::vector<std::size_t> uses(palette_size, 0);
    std::vector<std::size_t> neighbour_uses(palette_size);
    for (std::size_t g : order) {
        std::fill(neighbour_uses.begin(), neighbour_uses.end(), 0);
        for (std::size_t n : neighbours[g]) {
            if (colour[n] != kUnset) ++neighbour_uses[colour[n]];
        }
        // Fewest touching neighbours with that colour first (zero when the palette allows), then
        // the colour used least so far, so that the legend spreads over the whole palette.
        std::size_t best = 0;
        for (std::size_t c = 1; c < palette_size; ++c) {
            if (std::pair(neighbour_uses[c], uses[c]) < std::pair(neighbour_uses[best], uses[best])) best = c;
        }
        colour[g] = best;
        ++uses[best];
    }
    return colour;
}

}  // namespace respgrid::exporters::map

#include "generations.hpp"

#include <algorithm>

namespace respgrid::ops::detail {

Generations load_generations(store::Project& project, const store::GridGeneration& at_generation, bool every,
                             const grids::ServingRoster& roster, grids::Date day, double noise_width_m,
                             const Progress& progress) {
    std::vector<store::GridGeneration> wanted{at_generation};
    if (every) wanted = project.generations();
    std::sort(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) { return a.created < b.created; });
    grids::GridLocatorOptions locator_options;
    locator_options.noise_width_m = noise_width_m;
    Generations g;
    for (const auto& generation : wanted) {
        g.indexes.push_back(std::make_unique<BatchLocator>(project, generation.id, roster, day, progress, locator_options));
        g.by_time.emplace_back(generation.created, g.indexes.back().get());
        if (generation.id == at_generation.id) g.at = g.indexes.back().get();
    }
    return g;
}

const BatchLocator& generation_valid_at(const TimedLocators& generations, grids::Instant at) {
    const BatchLocator* chosen = generations.front().second;
    if (generations.size() > 1) {
        auto later = std::upper_bound(generations.begin(), generations.end(), at,
                                      [](grids::Instant t, const auto& g) { return t < g.first; });
        if (later != generations.begin()) chosen = std::prev(later)->second;
    }
    return *chosen;
}

}  // namespace respgrid::ops::detail

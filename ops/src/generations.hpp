#pragma once
// The grid generations a batch of points may fall in, each indexed for locating (BatchLocator),
// and the one valid at a time: batch locate and the ledger's import locate every row in the
// generation of its own time, so an old report resolves to the grids of its day.

#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "batch_locator.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/serving.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops::detail {

using TimedLocators = std::vector<std::pair<grids::Instant, const BatchLocator*>>;

struct Generations {
    std::vector<std::unique_ptr<BatchLocator>> indexes;
    TimedLocators by_time;  // by creation time, oldest first
    const BatchLocator* at = nullptr;  // the one valid at the time asked
};

// The generation valid at the time asked (`at_generation`), or with `every`, every generation of
// the project. The chains are those of `roster` (which must outlive the result) on `day`.
Generations load_generations(store::Project& project, const store::GridGeneration& at_generation, bool every,
                             const grids::ServingRoster& roster, grids::Date day, double noise_width_m,
                             const Progress& progress);

// The generation valid at `at`. A report older than every generation (grids drawn after the
// campaign began) is located in the oldest one: there is no older answer.
const BatchLocator& generation_valid_at(const TimedLocators& generations, grids::Instant at);

}  // namespace respgrid::ops::detail

#pragma once
// A grid run: every village of a project cut into a new generation of coded grids by one method
// (grids/generator.hpp), refused before anything is cut when it cannot fit, and stored.

#include <cstddef>
#include <optional>
#include <string>

#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/generator.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

struct GridOptions {
    std::string project;
    // Method, code scheme, sliver fraction, threads and the blocks/balanced parameters, with the
    // methods' defaults; its cell_size_m is set from size_m or area_m2.
    grids::GridOptions cutting;
    std::optional<double> size_m;   // square/hex: the cell size (unset: the square method's default)
    std::optional<double> area_m2;  // square/hex: the cell area instead of size_m
    bool use_dedicated = true;      // cut the imported dedicated areas (专属网格) out as grids of their own
};

struct GridProgress {
    Progress cutting;
    Progress storing;
};

// Balanced grids: how the workload per grid spreads against the target range (dedicated grids
// left out).
struct WorkloadSpread {
    std::size_t grids = 0;
    double min = 0.0, max = 0.0, mean = 0.0;
    std::size_t below = 0, above = 0;  // grids under min_weight, over max_weight
};

struct GridResult {
    store::GridGeneration generation;
    grids::GridRun run;  // its cells are in the store, not here: run.grid_count says how many
    std::size_t villages = 0;
    double village_area_m2 = 0.0;
    double grid_area_m2 = 0.0;
    double cut_seconds = 0.0;    // cutting, with the grids stored as they were cut
    double store_seconds = 0.0;  // after the last cut: the spatial index and the commit
    std::optional<WorkloadSpread> workload;  // balanced only
};

// UsageError (naming the option to change and a value that fits) for conflicting options, a
// project without villages, a method without its inputs (lines, weights) or a cell size that
// would cut more cells than a village's codes or one run allow; the generator's errors (CodeError,
// TilingError, GeometryError) as they come; nothing is stored unless every village was cut.
GridResult grid_project(const GridOptions& options, const GridProgress& progress = {});

}  // namespace respgrid::ops

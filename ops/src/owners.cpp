#include "respgrid/ops/owners.hpp"

#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/ops/errors.hpp"

namespace respgrid::ops {

bool OwnersResult::complete() const {
    bool complete = !resolution.answers.empty();
    for (const auto& a : resolution.answers) complete = complete && a.owner;
    return complete;
}

OwnersResult find_owners(const OwnersOptions& options) {
    auto project = store::Project::open(options.project);
    const grids::Instant at = options.at ? options.at->instant(project.info().time_zone) : grids::Instant::now();
    auto view = ResponsibilityView::load(project, at);
    if (!view.generation()) {
        throw UsageError(project.current_generation()
                             ? "no grid generation is as old as " + view.at_text() + "; run `respgrid grid` first"
                             : std::string("the project has no grids yet; run `respgrid grid` first"));
    }
    const store::GridGeneration generation = *view.generation();
    auto grid = project.find_grid(generation.id, options.grid);
    if (!grid) throw UsageError("grid " + options.grid + " is not in generation " + std::to_string(generation.id));
    // The grid's representative point: a point inside it (point-on-surface).
    const geo::XY point = grids::interior_point(grid->cell.shape());
    auto resolution = view.resolve(point, options.grid, options.category);
    return OwnersResult{std::move(view),          generation, options.grid, grid->cell.village_code,
                        grid->cell.township_code, point,      std::move(resolution)};
}

}  // namespace respgrid::ops

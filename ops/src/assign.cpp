#include "respgrid/ops/assign.hpp"

#include "respgrid/grids/serving.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

AssignResult assign_owners(const AssignOptions& options) {
    auto project = store::Project::open(options.project);
    project.require_writable("assign stores the owner chains in it");
    auto generation = project.current_generation();
    if (!generation) throw UsageError("the project has no grids yet; run `respgrid grid` first");
    const auto refs = project.load_grid_refs(generation->id);
    const grids::ServingRoster roster(project.load_owners());
    const auto assignments = roster.chains_on(refs, options.at.date_in(project.info().time_zone));
    project.replace_assignments(generation->id, assignments);

    AssignResult result;
    result.generation_id = generation->id;
    result.grids = assignments.size();
    for (const auto& a : assignments) {
        result.complete += a.missing.empty() ? 1 : 0;
        for (auto role : a.missing) ++result.missing[role];
    }
    return result;
}

}  // namespace respgrid::ops

#pragma once
// The project view moved to ops (respgrid/ops/project_view.hpp). This header keeps the commands
// not yet moved to ops (locate, audit, repair) building with the positional call they use; it
// goes when they call ops::load_view themselves.

#include "respgrid/ops/project_view.hpp"

namespace respgrid::cli {

using ops::locate_issues;
using ops::ProjectView;

inline ProjectView load_view(store::Project& project, bool require_grids, const std::optional<geo::Envelope>& box = {},
                             store::Project::GridShapes shapes = store::Project::GridShapes::Geometry,
                             std::optional<store::GridGeneration> generation = std::nullopt) {
    return ops::load_view(project, {require_grids, box, shapes, std::move(generation), std::nullopt});
}

}  // namespace respgrid::cli

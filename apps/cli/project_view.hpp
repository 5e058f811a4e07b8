#pragma once
// The state of a project as locate, audit and export need it: units, the current grid
// generation with its owner chains, and a locator over it.

#include <memory>
#include <optional>
#include <vector>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/locator.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

struct ProjectView {
    std::vector<grids::AdminUnit> county;
    std::vector<grids::AdminUnit> townships;
    std::vector<grids::AdminUnit> villages;
    std::optional<store::GridGeneration> generation;
    std::vector<grids::GridCell> cells;
    std::unique_ptr<grids::Directory> directory;

    // A locator over the cells (and the county outline, to tell gaps from the outside); cells
    // loaded as WKB are read into GEOS for it.
    [[nodiscard]] grids::GridLocator make_locator(grids::GridLocatorOptions options = {}) const;
    [[nodiscard]] const grids::GridCell* cell(const std::string& code) const;
    // The view as exporters take it (units, grids, generation, owners); categories and issues are
    // the caller's to add. The result points into the view.
    [[nodiscard]] exporters::ProjectLayers layers(const geo::Crs& working_crs) const;
};

// Loads the view; with `require_grids`, throws a UsageError when no grid generation exists yet.
// With `box`, only the grids whose bounding box meets it (and their owner chains) are loaded.
// With GridShapes::Wkb the cells carry their shape as WKB only (GridCell::wkb). `generation`
// picks a grid generation other than the current one (locate --at).
ProjectView load_view(store::Project& project, bool require_grids, const std::optional<geo::Envelope>& box = {},
                      store::Project::GridShapes shapes = store::Project::GridShapes::Geometry,
                      std::optional<store::GridGeneration> generation = std::nullopt);

// Each issue with the grid it falls in; no locator is built when there are no issues or grids.
std::vector<exporters::LocatedIssue> locate_issues(const ProjectView& view, std::span<const grids::IssueReport> issues);

}  // namespace respgrid::cli

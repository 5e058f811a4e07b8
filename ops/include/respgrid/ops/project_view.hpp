#pragma once
// The state of a project as locate, audit, export and map need it: units, a grid generation
// with its owner chains, and a locator over it.
//
//     ops::ViewRequest request;
//     request.serving_on = today;
//     auto view = ops::load_view(project, request);
//
// The chains are the ones `assign` stored, or with `serving_on` those of the owners serving that
// day (grids::ServingRoster, the one rule for who serves at a time).

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/locator.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

struct ProjectView {
    std::vector<grids::AdminUnit> county;
    std::vector<grids::AdminUnit> townships;
    std::vector<grids::AdminUnit> villages;
    std::optional<store::GridGeneration> generation;
    std::vector<grids::GridCell> cells;
    std::unique_ptr<grids::Directory> directory;
    // The day whose serving owners the chains are (ViewRequest::serving_on); nullopt: as stored.
    std::optional<grids::Date> serving_on;

    // A locator over the cells (and the county outline, to tell gaps from the outside); cells
    // carry WKB, read into GEOS for it.
    [[nodiscard]] grids::GridLocator make_locator(grids::GridLocatorOptions options = {}) const;
    [[nodiscard]] const grids::GridCell* cell(const std::string& code) const;
    // The view as exporters take it (units, grids, generation, owners); categories and issues are
    // the caller's to add. The result points into the view.
    [[nodiscard]] exporters::ProjectLayers layers(const geo::Crs& working_crs) const;
};

struct ViewRequest {
    // Throw a UsageError when no grid generation exists yet.
    bool require_grids = false;
    // Only the grids whose bounding box meets it (and their owner chains).
    std::optional<geo::Envelope> box;
    // A grid generation other than the current one (locate --at).
    std::optional<store::GridGeneration> generation;
    // The chains of the owners serving on this day (grids::ServingRoster) instead of those
    // `assign` stored; a generation `assign` never ran on keeps its empty chains (`assign` is
    // the step that gives grids owners).
    std::optional<grids::Date> serving_on;
    // Without the cells (ProjectView::cells stays empty): for a caller that streams the grids from
    // the store (export) and needs only the units and owner chains.
    bool cells = true;
};

// Loads the view; UsageError when the project has no boundaries yet.
ProjectView load_view(store::Project& project, const ViewRequest& request = {});

// UsageError "--township CODE: no such township in the project (townships: CODE NAME, ...)" when
// the view has no township `code`: one message for every command that takes --township.
void require_township(const ProjectView& view, const std::string& code);

// Each issue with the grid it falls in; no locator is built when there are no issues or grids.
std::vector<exporters::LocatedIssue> locate_issues(const ProjectView& view, std::span<const grids::IssueReport> issues);

}  // namespace respgrid::ops

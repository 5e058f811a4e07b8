#include "respgrid/ops/project_view.hpp"

#include <algorithm>

#include "respgrid/grids/serving.hpp"
#include "respgrid/ops/errors.hpp"

namespace respgrid::ops {

ProjectView load_view(store::Project& project, const ViewRequest& request) {
    if (!project.info().working_epsg) {
        throw UsageError("the project has no boundaries yet; import them with `respgrid import boundaries " +
                         project.info().path + " FILE --level county`");
    }
    ProjectView view;
    view.county = project.load_units(grids::AdminLevel::County);
    view.townships = project.load_units(grids::AdminLevel::Township);
    view.villages = project.load_units(grids::AdminLevel::Village);
    view.generation = request.generation ? request.generation : project.current_generation();
    if (request.require_grids && !view.generation) {
        throw UsageError("the project has no grids yet; run `respgrid grid " + project.info().path + " --size 100`");
    }
    // The chains of a day are computed by the one rule for generations `assign` ran on (before it,
    // grids have no owners); without a day they are the ones `assign` stored.
    view.serving_on = request.serving_on;
    const bool serving = view.generation && request.serving_on && project.has_assignments(view.generation->id);
    std::vector<grids::GridAssignment> assignments;
    if (view.generation && request.box) {
        std::vector<std::string> codes;
        for (auto& g : project.load_grids_in(view.generation->id, *request.box)) {
            codes.push_back(g.cell.code);
            view.cells.push_back(std::move(g.cell));
        }
        if (!serving) assignments = project.load_assignments(view.generation->id, codes);
    } else if (view.generation) {
        if (request.cells) view.cells = project.load_cells(view.generation->id);
        // A generation nobody was assigned to has no chains to load: load_assignments would give
        // every grid an empty one, which the directory drops (a million of them for a city).
        if (!serving && project.has_assignments(view.generation->id)) {
            assignments = project.load_assignments(view.generation->id);
        }
    }
    auto owners = project.load_owners();
    if (serving) {
        // Every grid of the generation: a village's grids are shared among its workers as a whole.
        const auto refs = project.load_grid_refs(view.generation->id);
        assignments = grids::ServingRoster(owners).chains_on(refs, *request.serving_on);
    }
    std::vector<grids::AdminUnit> names;
    for (const auto* level : {&view.county, &view.townships, &view.villages}) {
        for (const auto& u : *level) names.push_back({u.level, u.code, u.name, u.parent_code, {}, {}});
    }
    view.directory = std::make_unique<grids::Directory>(std::move(owners), names, std::move(assignments));
    return view;
}

grids::GridLocator ProjectView::make_locator(grids::GridLocatorOptions options) const {
    std::vector<grids::LocatorCell> cells_for_locator;
    cells_for_locator.reserve(cells.size());
    for (const auto& c : cells) {
        cells_for_locator.push_back({c.code, c.shape().polygons()});
    }
    std::vector<geo::PolygonRings> outline;
    for (const auto& c : county) {
        auto polygons = c.geometry.polygons();
        outline.insert(outline.end(), polygons.begin(), polygons.end());
    }
    return grids::GridLocator(std::move(cells_for_locator), std::move(outline), options);
}

exporters::ProjectLayers ProjectView::layers(const geo::Crs& working_crs) const {
    exporters::ProjectLayers l;
    l.working_crs = working_crs;
    l.county = county;
    l.townships = townships;
    l.villages = villages;
    l.grids = cells;
    l.generation_id = generation ? generation->id : 0;
    l.directory = directory.get();
    l.serving_on = serving_on;
    return l;
}

const grids::GridCell* ProjectView::cell(const std::string& code) const { return grids::find_cell(cells, code); }

std::vector<exporters::LocatedIssue> locate_issues(const ProjectView& view, std::span<const grids::IssueReport> issues) {
    std::vector<exporters::LocatedIssue> located;
    located.reserve(issues.size());
    if (!view.cells.empty() && !issues.empty()) {  // the locator of a million grids takes seconds
        auto locator = view.make_locator();
        for (const auto& i : issues) located.push_back({&i, locator.where(i.position)});
    } else {
        for (const auto& i : issues) located.push_back({&i, {}});
    }
    return located;
}

void require_township(const ProjectView& view, const std::string& code) {
    const auto& townships = view.townships;
    if (std::any_of(townships.begin(), townships.end(), [&](const grids::AdminUnit& u) { return u.code == code; })) return;
    std::string known;
    for (const auto& t : townships) known += (known.empty() ? "" : ", ") + t.code + " " + t.name;
    throw UsageError("--township " + code + ": no such township in the project (townships: " +
                     (known.empty() ? "none" : known) + ")");
}

}  // namespace respgrid::ops

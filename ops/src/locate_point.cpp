// ops::locate_point: one point, checked as batch rows are, located among the grids around it.
#include <algorithm>

#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/locate.hpp"
#include "respgrid/ops/point_options.hpp"

namespace respgrid::ops {

namespace {

// The point in the working CRS, checked as batch rows are (importers::PointChecker); the problem
// when it is refused.
std::optional<importers::PointProblem> check_point(store::Project& project, const PointLocateOptions& options,
                                                   geo::XY& working) {
    importers::PointChecker checker(point_options(project, {}, options.crs ? options.crs : geo::Crs::cgcs2000()));
    importers::PointProblem problem;
    const geo::Crs* crs = checker.crs_of({}, problem);
    if (!crs || !checker.check(options.x, options.y, *crs, coordinate_text(options.x), coordinate_text(options.y), working,
                               problem)) {
        return problem;
    }
    return std::nullopt;
}

// A locator over the grids of `generation` whose bounding box meets `box`, and the county outline
// (to tell gaps from the outside).
struct WindowGrids {
    std::vector<grids::GridCell> cells;  // in code order
    grids::GridLocator locator;
};

WindowGrids load_window(store::Project& project, long long generation, const geo::Envelope& box,
                        const std::vector<geo::PolygonRings>& outline, grids::GridLocatorOptions options) {
    std::vector<grids::GridCell> cells;
    std::vector<grids::LocatorCell> for_locator;
    for (auto& g : project.load_grids_in(generation, box)) {
        for_locator.push_back({g.cell.code, g.cell.shape().polygons()});
        cells.push_back(std::move(g.cell));
    }
    return {std::move(cells), grids::GridLocator(std::move(for_locator), outline, options)};
}

// Loads only the grids around the point, widening the window until the answer cannot change: a
// grid that holds the point has it in its bounding box; a nearest grid found at distance d within
// a window of half-width r >= d has no closer rival outside it; a border within the tolerance, and
// the neighbour across it, lie within the tolerance of the point.
void locate_in_window(store::Project& project, long long generation, const PointLocateOptions& options,
                      PointLocation& r) {
    if (!project.info().working_epsg) {
        throw UsageError("the project has no boundaries yet; import them with `respgrid import boundaries " +
                         project.info().path + " FILE --level county`");
    }
    std::vector<geo::PolygonRings> outline;
    for (const auto& county : project.load_units(grids::AdminLevel::County)) {
        auto polygons = county.geometry.polygons();
        outline.insert(outline.end(), polygons.begin(), polygons.end());
    }
    grids::GridLocatorOptions locator_options;
    locator_options.noise_width_m = options.noise_width_m;
    const geo::XY p = r.working;
    std::optional<WindowGrids> window;
    std::string grid_code;
    for (double half = std::max(1.0, 2.0 * options.border_tolerance_m);; half *= 10.0) {
        window = load_window(project, generation, {p.x - half, p.y - half, p.x + half, p.y + half}, outline,
                             locator_options);
        const auto& locator = window->locator;
        r.detail = locator.locate_detailed(p, options.border_tolerance_m);
        grid_code = r.detail.cell ? locator.code(*r.detail.cell) : std::string();
        r.runner_up_code = r.detail.runner_up ? locator.code(*r.detail.runner_up) : std::string();
        r.nearest_code = r.detail.nearest ? locator.code(*r.detail.nearest) : std::string();
        bool settled = r.detail.cell ? r.detail.border_distance_m < half
                                     : (r.detail.nearest && r.detail.nearest_distance_m <= half);
        if (settled || half > 1e7) break;
    }
    if (grids::assign_located(r.detail, options.assign_nearest_m).to_nearest) {
        r.assigned_nearest = true;
        grid_code = r.nearest_code;
    }
    const auto& cells = window->cells;
    auto cell = std::lower_bound(cells.begin(), cells.end(), grid_code,
                                 [](const grids::GridCell& c, const std::string& k) { return c.code < k; });
    if (grid_code.empty() || cell == cells.end() || cell->code != grid_code) return;
    const auto& directory = r.responsibility->directory();
    r.grid = LocatedGrid{cell->code,          cell->name, cell->village_code, directory.unit_name(cell->village_code),
                         cell->township_code, directory.unit_name(cell->township_code)};
}

}  // namespace

std::string PointLocation::status() const {
    return std::string(grids::located_status(detail, {std::nullopt, assigned_nearest}));
}

PointLocation locate_point(const PointLocateOptions& options) {
    auto project = store::Project::open(options.project);
    PointLocation r;
    r.rejected = check_point(project, options, r.working);
    if (r.rejected) return r;
    r.working_epsg = project.working_crs().epsg;
    // The owners, the catalogue and the generation valid at `at` (now by default).
    const grids::Instant at = options.at ? options.at->instant(project.info().time_zone) : grids::Instant::now();
    r.responsibility = std::make_shared<const ResponsibilityView>(ResponsibilityView::load(project, at));
    const auto& generation = r.responsibility->generation();
    if (!generation) {
        throw UsageError(project.current_generation() ? "no grid generation is as old as " + r.responsibility->at_text()
                                                      : "the project has no grids yet; run `respgrid grid` first");
    }
    locate_in_window(project, generation->id, options, r);
    if (r.grid) r.owners = r.responsibility->resolve(r.working, r.grid->code, options.category);
    return r;
}

}  // namespace respgrid::ops

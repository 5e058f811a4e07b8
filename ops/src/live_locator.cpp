// ops::LiveLocator: the current grids in memory, answering single points as locate_point does.
#include "respgrid/ops/live_locator.hpp"

#include "batch_locator.hpp"
#include "point_checker_pool.hpp"
#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/point_options.hpp"

namespace respgrid::ops {

namespace {

// The county's extent in longitude/latitude: its outline's corners would not do for a rotated
// projection, so every vertex goes through the transformation.
geo::Envelope lonlat_extent(const std::vector<grids::AdminUnit>& county, const geo::Crs& working) {
    geo::Envelope e;
    const geo::CoordinateTransform to_lonlat(working, geo::Crs::cgcs2000());
    for (const auto& unit : county) {
        for (const auto& polygon : unit.geometry.polygons()) {
            for (const auto& ring : polygon) {
                for (geo::XY p : ring) {
                    if (to_lonlat.transform(p.x, p.y)) e.expand(p);
                }
            }
        }
    }
    return e;
}

}  // namespace

std::shared_ptr<const LiveLocator> LiveLocator::load(const std::string& path, const LocateSettings& settings,
                                                     const Progress& progress, std::size_t checkers) {
    auto project = store::Project::open(path);
    if (!project.info().working_epsg) {
        throw UsageError("the project has no boundaries yet; import them with `respgrid import boundaries " + path +
                         " FILE --level county`");
    }
    std::shared_ptr<LiveLocator> live(new LiveLocator());
    live->settings_ = settings;
    // Read first: a change made while loading shows as a newer revision, and is loaded next time.
    live->revision_ = project.locating_revision();
    const grids::Instant now = grids::Instant::now();
    live->view_ = std::make_shared<const ResponsibilityView>(ResponsibilityView::load(project, now));
    const auto& generation = live->view_->generation();
    if (!generation) throw UsageError("the project has no grids yet; run `respgrid grid " + path + " --size 100`");
    live->day_ = now.date_in(project.info().time_zone);
    live->roster_ = std::make_unique<grids::ServingRoster>(project.load_owners());
    grids::GridLocatorOptions locator_options;
    locator_options.noise_width_m = settings.noise_width_m;
    live->index_ = std::make_unique<detail::BatchLocator>(project, generation->id, *live->roster_, live->day_, progress,
                                                          locator_options);
    live->working_epsg_ = project.working_crs().epsg;
    const auto county = project.load_units(grids::AdminLevel::County);
    live->county_lonlat_ = lonlat_extent(county, project.working_crs());
    live->county_name_ = county.empty() ? project.info().county_name : county.front().name;
    live->checkers_ = std::make_unique<detail::PointCheckerPool>(point_options(project, {}, geo::Crs::cgcs2000()));
    live->checkers_->warm(checkers, live->county_lonlat_.centre());
    return live;
}

LiveLocator::~LiveLocator() = default;

long long LiveLocator::generation_id() const { return index_->generation_id(); }
std::size_t LiveLocator::grid_count() const { return index_->cell_count(); }

PointLocation LiveLocator::locate(const PointQuery& query) const {
    PointLocation r;
    auto borrowed = checkers_->borrow(query.crs);
    importers::PointChecker& checker = *borrowed;
    importers::PointProblem problem;
    const geo::Crs* crs = checker.crs_of(query.crs, problem);
    if (!crs || !checker.check(query.x, query.y, *crs, coordinate_text(query.x), coordinate_text(query.y), r.working,
                               problem)) {
        r.rejected = std::move(problem);
        return r;
    }
    r.working_epsg = working_epsg_;
    r.responsibility = view_;
    const auto& locator = index_->locator();
    r.detail = locator.locate_detailed(r.working, settings_.border_tolerance_m);
    std::optional<std::size_t> cell = r.detail.cell;
    if (r.detail.runner_up) r.runner_up_code = locator.code(*r.detail.runner_up);
    if (r.detail.nearest) r.nearest_code = locator.code(*r.detail.nearest);
    if (grids::assign_located(r.detail, settings_.assign_nearest_m).to_nearest) {
        r.assigned_nearest = true;
        cell = r.detail.nearest;
    }
    if (!cell) return r;
    const auto& chains = index_->chains_on(day_);
    const auto& units = chains.values[chains.shared_of[*cell]];
    r.grid = LocatedGrid{locator.code(*cell), std::string(index_->name(*cell)), units[0], units[1], units[2], units[3]};
    r.owners = view_->resolve(r.working, r.grid->code, query.category, grids::Instant::now());
    return r;
}

std::optional<GridOwners> LiveLocator::grid(store::Project& reader, const std::string& code,
                                            const std::string& category) const {
    auto stored = reader.find_grid(generation_id(), code);
    if (!stored) return std::nullopt;
    GridOwners g;
    g.cell = std::move(stored->cell);
    g.village_name = view_->directory().unit_name(g.cell.village_code);
    g.township_name = view_->directory().unit_name(g.cell.township_code);
    // A point inside the grid, as `owners` asks the layers at.
    g.point = grids::interior_point(g.cell.shape());
    g.resolution = view_->resolve(g.point, g.cell.code, category, grids::Instant::now());
    return g;
}

std::vector<std::string> LiveLocator::grids_of(const std::string& owner_id) const {
    const auto& chains = index_->chains_on(day_);
    // The chains are shared by the cells of a village with the same owners: test each once.
    std::vector<char> names(chains.chains.size(), 0);
    for (std::size_t k = 0; k < chains.chains.size(); ++k) {
        for (const auto& link : chains.chains[k].links) names[k] = names[k] || link.owner->id == owner_id;
    }
    std::vector<std::string> codes;
    const auto& locator = index_->locator();
    for (std::size_t cell = 0; cell < locator.size(); ++cell) {
        if (names[chains.shared_of[cell]]) codes.push_back(locator.code(cell));
    }
    return codes;
}

}  // namespace respgrid::ops

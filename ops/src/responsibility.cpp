#include "respgrid/ops/responsibility.hpp"

#include "respgrid/grids/serving.hpp"
#include "respgrid/importers/responsibility.hpp"

namespace respgrid::ops {

grids::RuleSet project_rules(store::Project& project) {
    std::vector<std::string> names;
    for (const auto& l : project.load_responsibility_layers()) names.push_back(l.name);
    if (auto stored = project.load_rules()) {
        return importers::parse_rules(stored->json, stored->source + " (stored in " + project.info().path + ")", names);
    }
    return grids::default_rules(names);
}

std::unique_ptr<grids::ResponsibilityResolver> load_resolver(store::Project& project) {
    return std::make_unique<grids::ResponsibilityResolver>(
        project.load_responsibility_layers(), project.load_responsibility_features(), project.load_owners(),
        project.load_categories(), project_rules(project), project.info().time_zone);
}

ResponsibilityView ResponsibilityView::load(store::Project& project, grids::Instant at) {
    ResponsibilityView view;
    view.zone_ = project.info().time_zone;
    view.at_ = at;
    view.generation_ = project.generation_at(view.at_);

    const grids::ServingRoster roster(project.load_owners());
    std::vector<grids::GridAssignment> assignments;
    if (view.generation_) {
        const auto refs = project.load_grid_refs(view.generation_->id);
        assignments = roster.chains_on(refs, view.at_.date_in(view.zone_));
    }
    std::vector<grids::AdminUnit> names;
    for (auto level : {grids::AdminLevel::County, grids::AdminLevel::Township, grids::AdminLevel::Village}) {
        for (auto& u : project.load_units(level)) names.push_back({u.level, u.code, u.name, u.parent_code, {}, {}});
    }
    view.directory_ = std::make_unique<grids::Directory>(roster.owners(), names, std::move(assignments));
    view.resolver_ = load_resolver(project);
    return view;
}

ResponsibilityView::ResponsibilityView(ResponsibilityView&&) noexcept = default;
ResponsibilityView& ResponsibilityView::operator=(ResponsibilityView&&) noexcept = default;
ResponsibilityView::~ResponsibilityView() = default;

grids::Resolution ResponsibilityView::resolve(geo::XY point, const std::string& grid_code,
                                              std::string_view category) const {
    return resolve(point, grid_code, category, at_);
}

grids::Resolution ResponsibilityView::resolve(geo::XY point, const std::string& grid_code, std::string_view category,
                                              grids::Instant at) const {
    return resolver_->resolve(point, directory_->chain(grid_code), category, at);
}

}  // namespace respgrid::ops

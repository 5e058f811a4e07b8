#pragma once
// Who answers for an issue: a project's responsibility model loaded once (layers, catalogue,
// roster, rules, the grid generation valid at a time and its territorial chains), then resolved
// per point. `owners` uses it for one grid; `locate` for each point it locates:
//
//     auto view = ops::ResponsibilityView::load(project, at);   // once
//     auto res = view.resolve(point, grid_code, category);      // per point, any thread
//
// The territorial chains are those of grids::ServingRoster on the view's day (the one rule for
// who serves at a time), so an old issue resolves to the owners of its day.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

class ResponsibilityView {
public:
    // Loads everything for time `at`. InputError when the stored rules name a layer the project
    // no longer has. The generation is the one valid at `at` (nullopt when the project has no
    // grids yet, or none as old as `at`).
    static ResponsibilityView load(store::Project& project, grids::Instant at);

    ResponsibilityView(ResponsibilityView&&) noexcept;
    ResponsibilityView& operator=(ResponsibilityView&&) noexcept;
    ~ResponsibilityView();

    // The time the view was loaded for, and as people of the project's zone read it.
    [[nodiscard]] grids::Instant at() const { return at_; }
    [[nodiscard]] std::string at_text() const { return at_.to_text(zone_); }
    [[nodiscard]] grids::UtcOffset zone() const { return zone_; }
    [[nodiscard]] const std::optional<store::GridGeneration>& generation() const { return generation_; }
    [[nodiscard]] const grids::Directory& directory() const { return *directory_; }
    [[nodiscard]] const grids::ResponsibilityResolver& resolver() const { return *resolver_; }

    // Who answers at `point` (working CRS) in grid `grid_code` (of generation()) for `category`
    // ("" = none) at the view's time. Thread-safe.
    [[nodiscard]] grids::Resolution resolve(geo::XY point, const std::string& grid_code, std::string_view category) const;
    // The same at another time of the view's day (a service's request time; the owners and
    // the generation stay the view's).
    [[nodiscard]] grids::Resolution resolve(geo::XY point, const std::string& grid_code, std::string_view category,
                                            grids::Instant at) const;

private:
    ResponsibilityView() = default;
    grids::Instant at_;
    grids::UtcOffset zone_;
    std::optional<store::GridGeneration> generation_;
    std::unique_ptr<grids::Directory> directory_;
    std::unique_ptr<grids::ResponsibilityResolver> resolver_;
};

// The rules a project uses: its stored rules file, or the default rules over its layers.
grids::RuleSet project_rules(store::Project& project);

// The resolver of a project's responsibility (layers, features, roster, catalogue, rules), for a
// caller that brings its own territorial chains (batch locate, one per roster epoch).
std::unique_ptr<grids::ResponsibilityResolver> load_resolver(store::Project& project);

}  // namespace respgrid::ops

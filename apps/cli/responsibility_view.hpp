#pragma once
// Who answers for an issue: a project's responsibility model loaded once (layers, catalogue,
// roster, rules, the grid generation valid at a time and its territorial chains), then resolved
// per point. `owners` uses it for one grid; `locate` can use it for each point it locates:
//
//     auto view = cli::ResponsibilityView::load(project, at_option);  // once
//     auto res = view.resolve(point, grid_code, category);           // per point, any thread
//
// The territorial chain of a grid is recomputed from the roster valid at the view's time with
// grids::assign_territorial (what `assign` stores for today), so an old issue resolves to the
// owners of its day.

#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>
#include <optional>
#include <string>
#include <string_view>

#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

class ResponsibilityView {
public:
    // Loads everything for time `at` (the --at text, read by grids::parse_time in the project's
    // zone; nullopt = now). UsageError when `at` is malformed; InputError when the stored rules
    // name a layer the project no longer has. The generation is the one valid at `at` (nullopt
    // when the project has no grids yet, or none as old as `at`).
    static ResponsibilityView load(store::Project& project, const std::optional<std::string>& at = std::nullopt);
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
    // ("" = none) at the view's time, or at `at` when given. Thread-safe.
    [[nodiscard]] grids::Resolution resolve(geo::XY point, const std::string& grid_code, std::string_view category) const;
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

// How an answer is labelled for people: 网格员/村/社区/... for the territory, 主管部门 for a
// category's department, 责任层 <name> for a responsibility layer.
std::string answer_role_zh(const grids::Answer& a);
// An answer as JSON (role, layer, label, rule, owner and contact), as owners and locate print it.
nlohmann::json answer_json(const grids::Answer& a);

// An answer as a text line ("  <role>  <owner>  <contact>  <phone>") and its rule line.
void print_answer(std::ostream& out, const grids::Answer& a);

// The category line of `owners` and `locate` ("category  09009 机动车乱停放 (alias 乱停乱放)  deadline
// 4 h", or the text and "not recognised: 属地兜底"); nothing without a category.
void print_category(std::ostream& out, const grids::Resolution& res, const grids::CategoryCatalogue& catalogue);
// The same as JSON fields of `j`: category (the code, or null), category_name, category_text (as
// asked) and category_match (code, name, alias, unrecognised; null without a category).
void add_category_json(nlohmann::json& j, const grids::Resolution& res, const grids::CategoryCatalogue& catalogue);

// The rules a project uses: its stored rules file, or the default rules over its layers.
grids::RuleSet project_rules(store::Project& project);

}  // namespace respgrid::cli

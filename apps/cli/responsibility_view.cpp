#include "cli/responsibility_view.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "respgrid/importers/responsibility.hpp"

namespace respgrid::cli {

grids::RuleSet project_rules(store::Project& project) {
    std::vector<std::string> names;
    for (const auto& l : project.load_responsibility_layers()) names.push_back(l.name);
    if (auto stored = project.load_rules()) {
        return importers::parse_rules(stored->json, stored->source + " (stored in " + project.info().path + ")", names);
    }
    return grids::default_rules(names);
}

ResponsibilityView ResponsibilityView::load(store::Project& project, const std::optional<std::string>& at) {
    return load(project, at ? time_option(*at, "--at", project.info().time_zone) : grids::Instant::now());
}

ResponsibilityView ResponsibilityView::load(store::Project& project, grids::Instant at) {
    ResponsibilityView view;
    view.zone_ = project.info().time_zone;
    view.at_ = at;
    view.generation_ = project.generation_at(view.at_);
    const grids::Date day = view.at_.date_in(view.zone_);

    auto owners = project.load_owners();
    // The territorial chains of the generation, from the owners who serve at that time.
    std::vector<grids::GridAssignment> assignments;
    if (view.generation_) {
        std::vector<grids::Owner> serving;
        for (const auto& o : owners) {
            if (o.active && grids::valid_on(o.valid_from, o.valid_to, day)) serving.push_back(o);
        }
        auto refs = project.load_grid_refs(view.generation_->id);
        assignments = grids::assign_territorial(refs, serving);
    }
    std::vector<grids::AdminUnit> names;
    for (auto level : {grids::AdminLevel::County, grids::AdminLevel::Township, grids::AdminLevel::Village}) {
        for (auto& u : project.load_units(level)) names.push_back({u.level, u.code, u.name, u.parent_code, {}, {}});
    }
    view.directory_ = std::make_unique<grids::Directory>(owners, names, std::move(assignments));
    view.resolver_ = std::make_unique<grids::ResponsibilityResolver>(
        project.load_responsibility_layers(), project.load_responsibility_features(), std::move(owners),
        project.load_categories(), project_rules(project), view.zone_);
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

std::string answer_role_zh(const grids::Answer& a) {
    if (a.layer == grids::kTerritory) {
        if (auto role = grids::parse_role(a.role)) return std::string(grids::label_zh(*role));
    }
    if (a.layer == grids::kCategoryLayer) return "主管部门";
    return "责任层 " + a.layer;
}

nlohmann::json answer_json(const grids::Answer& a) {
    nlohmann::json j = {{"role", a.role}, {"role_zh", answer_role_zh(a)}, {"layer", a.layer}, {"label", a.label}, {"rule", a.rule}};
    if (a.owner) {
        j["owner_id"] = a.owner->id;
        j["name"] = a.owner->name;
        j["kind"] = grids::to_string(a.owner->kind);
        j["contact"] = a.owner->contact;
        j["phone"] = a.owner->phone;
    } else {
        j["owner_id"] = nullptr;
    }
    return j;
}


void print_answer(std::ostream& out, const grids::Answer& a) {
    out << "  " << answer_role_zh(a) << "  ";
    if (a.owner) {
        out << a.owner->name;
        if (!a.owner->contact.empty() && a.owner->contact != a.owner->name) out << "  " << a.owner->contact;
        if (!a.owner->phone.empty()) out << "  " << a.owner->phone;
    } else {
        out << "(none)";
    }
    out << "\n      rule: " << a.rule << "\n";
}

void print_category(std::ostream& out, const grids::Resolution& res, const grids::CategoryCatalogue& catalogue) {
    if (grids::category_key(res.category_text).empty()) return;
    out << "category  ";
    if (res.category_unrecognised()) {
        out << res.category_text << "  not recognised (no code, name or alias of the catalogue): 属地兜底\n";
        return;
    }
    const grids::IssueCategory* c = catalogue.find_code(res.category);
    out << res.category << "  " << (c ? c->name : std::string());
    if (res.category_match != grids::CategoryMatchKind::Code) {
        out << "  (" << grids::to_string(res.category_match) << " " << res.category_text << ")";
    }
    if (res.deadline_hours) out << "  deadline " << format_number(*res.deadline_hours, 0) << " h";
    out << "\n";
}

void add_category_json(nlohmann::json& j, const grids::Resolution& res, const grids::CategoryCatalogue& catalogue) {
    const bool given = !grids::category_key(res.category_text).empty();
    const grids::IssueCategory* c = res.category.empty() ? nullptr : catalogue.find_code(res.category);
    j["category"] = c ? nlohmann::json(c->code) : nlohmann::json(nullptr);
    j["category_name"] = c ? nlohmann::json(c->name) : nlohmann::json(nullptr);
    j["category_text"] = given ? nlohmann::json(res.category_text) : nlohmann::json(nullptr);
    j["category_match"] = given ? nlohmann::json(grids::to_string(res.category_match)) : nlohmann::json(nullptr);
}

}  // namespace respgrid::cli

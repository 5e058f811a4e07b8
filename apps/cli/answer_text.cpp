#include "cli/answer_text.hpp"

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/console.hpp"

namespace respgrid::cli {

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
    if (res.deadline_hours) out << "  deadline " << geo::number_text(*res.deadline_hours, 0) << " h";
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

#include "views/answer_json.hpp"

namespace respgrid::views {

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

void add_category_json(nlohmann::json& j, const grids::Resolution& res, const grids::CategoryCatalogue& catalogue) {
    const bool given = !grids::category_key(res.category_text).empty();
    const grids::IssueCategory* c = res.category.empty() ? nullptr : catalogue.find_code(res.category);
    j["category"] = c ? nlohmann::json(c->code) : nlohmann::json(nullptr);
    j["category_name"] = c ? nlohmann::json(c->name) : nlohmann::json(nullptr);
    j["category_text"] = given ? nlohmann::json(res.category_text) : nlohmann::json(nullptr);
    j["category_match"] = given ? nlohmann::json(grids::to_string(res.category_match)) : nlohmann::json(nullptr);
}

}  // namespace respgrid::views

#pragma once
// Who answers, as JSON: the same fields in `owners --json`, `locate --json` and the service.

#include <nlohmann/json.hpp>

#include <string>

#include "respgrid/grids/categories.hpp"
#include "respgrid/grids/responsibility.hpp"

namespace respgrid::views {

// How an answer is labelled for people: 网格员/村/社区/... for the territory, 主管部门 for a
// category's department, 责任层 <name> for a responsibility layer.
std::string answer_role_zh(const grids::Answer& a);
// An answer as JSON (role, layer, label, rule, owner and contact).
nlohmann::json answer_json(const grids::Answer& a);
// The category fields of `j`: category (the code, or null), category_name, category_text (as
// asked) and category_match (code, name, alias, unrecognised; null without a category).
void add_category_json(nlohmann::json& j, const grids::Resolution& res, const grids::CategoryCatalogue& catalogue);

}  // namespace respgrid::views

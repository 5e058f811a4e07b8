#pragma once
// How the answers of ops::ResponsibilityView read for people (text) and tools (JSON), the same in
// `owners` and single-point `locate`.

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "respgrid/grids/responsibility.hpp"

namespace respgrid::cli {

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

}  // namespace respgrid::cli

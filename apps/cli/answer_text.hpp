#pragma once
// How the answers of ops::ResponsibilityView read for people, the same in `owners` and
// single-point `locate` (their JSON: views/answer_json.hpp).

#include <ostream>
#include <string>

#include "respgrid/grids/responsibility.hpp"
#include "views/answer_json.hpp"

namespace respgrid::cli {

using views::add_category_json;
using views::answer_json;
using views::answer_role_zh;

// An answer as a text line ("  <role>  <owner>  <contact>  <phone>") and its rule line.
void print_answer(std::ostream& out, const grids::Answer& a);

// The category line of `owners` and `locate` ("category  09009 机动车乱停放 (alias 乱停乱放)  deadline
// 4 h", or the text and "not recognised: 属地兜底"); nothing without a category.
void print_category(std::ostream& out, const grids::Resolution& res, const grids::CategoryCatalogue& catalogue);

}  // namespace respgrid::cli

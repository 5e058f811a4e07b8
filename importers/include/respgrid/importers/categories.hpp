#pragma once
// The issue-category catalogue (CSV or Excel): code (代码), name (名称), group (大类), standard
// (标准), department (责任部门: an owner id), deadline_hours (处置时限), territory_answers (属地负责:
// 1/0, yes/no, 是/否; default 1: the territory answers as well as the department; 0: only when
// nobody else does), aliases (别名: other texts that mean the category, e.g. 乱停乱放; several in
// one cell, separated by ; ； 、 , ， | ｜ or line breaks). Categories are data, not code: a county
// extends the catalogue by editing it.
//
// The catalogue stays unambiguous (grids/categories.hpp): a row whose code, name or an alias is
// already a text of another category (an earlier row, or a category of `existing` that the file
// does not replace) is rejected, naming both.

#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/issues.hpp"

namespace respgrid::importers {

struct CategoryImport {
    std::vector<grids::IssueCategory> categories;
    std::vector<Reject> rejects;
    std::size_t rows_read = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the file's; GB18030 was transcoded
};

// `existing`: the categories the project has already; a row with the same code replaces one.
CategoryImport read_categories(const std::string& path, const std::string& layer = {},
                               std::span<const grids::IssueCategory> existing = {});

}  // namespace respgrid::importers

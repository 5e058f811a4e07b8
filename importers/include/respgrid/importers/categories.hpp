#pragma once
// The issue-category catalogue (CSV or Excel): code (代码), name (名称), group (大类), standard
// (标准), department (责任部门: an owner id), deadline_hours (处置时限), territory_answers (属地负责:
// 1/0, yes/no, 是/否; default 1: the territory answers as well as the department; 0: only when
// nobody else does). Categories are data, not code: a county extends the catalogue by editing it.

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

CategoryImport read_categories(const std::string& path, const std::string& layer = {});

}  // namespace respgrid::importers

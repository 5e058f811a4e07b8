#pragma once
// The issue-category catalogue (CSV or Excel): code, name, group, standard, department,
// deadline_hours. Categories are data, not code: a county extends the catalogue by editing it.

#include <string>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/grids/issues.hpp"

namespace respgrid::importers {

struct CategoryImport {
    std::vector<grids::IssueCategory> categories;
    std::vector<Reject> rejects;
    std::size_t rows_read = 0;
};

CategoryImport read_categories(const std::string& path, const std::string& layer = {});

}  // namespace respgrid::importers

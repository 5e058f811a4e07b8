#pragma once
// Importing the tables of a project (CSV or Excel): the issue category catalogue and reported
// issues. (The roster, which brings its categories and layers along, is import_roster.hpp.)

#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/ops/import.hpp"

#include "respgrid/ops/unrecognised_categories.hpp"

namespace respgrid::ops {

struct TableImportOptions {
    std::string project;
    std::string file;
    std::string layer;  // sheet or layer; empty: the first
};

// The catalogue's categories, updated by code. A category naming a department the roster lacks
// is stored (the territory answers for it until the roster has it) and told as a warning.
ImportedFile import_categories(const TableImportOptions& options, ImportListener& listener);
// The same within a run that has the project open (import_roster.hpp).
ImportedFile import_categories(store::Project& project, const TableImportOptions& options, ImportListener& listener);

struct IssuesImportOptions {
    std::string project;
    std::string file;
    std::string layer;
    std::optional<geo::Crs> crs;  // for rows without a crs value
};

struct IssuesImportResult {
    ImportedFile file;
    // The category text of every row that matched nothing in the catalogue, in row order (the
    // territory answers for those issues, 属地兜底).
    UnrecognisedCategories unrecognised_categories;
    bool catalogue_empty = false;  // the project has no category catalogue yet
};

// Each issue's category is resolved to the catalogue's code (by code, name or alias) as it is
// stored; a text that matches nothing is kept as text.
IssuesImportResult import_issues(const IssuesImportOptions& options, ImportListener& listener);

}  // namespace respgrid::ops

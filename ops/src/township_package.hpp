#pragma once
// export --township CODE...: the part of a project a township's package holds, taken out of what
// the export loaded: the township itself, its villages and grids, the issues and ledger cases
// located in it, the responsibility features that meet it, and the county outline kept for
// orientation. The latest audit's defects are the county's and stay out.

#include <set>
#include <string>
#include <vector>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/grids/grid_row.hpp"
#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/ops/project_view.hpp"

namespace respgrid::ops::detail {

// The township codes asked for, each checked: UsageError naming the codes the project has
// (code and name) for one it does not.
// Township codes; looked up by string_view (a grid row's code) without a copy.
using TownshipCodes = std::set<std::string, std::less<>>;

TownshipCodes checked_townships(const std::vector<std::string>& asked, const ProjectView& view);

// Keeps in `view` (townships, villages), `issues`, `cases` and `responsibility` only what belongs
// to `townships`. An issue belongs where the grid it was located to lies; one in no grid belongs
// nowhere. `view.cells` stay whole: issues were placed against all of them.
void keep_townships(const TownshipCodes& townships, ProjectView& view,
                    std::vector<exporters::LocatedIssue>& issues, std::vector<grids::LedgerCase>& cases,
                    std::vector<grids::ResponsibilityFeature>& responsibility);

// The rows of `all` in `townships` only.
grids::GridRowSource grid_rows_in(grids::GridRowSource all, TownshipCodes townships);

}  // namespace respgrid::ops::detail

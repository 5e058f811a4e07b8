#pragma once
// Making townships or villages tile their parent: proposes the changes (make-valid, snap, clip
// spill, give each overlap and gap piece to one neighbour), writes them as PREFIX.json and
// PREFIX.gpkg, and changes the project only when asked, in one transaction.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/repair.hpp"
#include "respgrid/ops/audit_layers.hpp"

namespace respgrid::ops {

struct RepairOptions {
    std::string project;
    AuditLayer layer = AuditLayer::Villages;  // villages or townships
    grids::RepairOptions repair;
    // The change list goes to PREFIX.json and PREFIX.gpkg; empty: beside the project,
    // <project>.repair-<layer> (the first free <project>.repair-<layer>.N when that is taken).
    std::string output;
    bool apply = false;
    bool overwrite = false;
};

struct RuleTotals {
    std::size_t changes = 0;
    double area_m2 = 0.0;
};

struct RepairResult {
    std::string prefix;                         // the change list is PREFIX.json and PREFIX.gpkg
    std::vector<grids::RepairChange> changes;
    std::map<std::string, RuleTotals> by_rule;  // by rule name
    std::size_t units = 0;                      // units of the layer
    std::size_t changed_units = 0;
    double area_before_m2 = 0.0;
    double area_after_m2 = 0.0;
    std::size_t unassigned = 0;                 // pieces no unit could be given
    std::optional<long long> applied_run;       // the repair run, when applied
    std::size_t updated_units = 0;              // units written (the county when its repair was accepted)
    bool grids_outdated = false;                // applied while grids cut from the old units exist
};

// UsageError when the layer is the grids or the project has none of the layer's units.
RepairResult repair_units(const RepairOptions& options, const Progress& progress = {});

}  // namespace respgrid::ops

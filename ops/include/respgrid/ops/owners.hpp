#pragma once
// Who answers for one grid: the responsibility layers that cover the grid's representative point
// (a point inside it, GEOS point-on-surface), the category's department and the territorial
// chain, in the order and with the precedence the project's rules give (docs/semantics.md
// "Responsibility"), each with its rule.

#include <optional>
#include <string>

#include "respgrid/geo/xy.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/ops/responsibility.hpp"

namespace respgrid::ops {

struct OwnersOptions {
    std::string project;
    std::string grid;      // a grid code of the generation valid at `at`
    std::string category;  // a code, name or alias; "" = none (属地兜底 when it matches nothing)
    std::optional<grids::TimeText> at;  // read in the project's zone; nullopt = now
};

struct OwnersResult {
    ResponsibilityView view;  // the roster and rules the answers point into
    store::GridGeneration generation;
    std::string grid;
    std::string village_code;
    std::string township_code;
    geo::XY point;  // the representative point the layers were asked at
    grids::Resolution resolution;

    // Somebody answers and every role listed is filled (else the CLI exits 3).
    [[nodiscard]] bool complete() const;
};

// UsageError when the project has no generation as old as `at`, or the grid is not in it.
OwnersResult find_owners(const OwnersOptions& options);

}  // namespace respgrid::ops

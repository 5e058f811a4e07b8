#pragma once
// Giving every grid of the current generation its territorial owner chain (grid worker, village,
// township, 包联 leader) and storing the chains.
//
// The chains stored are those of every active owner, whatever their validity dates: batch
// `locate` takes them and leaves out, for each row, the owners not serving on the row's day
// (apps/cli/batch_locator.cpp). Storing grids::ServingRoster::chains_on(refs, today) instead
// (the one rule for who serves at a time) is right only once batch locate computes its chains
// with ServingRoster per epoch too; until then it would drop a worker whose service ended from
// the rows of the days they served (tests/cli/errors_test.cpp,
// OwnerColumnsListOnlyTheOwnersServingAtTheRowsTime).

#include <cstddef>
#include <map>
#include <string>

#include "respgrid/grids/owners.hpp"

namespace respgrid::ops {

struct AssignOptions {
    std::string project;
};

struct AssignResult {
    long long generation_id = 0;
    std::size_t grids = 0;
    std::size_t complete = 0;                    // grids whose chain has every role
    std::map<grids::Role, std::size_t> missing;  // grids without each role
};

// UsageError when the project has no grids yet; store::StoreError when it cannot be written.
AssignResult assign_owners(const AssignOptions& options);

}  // namespace respgrid::ops

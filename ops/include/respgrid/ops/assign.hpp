#pragma once
// Giving every grid of the current generation its territorial owner chain (grid worker, village,
// township, 包联 leader) and storing the chains.
//
// The chains stored are those of the owners serving on the day of `at` (today by default), by the
// one rule for who serves at a time (grids::ServingRoster): what the audit checks ("no grid
// without an owner", today) and what marks a generation as assigned. Locate, owners, export and
// map compute the chains of their own day with the same rule.

#include <cstddef>
#include <map>
#include <string>

#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::ops {

struct AssignOptions {
    std::string project;
    grids::Instant at = grids::Instant::now();  // whose day's serving owners are stored
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

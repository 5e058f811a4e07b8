#pragma once
// Giving every grid of the current generation its territorial owner chain (grid worker, village,
// township, 包联 leader), as the owners serving on the day it runs (grids/serving.hpp), and
// storing the chains.

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::ops {

struct AssignOptions {
    std::string project;
    // The day whose serving owners fill the chains; unset = today in the project's time zone.
    std::optional<grids::Date> day;
};

struct AssignResult {
    long long generation_id = 0;
    std::size_t grids = 0;
    std::size_t complete = 0;                 // grids whose chain has every role
    std::map<grids::Role, std::size_t> missing;  // grids without each role
};

// UsageError when the project has no grids yet; store::StoreError when it cannot be written.
AssignResult assign_owners(const AssignOptions& options);

}  // namespace respgrid::ops

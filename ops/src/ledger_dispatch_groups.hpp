#pragma once
// Which cases go on which owner's dispatch sheet (ops/ledger_dispatch.hpp says the rule), in
// sheet order: owners by code (cases outside every unit last), each owner's cases by deadline.

#include <span>
#include <vector>

#include "respgrid/exporters/dispatch_sheets.hpp"
#include "respgrid/ops/ledger_dispatch.hpp"

namespace respgrid::ops::detail {

struct DispatchGroups {
    std::vector<exporters::DispatchOwner> owners;  // rows point into `cases`; units are the caller's to set
    std::size_t without_owner = 0;
};

DispatchGroups group_for_dispatch(std::span<const grids::LedgerCase> cases, DispatchBy per, grids::Instant at);

}  // namespace respgrid::ops::detail

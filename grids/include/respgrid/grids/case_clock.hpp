#pragma once
// Where a case stands against its deadline at a given time (督办时钟): what the dispatch sheets
// print and the exported cases layer carries, read the same way by both.
//
// The clock runs only while a case awaits the fix (LedgerCase::awaiting_fix): a fixed, checked,
// closed or rejected case is never overdue here, however late it was fixed (the report counts
// late fixes from the timeline). A case not yet dispatched has no deadline: no clock at all.
// Late is grids::is_overdue's rule (at the deadline's own second a case is still on time).

#include <optional>

#include "respgrid/grids/deadlines.hpp"
#include "respgrid/grids/ledger_case.hpp"

namespace respgrid::grids {

struct CaseClock {
    bool overdue = false;
    // Hours until the deadline (>= 0) while on time; hours past it while overdue. Both nullopt
    // when the clock does not run (no deadline, or not awaiting the fix).
    std::optional<double> hours_left;
    std::optional<double> hours_overdue;
};

inline CaseClock case_clock(const LedgerCase& c, Instant at) {
    CaseClock clock;
    if (!c.awaiting_fix() || !c.deadline) return clock;
    const double hours = static_cast<double>(c.deadline->unix_seconds() - at.unix_seconds()) / 3600.0;
    clock.overdue = is_overdue(*c.deadline, at);
    if (clock.overdue) {
        clock.hours_overdue = -hours;
    } else {
        clock.hours_left = hours;
    }
    return clock;
}

}  // namespace respgrid::grids

#pragma once
// A project's ledger rules, set once per county (`respgrid ledger settings`): the ledger number's
// prefix, the working time deadlines count in, when a new report joins an earlier case (并案), and
// how fast an overdue case goes up the owner chain.

#include <chrono>
#include <string>

#include "respgrid/grids/deadlines.hpp"

namespace respgrid::grids {

struct LedgerSettings {
    std::string prefix = "RG";  // HY for 淮阳: the county's letters on every ledger number
    WorkingTime working_time;   // its zone is the project's
    SameDayCutoff same_day;     // 事不过夜 categories
    // A new report of the same category within this distance of a case still on the books, or
    // closed within `duplicate_days`, joins that case (FixMyStreet suggests duplicates within 50 m).
    double duplicate_distance_m = 50.0;
    int duplicate_days = 7;
    // Overdue by more than one step the case goes one role up the chain (grids::escalation).
    std::chrono::seconds escalation_step{24 * 3600};
    // The time limit of a case whose category states none (or matches no category): calendar time.
    std::chrono::seconds default_deadline{72 * 3600};
};

}  // namespace respgrid::grids

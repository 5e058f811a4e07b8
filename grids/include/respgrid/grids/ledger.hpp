#pragma once
// The issue ledger (挂账督办): every street problem found stays on the books until it is closed
// (销号). This header holds the ledger's rules, pure: a case's statuses and the moves between them,
// the ledger number, and escalation up the owner chain when a case is overdue. Deadlines are in
// grids/deadlines.hpp.
//
// A case moves  logged (立案) → dispatched (已派遣) → in_progress (整改中) → fixed (已整改, awaiting
// the check) → checked (已核查) → closed (已销号). A case that is no case (not a problem, a
// duplicate, outside the county) is rejected (退回) when logged, or sent back by the unit it was
// dispatched to; rejected is final. A failed check sends a fixed case back to in_progress; a closed
// case that a later re-check (回头看) finds not fixed is reopened (重新交办) and dispatched again.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::grids {

enum class CaseStatus { Logged, Dispatched, InProgress, Fixed, Checked, Closed, Rejected, Reopened };
inline constexpr CaseStatus kCaseStatuses[] = {CaseStatus::Logged,  CaseStatus::Dispatched, CaseStatus::InProgress,
                                               CaseStatus::Fixed,   CaseStatus::Checked,    CaseStatus::Closed,
                                               CaseStatus::Rejected, CaseStatus::Reopened};
// "logged", "dispatched", "in_progress", "fixed", "checked", "closed", "rejected", "reopened"
std::string_view to_string(CaseStatus status);
// "立案", "已派遣", "整改中", "已整改", "已核查", "已销号", "退回", "重新交办"
std::string_view label_zh(CaseStatus status);
std::optional<CaseStatus> parse_case_status(std::string_view text);  // the ASCII name
// What people type: the ASCII name or the Chinese label, trimmed.
std::optional<CaseStatus> parse_case_status_text(std::string_view text);

struct CaseTransition {
    CaseStatus from;
    CaseStatus to;
};
// Every allowed move, the one table the checks read (see top). A move not listed is refused.
std::span<const CaseTransition> case_transitions();
// The statuses a case in `from` may move to, in table order.
std::vector<CaseStatus> allowed_targets(CaseStatus from);

struct TransitionRefusal {
    CaseStatus from;
    CaseStatus to;
    // "fixed → closed is not allowed; from fixed: checked (已核查), in_progress (整改中)";
    // a final status says "from rejected: none (final)".
    std::string message;
};
// nullopt when the move is allowed.
std::optional<TransitionRefusal> check_transition(CaseStatus from, CaseStatus to);

// A ledger number, HY-20260901-0001: the county's prefix (given by the project), the day the case
// was logged in the project's zone, and the case's sequence within that day (1-9999).
struct LedgerNumber {
    std::string prefix;  // 1-10 ASCII capitals or digits
    Date day;
    int sequence = 1;
    friend bool operator==(const LedgerNumber&, const LedgerNumber&) = default;
};

// A prefix or sequence a ledger number cannot carry.
class LedgerError : public Error {
public:
    using Error::Error;
};

// The number of the `sequence`th case logged on the day `logged_at` falls on in `zone`.
LedgerNumber ledger_number(std::string prefix, Instant logged_at, UtcOffset zone, int sequence);
// "HY-20260901-0001"; throws LedgerError for a bad prefix or a sequence outside 1-9999.
std::string format_ledger_number(const LedgerNumber& number);

struct LedgerNumberParse {
    std::optional<LedgerNumber> value;
    std::string error;  // why the text is not a ledger number (set when !value)
};
// Exactly what format_ledger_number writes: no spaces, capitals, a real day, sequence 0001-9999.
LedgerNumberParse parse_ledger_number(std::string_view text);

// Escalation (督办升级). A case is held by the lowest role of its owner chain that exists
// (grid_worker, else village, ...). Overdue by more than `step` it goes one role up, by more than
// two steps one more, and so on: k roles above the holder from deadline + k·step + 1 s, missing
// roles skipped, stopping at the top role the chain has (the 包联 leader when there is one). A
// case overdue by less than a step stays with its holder (is_overdue says it is late).
struct Escalation {
    Role to = Role::Village;
    Instant since;  // the first second the case is with `to`
    int levels = 1;  // how many roles above the holder (missing roles not counted)
};
// nullopt when the case is not overdue by more than a step at `now`, or its chain has no role
// above the holder.
// `present` lists the chain's roles in any order (duplicates ignored); throws LedgerError for a
// step that is not positive.
std::optional<Escalation> escalation(std::span<const Role> present, Instant deadline, Instant now,
                                     std::chrono::seconds step);

}  // namespace respgrid::grids

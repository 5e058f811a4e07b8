#pragma once
// The daily supervision report of the issue ledger (督办通报): what came in, what was fixed on
// time or late, what is still open and overdue, per township, village, department and 包联
// leader, ranked worst first. Pure: it computes from the cases and their timeline only, so the
// exporters (exporters/ledger_report.hpp) write the same figures in every format.
//
// As of when. A report covers a period of local days, first..last in the project's zone (a
// daily report: first = last), and every figure is AS OF the end of the last day (23:59:59
// local): each case's status, fix time and dispatch time are replayed from its events at or
// before that instant, never read from the case's current fields. A report for a past day is
// therefore the same whenever it is computed. Two things the timeline does not record come from
// the case as stored: its deadline (applied only once the case was dispatched by then) and its
// report_count. The escalation level is the case's own when no escalation event follows the
// as-of instant, else the number of escalation events up to it.
//
// The replay. A case exists from its logged_at, in 立案 (logged). Each event at or before the
// as-of instant, in time order (ties in the order given), moves it to the event's `to` status (a
// `logged` or `dispatched` event without one means that status). A move to dispatched is a
// dispatch (派遣); a move to fixed is a fix, timed by the event; a move back to a status awaiting
// the fix (a failed check: fixed → in_progress; a 回头看 reopen: closed → reopened) undoes the
// fix. So "fixed at" is the last move to fixed that nothing undid.
//
// The figures of a unit (UnitFigures; the same for the county's totals). "The period's cases"
// are those logged (logged_at) within the period; "awaiting the fix" is logged, dispatched,
// in_progress or reopened at the as-of instant; "rectified" is fixed, checked or closed then.
//   logged              the period's cases (新增立案), rejected ones included
//   rejected            the period's cases rejected by then (退回: not a case; counted here only)
//   received            the period's cases not rejected (受理) = logged - rejected
//   rectified_on_time   the period's cases rectified, fixed at or before the deadline (or with
//                       no deadline: never dispatched, so never late) (按时整改)
//   rectified_late      the period's cases rectified after the deadline (超时整改)
//   open_new            the period's cases awaiting the fix (新增未整改)
//   carried             cases logged before the period still awaiting the fix (往日挂账)
//   open                open_new + carried: everything awaiting the fix (挂账未整改)
//   overdue             of `open`, those dispatched with a deadline before the as-of instant
//                       (超期, is_overdue), carried ones included; `overdue_numbers` names them
//   overdue_new         of `overdue`, the period's cases
//   rectified_in_period cases of any day whose fix (as above) falls within the period (期内整改);
//                       information beside the partition below, not part of it
//   reports             the sum of report_count over the `received` cases: counts count cases,
//                       the reports merged into them (并案) are shown beside
//   on_time_rate        rectified_on_time / (rectified_on_time + rectified_late + overdue_new),
//                       over the period's cases whose outcome is decided at the as-of instant.
//                       Cases still open but not yet due are left out: they can still be fixed on
//                       time, and counting them either way would punish a unit for a case that
//                       came in at 17:00 or reward one that sits on its cases until the deadline.
//                       nullopt when nothing is decided.
//   average_hours_to_fix  the mean of (fix - the last dispatch before it) in hours over the period's
//                       rectified cases that were dispatched; nullopt when there are none.
//
// What adds up (checked by compute_daily_report before it returns; LedgerReportError if not):
// for every unit  logged = received + rejected,  received = rectified_on_time + rectified_late +
// open_new,  open = open_new + carried,  overdue_new <= overdue <= open, one number per overdue
// case; and townships, villages and categories each partition the ledger, so the sums of each
// figure above (rates and averages aside) over them equal the totals; the cases of grid_counts
// and the received cases in no grid add up to the received total. A case outside every
// township or village (no code) is in the unit with the empty code, 「未定位」. Departments and
// leaders do not partition: a case counts once for each distinct department (or leader) among its
// owners, and a case with none counts for none.
//
// Ranking, worst first: most overdue, then the lowest on-time rate (a unit with no rate after
// those with one), then code. Categories are listed by most received, then code.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::grids {

// A period the report cannot cover (first day after the last), or figures that do not add up.
class LedgerReportError : public Error {
public:
    using Error::Error;
};

// Local days first..last (inclusive) in `zone`.
struct ReportPeriod {
    Date first;
    Date last;
    UtcOffset zone = kChinaTime;

    // The day alone.
    static ReportPeriod day(Date d, UtcOffset zone = kChinaTime) { return {d, d, zone}; }
    [[nodiscard]] Instant start() const { return Instant::start_of_day(first, zone); }
    // The instant every figure is computed at: the last second of the last day.
    [[nodiscard]] Instant as_of() const { return Instant::end_of_day(last, zone); }
};

struct ReportOptions {
    std::size_t worst_overdue = 10;  // the longest-overdue cases listed
    std::size_t hot_spots = 10;      // the grids with most cases listed
    int repeat_days = 30;            // repeat problems: within this many days ending on the last day
    int repeat_min_cases = 2;        // ... this many cases of one category in one grid
};

enum class ReportUnitKind { Township, Village, Department, Leader, Category };
// "township", "village", "department", "leader", "category"
std::string_view to_string(ReportUnitKind kind);
// "乡镇/街道", "村/社区", "责任部门", "包联领导", "问题类别"
std::string_view label_zh(ReportUnitKind kind);

// The name of the unit with the empty code: cases outside every township, village or category.
inline constexpr std::string_view kUnlocatedName = "未定位";
inline constexpr std::string_view kUncategorisedName = "未归类";

// The figures of one unit (see the top for each one's definition).
struct UnitFigures {
    std::string code;    // township/village/category code, the owner's id; "" for the totals
    std::string name;
    std::string parent;  // a village's township name; "" for other kinds
    int logged = 0;
    int rejected = 0;
    int received = 0;
    int rectified_on_time = 0;
    int rectified_late = 0;
    int open_new = 0;
    int carried = 0;
    int open = 0;
    int overdue = 0;
    int overdue_new = 0;
    int rectified_in_period = 0;
    long long reports = 0;
    std::vector<std::string> overdue_numbers;  // in number order
    std::optional<double> on_time_rate;        // 0..1
    std::optional<double> average_hours_to_fix;

    [[nodiscard]] int rectified() const { return rectified_on_time + rectified_late; }
};

// One case awaiting the fix past its deadline (超期督办).
struct OverdueItem {
    std::string number;
    std::string township_name;
    std::string village_name;
    std::string grid_code;
    std::string location_text;
    std::string category_name;
    std::string responsible_name;  // the owner it is dispatched to (责任单位)
    Date logged_day;               // in the period's zone
    Instant deadline;
    double hours_overdue = 0.0;    // as-of instant - deadline
    int escalation_level = 0;      // see the top
    bool carried = false;          // logged before the period
};

// A grid with many of the period's received cases (热点网格).
struct HotSpot {
    std::string grid_code;
    std::string village_name;
    std::string township_name;
    int cases = 0;
    long long reports = 0;
};

// Cases of one category in one grid, logged within ReportOptions::repeat_days ending on the last
// day (inclusive), not rejected (反复出现的问题).
struct RepeatProblem {
    std::string grid_code;
    std::string village_name;
    std::string township_name;
    std::string category_code;
    std::string category_name;
    std::vector<std::string> numbers;  // in number order
};

struct DailyReport {
    ReportPeriod period;
    Instant as_of;
    ReportOptions options;
    UnitFigures totals;  // the county: code "", name "合计"
    // Ranked worst first (see the top).
    std::vector<UnitFigures> townships;
    std::vector<UnitFigures> villages;
    std::vector<UnitFigures> departments;
    std::vector<UnitFigures> leaders;
    std::vector<UnitFigures> categories;  // most received first
    // The longest overdue first (then by number); at most options.worst_overdue.
    std::vector<OverdueItem> worst_overdue;
    // Every grid with received cases of the period (what the HTML report's map colours), most
    // cases first, then most reports, then code; hot_spots are its first options.hot_spots.
    std::vector<HotSpot> grid_counts;
    std::vector<HotSpot> hot_spots;
    int received_outside_grids = 0;  // the period's received cases with no grid code
    // Most cases first, then grid and category code.
    std::vector<RepeatProblem> repeats;

    [[nodiscard]] const std::vector<UnitFigures>& units(ReportUnitKind kind) const;
};

// The report of `period` (see the top). `events` may hold events of cases not in `cases` (they
// are ignored) and be in any order. Throws LedgerReportError for a period whose first day is
// after its last, or options that make no sense (repeat_days < 1, repeat_min_cases < 2), and when
// the figures fail to add up (a bug: the message names the figure, the unit kind and both sides).
DailyReport compute_daily_report(std::span<const LedgerCase> cases, std::span<const CaseEvent> events,
                                 const ReportPeriod& period, const ReportOptions& options = {});

}  // namespace respgrid::grids

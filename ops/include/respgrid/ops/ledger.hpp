#pragma once
// The issue ledger (挂账督办) as use cases: the project is the ledger (store/ledger.hpp) and these
// are the only ways it changes, so the CLI, the service and bulk files follow the same rules:
//
//   import     every row of a point table located, its owners resolved by the routing rules of
//              its time, dispatched (已派遣) with a deadline from its category; or merged into a
//              case nearby (并案); idempotent on the report's id or content
//   update     a status change, only along the allowed moves (grids/ledger.hpp), with who, when,
//              a note and photos; one at a time or a bulk file
//   link       a report moved into another case by hand, or out into a case of its own (unlink)
//   escalate   overdue cases go up the owner chain (grids::escalation), recorded in the timeline
//   list/show  the cases by filters, one case with its reports and timeline
//
// Every write is one transaction: a batch is stored whole or not at all, and a re-run completes
// an interrupted one without duplicates.

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/grids/ledger_settings.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/ops/locate.hpp"
#include "respgrid/ops/unrecognised_categories.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

// ---- settings

// What `ledger settings` changes; unset fields keep their stored value.
struct LedgerSettingsChange {
    std::optional<std::string> prefix;
    std::optional<double> duplicate_distance_m;
    std::optional<int> duplicate_days;
    std::optional<std::chrono::seconds> escalation_step;
    std::optional<std::chrono::seconds> default_deadline;
    std::optional<std::vector<grids::Date>> holidays;
    std::optional<std::vector<grids::Date>> extra_working_days;
    std::optional<int> same_day_cutoff;  // seconds since local midnight
};
// The settings after the change (UsageError for a value the ledger cannot use: a prefix that no
// number can carry, a distance or step that is not positive).
grids::LedgerSettings change_ledger_settings(const std::string& project, const LedgerSettingsChange& change);
grids::LedgerSettings ledger_settings(const std::string& project);

// ---- import

struct LedgerImportOptions {
    std::string project;
    std::string input;            // CSV, XLSX, GeoJSON or any point layer GDAL reads
    std::string layer;            // sheet or layer; "" = the first
    std::optional<geo::Crs> crs;  // of rows without a crs value; nullopt = CGCS2000
    // The dispatch time of rows without a dispatched_at (派遣时间) column value; nullopt = now.
    std::optional<grids::TimeText> at;
    std::string actor = "import";  // who the timeline names for the logging and dispatch
    std::optional<double> assign_nearest_m;  // a point outside every grid within this goes to the nearest
};

enum class ReceiptOutcome { Opened, Merged, AlreadyOnLedger };
std::string_view to_string(ReceiptOutcome outcome);  // "opened", "merged", "already"
std::string_view label_zh(ReceiptOutcome outcome);   // "新立案", "并案", "已在台账"

// One line of the receipt (回执): what became of a row.
struct ReceiptLine {
    long long line = 0;
    std::string report_id;    // the row's own id, "" when it has none
    ReceiptOutcome outcome = ReceiptOutcome::Opened;
    std::string case_number;
    std::string grid_code;
    std::string responsible;  // the owner it is dispatched to
    std::optional<grids::Instant> deadline;
    double merged_distance_m = 0.0;  // Merged: how far from the case's point
};

struct LedgerImportResult {
    std::size_t rows_read = 0;
    std::size_t opened = 0;     // new cases
    std::size_t merged = 0;     // reports merged into a case (并案)
    std::size_t already = 0;    // reports already on the ledger (a re-import)
    std::size_t rejected = 0;   // rows handed to the reject sink
    std::vector<ReceiptLine> receipt;  // in line order, rejected rows left out
    UnrecognisedCategories unrecognised;  // category texts the catalogue does not know (属地兜底)
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;
    grids::UtcOffset zone;
};

// Rows are taken in the order of their report times (the earliest report of a place opens its
// case). A row is rejected, and the batch goes on, when its point is refused as batch locate
// refuses it, when its source or time cannot be read, or when it falls in no grid. Rejects go to
// `rejects` before anything is stored. UsageError when the project has no grids.
LedgerImportResult import_ledger(const LedgerImportOptions& options, RejectSink& rejects, const Progress& progress = {});

// One report taken in as it comes (the service's intake, a phone app, the 12345 hotline): the same
// checks, location, dispatch, deadline, 并案 and idempotence as a file's row.
struct ReportIntake {
    std::string project;
    std::string channel;       // who brought it, for the timeline ("open311", "hotline"); "" = "intake"
    std::string id;            // the report's id in its system (idempotence); "" = by its content
    std::string source;        // inspection, public, hotline... or their Chinese names; "" = inspection
    std::string reported_at;   // any time parse_time reads; "" = the dispatch time
    double x = 0.0;            // longitude or easting in `crs`
    double y = 0.0;
    std::optional<geo::Crs> crs;  // nullopt = CGCS2000
    std::string location;
    std::string category;      // code, name or alias
    std::string description;
    std::string reporter;
    std::string photos;        // ';'-separated
    std::optional<grids::TimeText> dispatch_at;  // nullopt = now
};

struct IntakeResult {
    std::optional<Reject> rejected;         // why it could not go on the ledger (nothing stored)
    bool in_no_grid = false;                // rejected: a good point that no grid holds (nobody answers)
    ReceiptLine receipt;                    // opened, merged or already, with the case
    std::optional<grids::LedgerCase> case_;  // the case it opened or joined
};
IntakeResult intake_report(const ReportIntake& report);

struct LedgerLocating;
// Reports taken in one after another by a long-running service: what locating needs (every grid
// generation, the roster, the rules) is loaded once, and again only when the project's locating
// revision or the day changes, instead of once per report. Thread-safe: the store serialises
// the writes (one transaction per report, as intake_report).
class ReportDesk {
public:
    explicit ReportDesk(std::string project);
    ~ReportDesk();
    ReportDesk(const ReportDesk&) = delete;
    ReportDesk& operator=(const ReportDesk&) = delete;

    // `report.project` is ignored: the desk's project takes it.
    IntakeResult take(const ReportIntake& report);

private:
    std::string project_;
    std::mutex mutex_;
    std::shared_ptr<const LedgerLocating> locating_;
    grids::Date day_;
    std::shared_ptr<const LedgerLocating> locating(store::Project& project);
};

// ---- updates

// A case by its ledger number, or by the id of one of its reports.
struct CaseRef {
    std::string number;
    std::string report_id;
};

struct StatusChange {
    CaseRef ref;
    grids::CaseStatus to = grids::CaseStatus::InProgress;
    std::optional<grids::TimeText> at;  // nullopt = now
    std::string actor;
    std::string note;
    std::vector<std::string> photos;  // after the fix for fixed/checked/closed, else before
};

// A move the workflow does not allow, a case or report that is not on the ledger, a time before
// the case's last change: nothing is changed.
class LedgerRefusal : public Error {
public:
    using Error::Error;
};

// The case after the change. Throws LedgerRefusal naming the allowed moves.
grids::LedgerCase change_status(const std::string& project, const StatusChange& change);

struct BulkUpdateOptions {
    std::string project;
    std::string input;  // CSV or XLSX: case or report, status, at, by, note, photos
    std::string layer;
};
struct BulkUpdateResult {
    std::size_t rows_read = 0;
    std::size_t applied = 0;
    std::size_t rejected = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;
};
// Every row as change_status would apply it, in the file's order; a row change_status would
// refuse is rejected with its reason and the others are applied, in one transaction.
BulkUpdateResult update_ledger(const BulkUpdateOptions& options, RejectSink& rejects, const Progress& progress = {});

// Moves report `report_id` into case `into` (并案 by hand). A case left without reports is
// rejected (退回) with a note naming the case it joined. Returns the case joined.
grids::LedgerCase link_report(const std::string& project, const std::string& report_id, const CaseRef& into,
                              const std::string& actor, const std::string& note = {});
// Moves report `report_id` out of its case into a new case of its own, dispatched as an import
// would dispatch it now. Returns the new case.
grids::LedgerCase unlink_report(const std::string& project, const std::string& report_id, const std::string& actor,
                                const std::string& note = {});

// ---- escalation

struct EscalationResult {
    std::size_t overdue = 0;      // cases awaiting the fix past their deadline at `at`
    std::size_t escalated = 0;    // of which went up the chain in this run
    std::vector<std::string> numbers;  // the escalated cases
};
// Every case awaiting the fix whose escalation at `at` is higher than the one recorded goes up,
// with an escalated event. Running it twice at one time changes nothing.
EscalationResult escalate_ledger(const std::string& project, std::optional<grids::TimeText> at = std::nullopt);

// ---- list and show

struct CaseFilter {
    std::vector<grids::CaseStatus> statuses;  // any of them; empty = all
    bool overdue_only = false;                // awaiting the fix and past the deadline at `at`
    std::string owner;                        // an owner id among the case's owners
    std::string township;                     // a code or a name
    std::string village;
    std::string grid;
    std::string category;                     // a code, name or alias
    std::optional<grids::CaseSource> source;
    std::optional<grids::TimeText> from;      // found at or after (a day: from its start)
    std::optional<grids::TimeText> to;        // found at or before (a day: to its end)
    std::optional<grids::TimeText> at;        // "now" for overdue; nullopt = now
};

struct CaseListing {
    std::vector<grids::LedgerCase> cases;  // in number order
    grids::Instant at;
    grids::UtcOffset zone;
};
CaseListing list_cases(const std::string& project, const CaseFilter& filter);

struct CaseDetail {
    grids::LedgerCase case_;
    std::vector<grids::CaseReport> reports;
    std::vector<grids::CaseEvent> events;
    grids::UtcOffset zone;
};
// LedgerRefusal when the case is not on the ledger.
CaseDetail show_case(const std::string& project, const CaseRef& ref);

}  // namespace respgrid::ops

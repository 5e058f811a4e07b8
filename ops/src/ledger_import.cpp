// ops::import_ledger: every row of a point table onto the ledger (ops/ledger.hpp).
#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>

#include "generations.hpp"
#include "import_steps.hpp"
#include "ledger_rows.hpp"
#include "ledger_rules.hpp"
#include "point_checker_pool.hpp"
#include "respgrid/geo/number_text.hpp"
#include "respgrid/importers/point_checker.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/importers/table.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/ops/point_options.hpp"
#include "respgrid/ops/responsibility.hpp"

namespace respgrid::ops {

std::string_view to_string(ReceiptOutcome outcome) {
    switch (outcome) {
        case ReceiptOutcome::Opened: return "opened";
        case ReceiptOutcome::Merged: return "merged";
        case ReceiptOutcome::AlreadyOnLedger: return "already";
    }
    return "?";
}

std::string_view label_zh(ReceiptOutcome outcome) {
    switch (outcome) {
        case ReceiptOutcome::Opened: return "新立案";
        case ReceiptOutcome::Merged: return "并案";
        case ReceiptOutcome::AlreadyOnLedger: return "已在台账";
    }
    return "?";
}

namespace {

using detail::LedgerRow;

// A row read and located, waiting for its turn (rows go in the order of their report times).
struct Located {
    LedgerRow row;
    grids::CaseOwners owners;
    const grids::IssueCategory* category = nullptr;
    std::string grid_code;
    std::string grid_name;
    std::array<std::string, 4> units;  // village code and name, township code and name
    long long generation_id = 0;
};

// What the transaction must leave behind, checked before it commits.
struct Counts {
    long long cases = 0;
    long long reports = 0;
    long long events = 0;
};
Counts stored_counts(store::Project& project) {
    auto& db = project.connection();
    return {db.query_integer("SELECT count(*) FROM cases").value_or(0),
            db.query_integer("SELECT count(*) FROM case_reports").value_or(0),
            db.query_integer("SELECT count(*) FROM case_events").value_or(0)};
}

grids::LedgerCase new_case(const Located& l, const std::string& number, grids::Instant logged_at) {
    grids::LedgerCase c;
    c.number = number;
    c.source = l.row.source;
    c.found_at = l.row.reported_at;
    c.logged_at = logged_at;
    c.location_text = l.row.location_text;
    c.lon = l.row.lon;
    c.lat = l.row.lat;
    c.crs = l.row.crs;
    c.position = l.row.position;
    c.generation_id = l.generation_id;
    c.grid_code = l.grid_code;
    c.village_code = l.units[0];
    c.village_name = l.units[1];
    c.township_code = l.units[2];
    c.township_name = l.units[3];
    c.category_text = l.row.category_text;
    c.description = l.row.description;
    for (const auto& p : l.row.photos) c.photos.push_back({grids::PhotoStage::Before, p});
    return c;
}

grids::CaseReport report_of(const Located& l, long long case_id) {
    grids::CaseReport r;
    r.case_id = case_id;
    r.source_key = l.row.source_key;
    r.source_id = l.row.source_id;
    r.source = l.row.source;
    r.reported_at = l.row.reported_at;
    r.reporter = l.row.reporter;
    r.location_text = l.row.location_text;
    r.description = l.row.description;
    r.category_text = l.row.category_text;
    r.lon = l.row.lon;
    r.lat = l.row.lat;
    r.crs = l.row.crs;
    r.position = l.row.position;
    r.photos = l.row.photos;
    r.source_file = l.row.file;
    r.source_line = l.row.line;
    return r;
}

std::string metres(double d) { return geo::number_text(d, 1) + " m"; }

// Up to this many reports, the cases that may take them are read around each (an index-free
// scan of the cases' points); more, and the whole ledger is read once.
constexpr std::size_t kFewReports = 16;

// How the reject of a good point outside every grid begins (intake tells it from bad input).
constexpr std::string_view kInNoGrid = "the point is in no grid";

}  // namespace

// What locating a report needs, loaded once per import (or once for many intakes).
struct LedgerLocating {
    long long revision = 0;  // the project's locating revision when loaded
    std::unique_ptr<grids::ServingRoster> roster;  // the generations' chains point into it
    detail::Generations generations;
    std::unique_ptr<grids::ResponsibilityResolver> resolver;
    // Checkers of reports taken in one at a time (ReportDesk), for the county of this revision.
    std::unique_ptr<detail::PointCheckerPool> checkers;
};

namespace {

std::unique_ptr<const LedgerLocating> load_locating(store::Project& project, const std::string& path, grids::Date day,
                                                    const Progress& progress) {
    const auto current = project.current_generation();
    if (!current) throw UsageError("the project has no grids yet; run `respgrid grid " + path + " --size 100`");
    auto l = std::make_unique<LedgerLocating>();
    l->revision = project.locating_revision();
    l->roster = std::make_unique<grids::ServingRoster>(project.load_owners());
    l->generations = detail::load_generations(project, *current, true, *l->roster, day, grids::kNoiseWidthM, progress);
    l->resolver = load_resolver(project);
    l->checkers = std::make_unique<detail::PointCheckerPool>(point_options(project, {}, geo::Crs::cgcs2000()));
    return l;
}

// Every row of `table` onto the ledger: the one path of a file's rows and of a report taken in
// one at a time (intake_report), so both are located, dispatched and merged alike.
LedgerImportResult put_on_ledger(store::Project& project, importers::PointTable& table, const LedgerImportOptions& options,
                                 const LedgerLocating* loaded, RejectSink& rejects, const Progress& progress) {
    LedgerImportResult result;
    result.zone = project.info().time_zone;
    const grids::Instant default_dispatch = options.at ? options.at->instant(result.zone) : grids::Instant::now();
    result.encoding = table.encoding;
    result.rows_read = table.rows_read;
    detail::LedgerRowReader reader(table, result.zone, default_dispatch);
    std::vector<Reject> refused = std::move(table.rejects);
    std::vector<LedgerRow> rows = reader.read_all(refused);

    // Locate every row in the generation and with the owners of its report time.
    report(progress, 0.1, "loading grids");
    std::unique_ptr<const LedgerLocating> loaded_here;
    if (!loaded) {
        loaded_here = load_locating(project, options.project, default_dispatch.date_in(result.zone), progress);
        loaded = loaded_here.get();
    }
    const detail::Generations& generations = loaded->generations;
    const auto& resolver = loaded->resolver;
    std::vector<Located> located;
    located.reserve(rows.size());
    for (auto& row : rows) {
        const auto& index = detail::generation_valid_at(generations.by_time, row.reported_at);
        const auto& locator = index.locator();
        const grids::LocateDetail hit = locator.locate_detailed(row.position, 5.0);
        const grids::Assignment assignment = grids::assign_located(hit, options.assign_nearest_m);
        if (!assignment.cell) {
            std::string why = std::string(kInNoGrid) + " (" + std::string(grids::located_status(hit, assignment)) + ")";
            if (hit.nearest) why += "; the nearest grid, " + std::string(locator.code(*hit.nearest)) + ", is " + metres(hit.nearest_distance_m) + " away";
            refused.push_back({row.where("lon"), why + ": a case needs an owner; check the point or its CRS"});
            continue;
        }
        const std::size_t cell = *assignment.cell;
        const auto& chains = index.chains_on(row.reported_at.date_in(result.zone));
        const std::size_t shared = chains.shared_of[cell];
        const grids::Resolution res = resolver->resolve(row.position, chains.chains[shared], row.category_text, row.reported_at);
        if (res.category_unrecognised()) result.unrecognised.add(row.category_text);
        Located l;
        l.owners = detail::case_owners(chains.chains[shared], &res);
        l.category = res.category.empty() ? nullptr : resolver->catalogue().find_code(res.category);
        l.grid_code = std::string(locator.code(cell));
        l.grid_name = std::string(index.name(cell));
        for (std::size_t k = 0; k < l.units.size(); ++k) l.units[k] = chains.values[shared][k];
        l.generation_id = index.generation_id();
        l.row = std::move(row);
        located.push_back(std::move(l));
    }
    std::stable_sort(refused.begin(), refused.end(),
                     [](const Reject& a, const Reject& b) { return a.where.record < b.where.record; });
    result.rejected = refused.size();
    rejects.add(refused);

    // The earliest report of a place opens its case; later ones join it.
    std::stable_sort(located.begin(), located.end(), [](const Located& a, const Located& b) {
        return a.row.reported_at < b.row.reported_at;
    });

    report(progress, 0.5, "storing");
    store::Ledger ledger(project);
    const grids::LedgerSettings settings = ledger.settings();
    project.in_one_transaction([&] {
        const Counts before = stored_counts(project);
        // Cases that may take the new reports: on the books, or closed lately.
        std::deque<grids::LedgerCase> cases;  // stable addresses for the finder
        detail::DuplicateFinder finder(settings);
        auto consider = [&](std::vector<grids::LedgerCase> candidates) {
            for (auto& c : candidates) {
                if (c.on_books() || c.status == grids::CaseStatus::Closed) finder.add(cases.emplace_back(std::move(c)));
            }
        };
        if (located.size() <= kFewReports) {
            // A few reports (a service's intake): only the cases near each can take it.
            std::set<long long> seen;
            for (const Located& l : located) {
                const geo::XY p = l.row.position;
                const double d = settings.duplicate_distance_m;
                auto near = ledger.cases_in({p.x - d, p.y - d, p.x + d, p.y + d});
                std::erase_if(near, [&](const grids::LedgerCase& c) { return !seen.insert(c.id).second; });
                consider(std::move(near));
            }
        } else {
            consider(ledger.cases());
        }
        detail::LedgerNumbers numbers(ledger, settings, result.zone);
        std::set<std::string, std::less<>> keys_in_batch;
        std::size_t events = 0, done = 0;
        for (const Located& l : located) {
            report(progress, 0.5 + 0.5 * static_cast<double>(++done) / static_cast<double>(located.size()), "storing");
            ReceiptLine line{l.row.line, l.row.source_id, ReceiptOutcome::Opened, {}, l.grid_code, {}, std::nullopt, 0.0};
            const bool repeated_in_batch = !keys_in_batch.insert(l.row.source_key).second;
            if (const auto held_by = ledger.case_with_report(l.row.source_key); held_by || repeated_in_batch) {
                line.outcome = ReceiptOutcome::AlreadyOnLedger;
                // The receipt names the case that has it (stored earlier, or by this batch).
                if (const auto c = held_by ? ledger.find(*held_by) : std::nullopt) {
                    line.case_number = c->number;
                    line.grid_code = c->grid_code;
                    line.responsible = c->responsible_name;
                    line.deadline = c->deadline;
                }
                ++result.already;
                result.receipt.push_back(std::move(line));
                continue;
            }
            const std::string key = detail::DuplicateFinder::category_of(l.category ? l.category->code : std::string(),
                                                                         l.row.category_text);
            if (auto match = finder.find(l.row.position, key, l.row.reported_at)) {
                grids::LedgerCase& c = *match->c;
                grids::CaseReport r = report_of(l, c.id);
                ledger.add_report(r);
                ++c.report_count;
                for (const auto& p : l.row.photos) c.photos.push_back({grids::PhotoStage::Before, p});
                ledger.update_case(c);
                ledger.add_event({0, c.id, l.row.dispatched_at, grids::CaseEventKind::Linked, std::nullopt, std::nullopt,
                                  options.actor,
                                  "并案: report " + (l.row.source_id.empty() ? r.source_key : l.row.source_id) + " (" +
                                      std::string(grids::label_zh(l.row.source)) + ", " + l.row.file + ":" +
                                      std::to_string(l.row.line) + ") " + metres(match->distance_m) + " from the case",
                                  {}});
                ++events;
                ++result.merged;
                line.outcome = ReceiptOutcome::Merged;
                line.case_number = c.number;
                line.grid_code = c.grid_code;
                line.responsible = c.responsible_name;
                line.deadline = c.deadline;
                line.merged_distance_m = match->distance_m;
                result.receipt.push_back(std::move(line));
                continue;
            }
            grids::LedgerCase c = new_case(l, numbers.next(l.row.dispatched_at), l.row.dispatched_at);
            detail::dispatch(c, l.owners, l.category, l.row.dispatched_at, settings);
            if (c.owners.empty()) {
                throw UsageError("grid " + l.grid_code + " has no owner to dispatch " + l.row.file + ":" +
                                 std::to_string(l.row.line) + " to; run `respgrid assign` after importing the roster");
            }
            ledger.add_case(c);
            grids::CaseReport r = report_of(l, c.id);
            ledger.add_report(r);
            // Logged and dispatched in one move (立案 and 派遣 at the same instant): one event says both.
            ledger.add_event({0, c.id, *c.dispatched_at, grids::CaseEventKind::Dispatched, grids::CaseStatus::Logged,
                              grids::CaseStatus::Dispatched, options.actor,
                              "立案: report " + (l.row.source_id.empty() ? r.source_key : l.row.source_id) + " (" +
                                  std::string(grids::label_zh(l.row.source)) + ", " + l.row.file + ":" +
                                  std::to_string(l.row.line) + "); 派遣 to " + c.responsible_name + ", due " +
                                  c.deadline->to_text(result.zone),
                              {}});
            events += 1;
            ++result.opened;
            line.case_number = c.number;
            line.responsible = c.responsible_name;
            line.deadline = c.deadline;
            result.receipt.push_back(std::move(line));
            finder.add(cases.emplace_back(std::move(c)));
        }
        // The ledger's counts add up before anything is committed.
        const Counts after = stored_counts(project);
        const auto opened = static_cast<long long>(result.opened);
        const auto merged = static_cast<long long>(result.merged);
        if (after.cases != before.cases + opened || after.reports != before.reports + opened + merged ||
            after.events != before.events + static_cast<long long>(events)) {
            throw Error("ledger import: the counts do not add up (cases " + std::to_string(before.cases) + " + " +
                        std::to_string(opened) + " != " + std::to_string(after.cases) + ", reports " +
                        std::to_string(before.reports) + " + " + std::to_string(opened + merged) +
                        " != " + std::to_string(after.reports) + "); nothing was stored");
        }
    });
    std::sort(result.receipt.begin(), result.receipt.end(),
              [](const ReceiptLine& a, const ReceiptLine& b) { return a.line < b.line; });
    report(progress, 1.0, "imported");
    return result;
}

class KeptRejects : public RejectSink {
public:
    void add(const std::vector<Reject>& rejects) override { all.insert(all.end(), rejects.begin(), rejects.end()); }
    std::vector<Reject> all;
};

}  // namespace

LedgerImportResult import_ledger(const LedgerImportOptions& options, RejectSink& rejects, const Progress& progress) {
    auto project = detail::open_to_import(options.project);
    report(progress, 0.0, "reading");
    auto o = point_options(project, options.input, options.crs);
    o.layer = options.layer;
    importers::PointTable table = importers::read_point_table(o);
    return put_on_ledger(project, table, options, nullptr, rejects, progress);
}

IntakeResult intake_report(const ReportIntake& report) { return ReportDesk(report.project).take(report); }

ReportDesk::ReportDesk(std::string project) : project_(std::move(project)) {}
ReportDesk::~ReportDesk() = default;

IntakeResult ReportDesk::take(const ReportIntake& report_in) {
    auto project = detail::open_to_import(project_);
    const std::string where = report_in.channel.empty() ? "intake" : report_in.channel;
    // One row of a table, its point checked and transformed as a file's rows are.
    importers::PointTable table;
    table.path = where;
    table.record_label = "report";
    table.fields = {"id", "source", "reported_at", "location", "category", "description", "reporter", "photos", "lon", "lat"};
    const auto loaded = locating(project);
    auto borrowed = loaded->checkers->borrow(report_in.crs ? report_in.crs->name() : std::string());
    importers::PointChecker& checker = *borrowed;
    importers::PointProblem problem;
    importers::PointRow row;
    row.line = 1;
    row.values = {report_in.id, report_in.source, report_in.reported_at, report_in.location, report_in.category,
                  report_in.description, report_in.reporter, report_in.photos, coordinate_text(report_in.x),
                  coordinate_text(report_in.y)};
    row.x = report_in.x;
    row.y = report_in.y;
    const geo::Crs* crs = checker.crs_of(report_in.crs ? report_in.crs->name() : std::string(), problem);
    IntakeResult result;
    if (!crs || !checker.check(report_in.x, report_in.y, *crs, row.values[8], row.values[9], row.position, problem)) {
        result.rejected = Reject{SourceLocation{where, {}, 1, problem.field == importers::PointField::Y ? "lat" : "lon", "report"},
                                 problem.reason};
        return result;
    }
    row.crs = crs->name();
    table.rows.push_back(std::move(row));
    table.rows_read = 1;
    LedgerImportOptions options;
    options.project = project_;
    options.at = report_in.dispatch_at;
    options.actor = where;
    KeptRejects rejects;
    const auto r = put_on_ledger(project, table, options, loaded.get(), rejects, {});
    if (!rejects.all.empty()) {
        result.rejected = rejects.all.front();
        result.in_no_grid = result.rejected->reason.starts_with(kInNoGrid);
        return result;
    }
    result.receipt = r.receipt.front();
    store::Ledger ledger(project);
    result.case_ = ledger.find(result.receipt.case_number);
    return result;
}

std::shared_ptr<const LedgerLocating> ReportDesk::locating(store::Project& project) {
    const long long revision = project.locating_revision();
    const grids::Date today = grids::Instant::now().date_in(project.info().time_zone);
    std::lock_guard lock(mutex_);
    // Loaded again when the grids, owners or rules changed, and each day (the chains of the
    // first day are computed at load; other days' are computed when first met).
    if (!locating_ || locating_->revision != revision || day_ != today) {
        locating_ = load_locating(project, project_, today, {});
        day_ = today;
    }
    return locating_;
}

}  // namespace respgrid::ops

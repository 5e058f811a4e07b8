// ops::list_cases, show_case, ledger_settings, change_ledger_settings (ops/ledger.hpp).
#include "import_steps.hpp"
#include "respgrid/grids/categories.hpp"
#include "respgrid/grids/deadlines.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/store/ledger.hpp"

namespace respgrid::ops {

namespace {

bool matches_unit(const std::string& wanted, const std::string& code, const std::string& name) {
    return wanted.empty() || wanted == code || wanted == name;
}

bool has_owner(const grids::LedgerCase& c, const std::string& owner) {
    if (owner.empty()) return true;
    for (const auto& o : c.owners) {
        if (o.owner_id == owner) return true;
    }
    return false;
}

}  // namespace

CaseListing list_cases(const std::string& project_path, const CaseFilter& filter) {
    auto project = store::Project::open(project_path);
    CaseListing listing;
    listing.zone = project.info().time_zone;
    listing.at = filter.at ? filter.at->instant(listing.zone) : grids::Instant::now();
    const auto from = filter.from ? std::optional<grids::Instant>(filter.from->second_of_day
                                                                      ? filter.from->instant(listing.zone)
                                                                      : grids::Instant::start_of_day(filter.from->date, listing.zone))
                                  : std::nullopt;
    const auto to = filter.to ? std::optional<grids::Instant>(filter.to->instant(listing.zone)) : std::nullopt;
    // The category as the routing matches it: by code, name or alias.
    std::string category_code;
    if (!filter.category.empty()) {
        const grids::CategoryCatalogue catalogue(project.load_categories());
        auto match = catalogue.match(filter.category);
        if (!match) throw UsageError("category '" + filter.category + "' is not in the catalogue (by code, name or alias)");
        category_code = match.category->code;
    }
    store::Ledger ledger(project);
    for (auto& c : ledger.cases()) {
        if (!filter.statuses.empty() &&
            std::find(filter.statuses.begin(), filter.statuses.end(), c.status) == filter.statuses.end()) {
            continue;
        }
        if (filter.overdue_only && !(c.awaiting_fix() && c.deadline && grids::is_overdue(*c.deadline, listing.at))) continue;
        if (!has_owner(c, filter.owner)) continue;
        if (!matches_unit(filter.township, c.township_code, c.township_name)) continue;
        if (!matches_unit(filter.village, c.village_code, c.village_name)) continue;
        if (!filter.grid.empty() && c.grid_code != filter.grid) continue;
        if (!category_code.empty() && c.category_code != category_code) continue;
        if (filter.source && c.source != *filter.source) continue;
        if (from && c.found_at < *from) continue;
        if (to && c.found_at > *to) continue;
        listing.cases.push_back(std::move(c));
    }
    return listing;
}

CaseDetail show_case(const std::string& project_path, const CaseRef& ref) {
    auto project = store::Project::open(project_path);
    store::Ledger ledger(project);
    std::optional<grids::LedgerCase> c;
    if (!ref.number.empty()) {
        c = ledger.find(ref.number);
        if (!c) throw LedgerRefusal("case " + ref.number + " is not on the ledger");
    } else {
        auto report = ledger.find_report_by_source_id(ref.report_id);
        if (!report) throw LedgerRefusal("report " + ref.report_id + " is not on the ledger");
        c = ledger.find(report->case_id);
    }
    CaseDetail detail;
    detail.zone = project.info().time_zone;
    detail.reports = ledger.reports_of(c->id);
    detail.events = ledger.events_of(c->id);
    detail.case_ = std::move(*c);
    return detail;
}

grids::LedgerSettings ledger_settings(const std::string& project_path) {
    auto project = store::Project::open(project_path);
    return store::Ledger(project).settings();
}

grids::LedgerSettings change_ledger_settings(const std::string& project_path, const LedgerSettingsChange& change) {
    auto project = detail::open_to_import(project_path);
    store::Ledger ledger(project);
    grids::LedgerSettings s = ledger.settings();
    if (change.prefix) {
        // A number must carry it: the same check the numbers themselves make.
        try {
            (void)grids::format_ledger_number({*change.prefix, grids::Date{}, 1});
        } catch (const grids::LedgerError& e) {
            throw UsageError("--prefix " + *change.prefix + ": " + e.what());
        }
        s.prefix = *change.prefix;
    }
    if (change.duplicate_distance_m) {
        if (!(*change.duplicate_distance_m >= 0.0)) throw UsageError("the duplicate distance cannot be negative");
        s.duplicate_distance_m = *change.duplicate_distance_m;
    }
    if (change.duplicate_days) {
        if (*change.duplicate_days < 0) throw UsageError("the duplicate days cannot be negative");
        s.duplicate_days = *change.duplicate_days;
    }
    if (change.escalation_step) {
        if (change.escalation_step->count() <= 0) throw UsageError("the escalation step must be positive");
        s.escalation_step = *change.escalation_step;
    }
    if (change.default_deadline) {
        if (change.default_deadline->count() <= 0) throw UsageError("the default deadline must be positive");
        s.default_deadline = *change.default_deadline;
    }
    if (change.holidays) s.working_time.holidays = *change.holidays;
    if (change.extra_working_days) s.working_time.extra_working_days = *change.extra_working_days;
    if (change.same_day_cutoff) s.same_day.cutoff = *change.same_day_cutoff;
    project.in_one_transaction([&] { ledger.store_settings(s); });
    return s;
}

}  // namespace respgrid::ops

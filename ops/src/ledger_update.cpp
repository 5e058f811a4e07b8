// ops::change_status, update_ledger, link_report, unlink_report (ops/ledger.hpp).
#include <algorithm>

#include "import_steps.hpp"
#include "ledger_rows.hpp"
#include "ledger_rules.hpp"
#include "respgrid/grids/categories.hpp"
#include "respgrid/importers/table.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/ops/responsibility.hpp"

namespace respgrid::ops {

namespace {

using grids::CaseStatus;

std::string describe(const CaseRef& ref) { return ref.number.empty() ? "report " + ref.report_id : "case " + ref.number; }

grids::LedgerCase find_case(store::Ledger& ledger, const CaseRef& ref) {
    if (!ref.number.empty()) {
        if (auto c = ledger.find(ref.number)) return std::move(*c);
        throw LedgerRefusal("case " + ref.number + " is not on the ledger");
    }
    if (!ref.report_id.empty()) {
        auto report = ledger.find_report_by_source_id(ref.report_id);
        if (!report) throw LedgerRefusal("report " + ref.report_id + " is not on the ledger");
        if (auto c = ledger.find(report->case_id)) return std::move(*c);
    }
    throw LedgerRefusal("name a case by its number or by the id of one of its reports");
}

grids::Instant change_time(const std::optional<grids::TimeText>& at, grids::UtcOffset zone) {
    if (!at) return grids::Instant::now();
    return at->second_of_day ? at->instant(zone) : grids::Instant::start_of_day(at->date, zone);
}

// The time of a case's last status change: a new one may not come before it (the workflow's
// timeline is in order). A report merged in later, or an escalation, is no status change: the
// unit may have fixed the bin before the tenth caller rang.
grids::Instant last_change(store::Ledger& ledger, const grids::LedgerCase& c) {
    grids::Instant last = c.logged_at;
    for (const auto& e : ledger.events_of(c.id)) {
        if (e.to) last = std::max(last, e.at);
    }
    return last;
}

// Applies one status change to `c` and records it; LedgerRefusal (nothing done) when the workflow
// or the timeline forbids it.
void apply_change(store::Ledger& ledger, grids::LedgerCase& c, const StatusChange& change,
                  const grids::LedgerSettings& settings, const grids::CategoryCatalogue& catalogue, grids::UtcOffset zone) {
    if (auto refusal = grids::check_transition(c.status, change.to)) {
        throw LedgerRefusal("case " + c.number + ": " + refusal->message);
    }
    const grids::Instant at = change_time(change.at, zone);
    const grids::Instant last = last_change(ledger, c);
    if (at < last) {
        throw LedgerRefusal("case " + c.number + ": " + at.to_text(zone) + " is before its last change (" +
                            last.to_text(zone) + "); the timeline keeps its order");
    }
    const CaseStatus from = c.status;
    c.status = change.to;
    const bool after_fix = change.to == CaseStatus::Fixed || change.to == CaseStatus::Checked || change.to == CaseStatus::Closed;
    std::vector<grids::CasePhoto> photos;
    for (const auto& p : change.photos) photos.push_back({after_fix ? grids::PhotoStage::After : grids::PhotoStage::Before, p});
    switch (change.to) {
        case CaseStatus::Fixed: c.fixed_at = at; break;
        case CaseStatus::InProgress:
            if (from == CaseStatus::Fixed) c.fixed_at.reset();  // the check failed: not fixed after all
            break;
        case CaseStatus::Checked: c.checked_at = at; break;
        case CaseStatus::Closed: c.closed_at = at; break;
        case CaseStatus::Reopened:  // 回头看: not fixed; the case starts over
            c.fixed_at.reset();
            c.checked_at.reset();
            c.closed_at.reset();
            break;
        case CaseStatus::Dispatched: {  // again, after a reopening: a new deadline from now
            const grids::IssueCategory* category = catalogue.find_code(c.category_code);
            c.dispatched_at = at;
            c.deadline = detail::case_deadline(category, at, settings);
            c.escalation_level = 0;
            c.escalated_to.reset();
            break;
        }
        case CaseStatus::Logged:
        case CaseStatus::Rejected: break;
    }
    c.photos.insert(c.photos.end(), photos.begin(), photos.end());
    ledger.update_case(c);
    std::string note = change.note;
    if (change.to == CaseStatus::Dispatched && c.deadline) {
        note += std::string(note.empty() ? "" : "; ") + "派遣 to " + c.responsible_name + ", due " + c.deadline->to_text(zone);
    }
    ledger.add_event({0, c.id, at, change.to == CaseStatus::Dispatched ? grids::CaseEventKind::Dispatched : grids::CaseEventKind::Status,
                      from, change.to, change.actor, note, photos});
}

struct LedgerSession {
    store::Project project;
    store::Ledger ledger;
    grids::LedgerSettings settings;
    grids::CategoryCatalogue catalogue;
    explicit LedgerSession(const std::string& path)
        : project(detail::open_to_import(path)), ledger(project), settings(ledger.settings()),
          catalogue(project.load_categories()) {}
};

}  // namespace

grids::LedgerCase change_status(const std::string& project_path, const StatusChange& change) {
    LedgerSession s(project_path);
    grids::LedgerCase c;
    s.project.in_one_transaction([&] {
        c = find_case(s.ledger, change.ref);
        apply_change(s.ledger, c, change, s.settings, s.catalogue, s.project.info().time_zone);
    });
    return c;
}

BulkUpdateResult update_ledger(const BulkUpdateOptions& options, RejectSink& rejects, const Progress& progress) {
    LedgerSession s(options.project);
    const grids::UtcOffset zone = s.project.info().time_zone;
    importers::Table table = importers::read_table(options.input, options.layer);
    BulkUpdateResult result;
    result.encoding = table.encoding;
    result.rows_read = table.records_read();
    const auto case_i = table.find({"case", "number", "case_number", "台账编号", "案卷编号"});
    const auto report_i = table.find({"report", "report_id", "上报编号", "问题编号"});
    if (!case_i && !report_i) {
        throw InputError(SourceLocation{options.input, options.layer, std::nullopt, {}, "row"},
                         "a bulk update names each case in a column case (台账编号) or report (上报编号)");
    }
    const auto status_i = table.require({"status", "状态"});
    const auto at_i = table.find({"at", "time", "时间", "处理时间"});
    const auto by_i = table.find({"by", "actor", "处理人", "操作人"});
    const auto note_i = table.find({"note", "备注", "说明", "整改说明"});
    const auto photos_i = table.find({"photos", "photo", "照片"});
    std::vector<Reject> refused = std::move(table.rejects);
    std::size_t done = 0;
    s.project.in_one_transaction([&] {
        for (const auto& row : table.rows) {
            report(progress, static_cast<double>(++done) / static_cast<double>(std::max<std::size_t>(1, table.rows.size())),
                   "updating");
            auto value = [&row](const std::optional<std::size_t>& i) { return i ? importers::trim(row.values[*i]) : std::string(); };
            StatusChange change;
            change.ref = {value(case_i), value(report_i)};
            const std::string status_text = value(status_i);
            auto to = grids::parse_case_status_text(status_text);
            if (!to) {
                refused.push_back({table.where(row, status_i), "status '" + status_text +
                                                                   "' is not a ledger status (logged, dispatched, "
                                                                   "in_progress, fixed, checked, closed, rejected, "
                                                                   "reopened or 立案, 已派遣, 整改中, 已整改, 已核查, 已销号, 退回, 重新交办)"});
                continue;
            }
            change.to = *to;
            if (auto text = value(at_i); !text.empty()) {
                auto parsed = grids::parse_time(text);
                if (!parsed.value) {
                    refused.push_back({table.where(row, *at_i), "at '" + text + "' is not a date or time: " + parsed.error});
                    continue;
                }
                change.at = parsed.value;
            }
            change.actor = value(by_i);
            change.note = value(note_i);
            change.photos = detail::split_photo_refs(value(photos_i));
            try {
                // Each row alone: a refused row leaves no trace, the others stand.
                s.project.in_one_transaction([&] {
                    grids::LedgerCase c = find_case(s.ledger, change.ref);
                    apply_change(s.ledger, c, change, s.settings, s.catalogue, zone);
                });
                ++result.applied;
            } catch (const LedgerRefusal& e) {
                refused.push_back({table.where(row, case_i ? *case_i : *report_i), e.what()});
            } catch (const grids::DeadlineError& e) {
                refused.push_back({table.where(row, status_i), std::string(describe(change.ref)) + ": " + e.what()});
            }
        }
        std::stable_sort(refused.begin(), refused.end(),
                         [](const Reject& a, const Reject& b) { return a.where.record < b.where.record; });
        result.rejected = refused.size();
        rejects.add(refused);
    });
    return result;
}

grids::LedgerCase link_report(const std::string& project_path, const std::string& report_id, const CaseRef& into,
                              const std::string& actor, const std::string& note) {
    LedgerSession s(project_path);
    grids::LedgerCase target;
    s.project.in_one_transaction([&] {
        auto report = s.ledger.find_report_by_source_id(report_id);
        if (!report) throw LedgerRefusal("report " + report_id + " is not on the ledger");
        target = find_case(s.ledger, into);
        if (report->case_id == target.id) throw LedgerRefusal("report " + report_id + " is in case " + target.number + " already");
        if (!target.on_books()) {
            throw LedgerRefusal("case " + target.number + " is " + std::string(grids::label_zh(target.status)) +
                                "; a report joins a case still on the books");
        }
        auto source = s.ledger.find(report->case_id);
        const grids::Instant now = grids::Instant::now();
        s.ledger.move_report(report->id, target.id);
        ++target.report_count;
        for (const auto& p : report->photos) target.photos.push_back({grids::PhotoStage::Before, p});
        s.ledger.update_case(target);
        s.ledger.add_event({0, target.id, now, grids::CaseEventKind::Linked, std::nullopt, std::nullopt, actor,
                            "并案 by hand: report " + report_id + " from case " + source->number +
                                (note.empty() ? "" : "; " + note),
                            {}});
        source->report_count -= 1;
        if (source->report_count == 0) {
            // Its only report joined another case: this one is no case of its own.
            source->report_count = 1;  // the column counts at least one; the report is elsewhere
            const CaseStatus from = source->status;
            if (grids::check_transition(from, CaseStatus::Rejected)) {
                throw LedgerRefusal("case " + source->number + " is " + std::string(grids::label_zh(from)) +
                                    " and cannot be rejected; its only report cannot leave it");
            }
            source->status = CaseStatus::Rejected;
            s.ledger.update_case(*source);
            s.ledger.add_event({0, source->id, now, grids::CaseEventKind::Status, from, CaseStatus::Rejected, actor,
                                "并案: its report joined case " + target.number, {}});
        } else {
            s.ledger.update_case(*source);
            s.ledger.add_event({0, source->id, now, grids::CaseEventKind::Unlinked, std::nullopt, std::nullopt, actor,
                                "report " + report_id + " moved to case " + target.number, {}});
        }
    });
    return target;
}

grids::LedgerCase unlink_report(const std::string& project_path, const std::string& report_id, const std::string& actor,
                                const std::string& note) {
    LedgerSession s(project_path);
    const grids::UtcOffset zone = s.project.info().time_zone;
    grids::LedgerCase fresh;
    s.project.in_one_transaction([&] {
        auto report = s.ledger.find_report_by_source_id(report_id);
        if (!report) throw LedgerRefusal("report " + report_id + " is not on the ledger");
        auto source = s.ledger.find(report->case_id);
        if (source->report_count <= 1) {
            throw LedgerRefusal("report " + report_id + " is the only report of case " + source->number +
                                "; it has its own case already");
        }
        const grids::Instant now = grids::Instant::now();
        // The new case has the place, the grid and the owners of the case it leaves (the same
        // point within the duplicate distance), and its own number and deadline from now.
        fresh = *source;
        fresh.id = 0;
        fresh.photos.clear();
        for (const auto& p : report->photos) fresh.photos.push_back({grids::PhotoStage::Before, p});
        fresh.source = report->source;
        fresh.found_at = report->reported_at;
        fresh.logged_at = now;
        fresh.location_text = report->location_text.empty() ? source->location_text : report->location_text;
        fresh.lon = report->lon;
        fresh.lat = report->lat;
        fresh.crs = report->crs;
        fresh.position = report->position;
        fresh.description = report->description;
        fresh.report_count = 1;
        fresh.fixed_at.reset();
        fresh.checked_at.reset();
        fresh.closed_at.reset();
        fresh.escalation_level = 0;
        fresh.escalated_to.reset();
        detail::LedgerNumbers numbers(s.ledger, s.settings, zone);
        fresh.number = numbers.next(now);
        detail::dispatch(fresh, fresh.owners, s.catalogue.find_code(fresh.category_code), now, s.settings);
        s.ledger.add_case(fresh);
        s.ledger.move_report(report->id, fresh.id);
        s.ledger.add_event({0, fresh.id, now, grids::CaseEventKind::Dispatched, CaseStatus::Logged, CaseStatus::Dispatched,
                            actor,
                            "立案: report " + report_id + " taken out of case " + source->number +
                                (note.empty() ? "" : " (" + note + ")") + "; 派遣 to " + fresh.responsible_name + ", due " +
                                fresh.deadline->to_text(zone),
                            {}});
        --source->report_count;
        s.ledger.update_case(*source);
        s.ledger.add_event({0, source->id, now, grids::CaseEventKind::Unlinked, std::nullopt, std::nullopt, actor,
                            "report " + report_id + " is now case " + fresh.number + (note.empty() ? "" : "; " + note), {}});
    });
    return fresh;
}

}  // namespace respgrid::ops

#include "cli/ledger_text.hpp"

#include <algorithm>
#include <iomanip>

#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/geo/number_text.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/importers/table.hpp"
#include "respgrid/ops/ledger_table.hpp"

namespace respgrid::cli {

namespace {

std::string time_or(const std::optional<grids::Instant>& t, grids::UtcOffset zone, const std::string& none = "") {
    return t ? t->to_text(zone) : none;
}

constexpr std::size_t kReceiptLinesShown = 20;

}  // namespace

void print_ledger_settings(std::ostream& out, const grids::LedgerSettings& s) {
    out << "prefix: " << s.prefix << " (numbers like " << s.prefix << "-20260901-0001)\n";
    out << "并案: same category within " << geo::number_text(s.duplicate_distance_m, 1)
        << " m of a case on the books or closed within " << s.duplicate_days << " day(s)\n";
    out << "escalation: one role up the chain per " << geo::number_text(s.escalation_step.count() / 3600.0, 1)
        << " h overdue\n";
    out << "default deadline: " << geo::number_text(s.default_deadline.count() / 3600.0, 1) << " h\n";
    out << "working periods:";
    for (const auto& p : s.working_time.periods) out << " " << grids::clock_text(p.start) << "-" << grids::clock_text(p.end);
    out << " (zone " << s.working_time.zone.to_string() << ")\n";
    out << "holidays: " << s.working_time.holidays.size() << ", 调休 working days: " << s.working_time.extra_working_days.size()
        << "\n";
    out << "事不过夜: dispatched before " << grids::clock_text(s.same_day.cutoff) << " due the same day, after it by "
        << grids::clock_text(s.same_day.next_day_due) << " of the next working day\n";
}

void print_import_receipt(std::ostream& out, const ops::LedgerImportResult& r, const std::string& input) {
    if (auto note = geo::transcoding_note(r.encoding, input); !note.empty()) out << note << "\n";
    out << "ledger import: " << r.rows_read << " row(s) from " << input << ": " << r.opened << " new case(s), " << r.merged
        << " merged into cases (并案), " << r.already << " already on the ledger, " << r.rejected << " rejected\n";
    if (!r.unrecognised.empty()) out << r.unrecognised.summary() << "\n";
    const std::size_t shown = std::min(r.receipt.size(), kReceiptLinesShown);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& line = r.receipt[i];
        out << "  line " << line.line << (line.report_id.empty() ? "" : " (" + line.report_id + ")") << ": "
            << ops::label_zh(line.outcome) << " " << line.case_number;
        if (line.outcome != ops::ReceiptOutcome::AlreadyOnLedger) {
            out << ", grid " << line.grid_code << ", " << line.responsible << ", due " << time_or(line.deadline, r.zone);
        }
        if (line.outcome == ops::ReceiptOutcome::Merged) out << " (" << geo::number_text(line.merged_distance_m, 1) << " m)";
        out << "\n";
    }
    if (r.receipt.size() > shown) out << "  ... " << (r.receipt.size() - shown) << " more (--receipt FILE for all)\n";
}

void write_receipt(const std::string& path, const ops::LedgerImportResult& r) {
    std::vector<exporters::TableColumn> columns = {{"line", true}, {"report_id"}, {"outcome"},  {"case_number"},
                                                   {"grid_code"},  {"responsible"}, {"deadline"}, {"merged_distance_m", true}};
    exporters::TableRows rows(columns.size());
    for (const auto& line : r.receipt) {
        rows.add_number(static_cast<double>(line.line), 0);
        rows.add(line.report_id);
        rows.add(ops::to_string(line.outcome));
        rows.add(line.case_number);
        rows.add(line.grid_code);
        rows.add(line.responsible);
        rows.add(time_or(line.deadline, r.zone));
        if (line.outcome == ops::ReceiptOutcome::Merged) {
            rows.add_number(line.merged_distance_m, 1);
        } else {
            rows.add_empty();
        }
    }
    auto sink = exporters::is_xlsx_path(path) ? exporters::xlsx_file_sink(path, columns, "回执")
                                              : exporters::csv_file_sink(path, columns);
    sink->write(rows);
    sink->commit();
}

void print_case_table(std::ostream& out, const ops::CaseListing& listing) {
    for (const auto& c : listing.cases) {
        const double over = ops::hours_overdue(c, listing.at);
        out << c.number << "  " << grids::label_zh(c.status) << "  " << c.township_name << " " << c.village_name << "  "
            << c.grid_code << "  " << (c.category_name.empty() ? c.category_text : c.category_name) << "  "
            << c.responsible_name << "  due " << time_or(c.deadline, listing.zone, "-");
        if (over > 0.0) out << "  超期 " << geo::number_text(over, 1) << " h";
        if (c.escalation_level > 0 && c.escalated_to) out << "  升级至" << grids::label_zh(*c.escalated_to);
        if (c.report_count > 1) out << "  (" << c.report_count << " reports)";
        out << "\n";
    }
    out << listing.cases.size() << " case(s)\n";
}

void print_case_detail(std::ostream& out, const ops::CaseDetail& d) {
    const auto& c = d.case_;
    out << c.number << "  " << grids::label_zh(c.status) << " (" << grids::to_string(c.status) << ")\n";
    out << "  来源 " << grids::label_zh(c.source) << ", 发现 " << c.found_at.to_text(d.zone) << "\n";
    out << "  " << c.township_name << " " << c.village_name << ", grid " << c.grid_code << ", " << c.location_text << "\n";
    out << "  " << (c.category_name.empty() ? c.category_text : c.category_code + " " + c.category_name) << ": "
        << c.description << "\n";
    out << "  责任单位 " << c.responsible_name << ", 整改时限 " << time_or(c.deadline, d.zone, "-") << "\n";
    for (const auto& o : c.owners) {
        out << "    " << grids::label_zh(o.role) << ": " << o.name;
        if (!o.person.empty() && o.person != o.name) out << " (" << o.person << ")";
        if (!o.phone.empty()) out << " " << o.phone;
        out << "\n";
    }
    out << "  reports (" << d.reports.size() << "):\n";
    for (const auto& r : d.reports) {
        out << "    " << (r.source_id.empty() ? r.source_key : r.source_id) << "  " << grids::label_zh(r.source) << "  "
            << r.reported_at.to_text(d.zone) << "  " << r.reporter << "  " << r.description << "\n";
    }
    out << "  timeline:\n";
    for (const auto& e : d.events) {
        out << "    " << e.at.to_text(d.zone) << "  " << grids::to_string(e.kind);
        if (e.from && e.to) out << " " << grids::label_zh(*e.from) << " → " << grids::label_zh(*e.to);
        if (!e.from && e.to) out << " → " << grids::label_zh(*e.to);
        if (!e.actor.empty()) out << "  by " << e.actor;
        if (!e.note.empty()) out << "  " << e.note;
        for (const auto& p : e.photos) out << "  [" << grids::to_string(p.stage) << " " << p.ref << "]";
        out << "\n";
    }
}

void write_text_output(const Console& console, const std::string& path, const std::string& text, bool overwrite,
                       const std::string& project) {
    if (path.empty()) {
        console.io.out << text;
        return;
    }
    geo::check_output(path, geo::OutputKind::File, geo::OutputRules{{project}, overwrite});
    geo::StagedTextFile file(path);
    file.write(text);
    file.commit();
}

std::vector<grids::Date> day_list_option(const std::string& text, const std::string& option) {
    std::vector<grids::Date> days;
    for (const auto& piece : importers::split_list(text)) {
        auto day = grids::Date::from_iso(piece);
        if (!day) throw UsageError(option + " " + piece + ": not a YYYY-MM-DD day");
        days.push_back(*day);
    }
    return days;
}

int clock_option(const std::string& text, const std::string& option) {
    auto t = grids::parse_clock(text);
    if (!t) throw UsageError(option + " " + text + ": not a time of day (HH:MM)");
    return *t;
}

}  // namespace respgrid::cli

// respgrid ledger settings|import|update|link|unlink|escalate|list|show PROJECT ...
#include <algorithm>
#include <memory>

#include "cli/commands.hpp"
#include "cli/ledger_text.hpp"
#include "cli/rejects_file.hpp"
#include "cli/version.hpp"
#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/ops/ledger_dispatch.hpp"
#include "respgrid/ops/ledger_table.hpp"

namespace respgrid::cli {

namespace {

constexpr const char* kTimeHelp =
    "(2026-09-01 08:30, 2026/9/1 8:30, 2026年9月1日 8时30分; without an offset in the project's time zone; default: now)";

class RejectsFileSink : public ops::RejectSink {
public:
    explicit RejectsFileSink(RejectsFile& file) : file_(file) {}
    void add(const std::vector<Reject>& rejects) override { file_.add(rejects); }

private:
    RejectsFile& file_;
};

void add_project(CLI::App& sub, std::string& project) {
    sub.add_option("PROJECT", project, "Project file")->required()->check(CLI::ExistingFile);
}

std::optional<grids::TimeText> optional_time(const std::string& text, const std::string& option) {
    if (text.empty()) return std::nullopt;
    return time_text_option(text, option);
}

grids::CaseStatus status_option(const std::string& text) {
    auto status = grids::parse_case_status_text(text);
    if (!status) {
        throw UsageError("--to " + text + ": not a ledger status (logged, dispatched, in_progress, fixed, checked, closed, "
                         "rejected, reopened or 立案, 已派遣, 整改中, 已整改, 已核查, 已销号, 退回, 重新交办)");
    }
    return *status;
}

// ---- settings

class LedgerSettingsCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand("settings", "Show or change the ledger's rules (number prefix, 并案, escalation)");
        add_project(*sub, project_);
        sub->add_option("--prefix", prefix_, "Ledger number prefix, e.g. HY for HY-20260901-0001 (1-10 capitals or digits)");
        sub->add_option("--duplicate-distance", distance_, "并案: a report within this many metres joins a case (default 50)");
        sub->add_option("--duplicate-days", days_, "并案: ... or a case closed within this many days (default 7)");
        sub->add_option("--escalation-step", step_hours_, "Hours overdue per step up the owner chain (default 24)");
        sub->add_option("--default-deadline", default_hours_, "Hours for a category without a time limit (default 72)");
        sub->add_option("--holidays", holidays_, "Days off that would otherwise work (2026-10-01,2026-10-02,...)");
        sub->add_option("--working-days", working_days_, "Days that work though their weekday does not (调休)");
        sub->add_option("--same-day-cutoff", cutoff_, "事不过夜: dispatched at or after this local time (17:00) due the next working day");
        return sub;
    }

    int run(Console& console) override {
        ops::LedgerSettingsChange change;
        if (!prefix_.empty()) change.prefix = prefix_;
        change.duplicate_distance_m = distance_;
        change.duplicate_days = days_;
        if (step_hours_) change.escalation_step = std::chrono::seconds(std::llround(*step_hours_ * 3600.0));
        if (default_hours_) change.default_deadline = std::chrono::seconds(std::llround(*default_hours_ * 3600.0));
        if (!holidays_.empty()) change.holidays = day_list_option(holidays_, "--holidays");
        if (!working_days_.empty()) change.extra_working_days = day_list_option(working_days_, "--working-days");
        if (!cutoff_.empty()) change.same_day_cutoff = clock_option(cutoff_, "--same-day-cutoff");
        const bool changing = change.prefix || change.duplicate_distance_m || change.duplicate_days ||
                              change.escalation_step || change.default_deadline || change.holidays ||
                              change.extra_working_days || change.same_day_cutoff;
        const auto s = changing ? ops::change_ledger_settings(project_, change) : ops::ledger_settings(project_);
        print_ledger_settings(console.io.out, s);
        return kOk;
    }

private:
    std::string project_, prefix_, holidays_, working_days_, cutoff_;
    std::optional<double> distance_, step_hours_, default_hours_;
    std::optional<int> days_;
};

// ---- import

class LedgerImportCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand(
            "import", "Put reported issues on the ledger: locate, dispatch with a deadline, 并案 with cases nearby");
        add_project(*sub, options_.project);
        sub->add_option("FILE", options_.input,
                        "CSV/XLSX/GeoJSON/point layer: id, source, reported_at, dispatched_at, lon, lat, crs, location, "
                        "category, description, reporter, photos (Chinese names accepted)")
            ->required()
            ->check(gdal_source());
        sub->add_option("--layer", options_.layer, "Layer or sheet name (default: the first)");
        sub->add_option("--crs", crs_, std::string("CRS for rows without a crs column value: ") + kCrsForms);
        sub->add_option("--at", at_, std::string("Dispatch time of rows without dispatched_at ") + kTimeHelp);
        sub->add_option("--by", options_.actor, "Who the timeline names (default: import)");
        sub->add_option("--assign-nearest", options_.assign_nearest_m,
                        "A point outside every grid within this many metres goes to the nearest grid");
        sub->add_option("--receipt", receipt_, "Write the receipt (回执: what became of each row) to this CSV or XLSX");
        add_overwrite_flag(*sub, overwrite_);
        return sub;
    }

    int run(Console& console) override {
        if (!crs_.empty()) options_.crs = crs_option(crs_, "--crs");
        options_.at = optional_time(at_, "--at");
        const geo::OutputRules rules{{options_.project, options_.input}, overwrite_};
        if (!receipt_.empty()) geo::check_output(receipt_, geo::OutputKind::File, rules);
        RejectsFile rejects(options_.project, options_.input, rules, false);
        RejectsFileSink sink(rejects);
        const auto r = ops::import_ledger(options_, sink, console.progress("ledger import"));
        rejects.finish(console, options_.input);
        if (!receipt_.empty()) write_receipt(receipt_, r);
        print_import_receipt(console.io.out, r, options_.input);
        return r.rejected ? kRowsRejected : kOk;
    }

private:
    ops::LedgerImportOptions options_;
    std::string crs_, at_, receipt_;
    bool overwrite_ = false;
};

// ---- update

class LedgerUpdateCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand("update", "Change a case's status along the allowed moves (or a bulk file)");
        add_project(*sub, project_);
        sub->add_option("CASE", change_.ref.number, "Ledger number (HY-20260901-0001)");
        sub->add_option("--report", change_.ref.report_id, "... or the id of one of its reports");
        sub->add_option("--to", to_, "New status: in_progress, fixed, checked, closed, rejected, reopened, dispatched "
                                     "(or 整改中, 已整改, 已核查, 已销号, 退回, 重新交办, 已派遣)");
        sub->add_option("--at", at_, std::string("When ") + kTimeHelp);
        sub->add_option("--by", change_.actor, "Who made the change");
        sub->add_option("--note", change_.note, "Why, what was done (整改说明, 核查意见)");
        sub->add_option("--photo", change_.photos, "Photo path or URL (repeat for several)");
        sub->add_option("--input", bulk_.input, "Bulk: a CSV/XLSX of case or report, status, at, by, note, photos")
            ->check(gdal_source());
        sub->add_option("--layer", bulk_.layer, "Bulk: sheet or layer (default: the first)");
        add_overwrite_flag(*sub, overwrite_);
        return sub;
    }

    int run(Console& console) override {
        if (!bulk_.input.empty()) {
            if (!change_.ref.number.empty() || !change_.ref.report_id.empty() || !to_.empty()) {
                throw UsageError("--input updates from a file; give either it or a CASE with --to");
            }
            bulk_.project = project_;
            const geo::OutputRules rules{{project_, bulk_.input}, overwrite_};
            RejectsFile rejects(project_, bulk_.input, rules, false);
            RejectsFileSink sink(rejects);
            const auto r = ops::update_ledger(bulk_, sink, console.progress("ledger update"));
            rejects.finish(console, bulk_.input);
            if (auto note = geo::transcoding_note(r.encoding, bulk_.input); !note.empty()) console.io.out << note << "\n";
            console.io.out << "ledger update: " << r.applied << " change(s) applied from " << bulk_.input << ", "
                           << r.rejected << " rejected\n";
            return r.rejected ? kRowsRejected : kOk;
        }
        if (change_.ref.number.empty() == change_.ref.report_id.empty()) {
            throw UsageError("name the case: its number, or --report with one of its reports' ids");
        }
        if (to_.empty()) throw UsageError("--to is required: the status the case moves to");
        change_.to = status_option(to_);
        change_.at = optional_time(at_, "--at");
        const auto c = ops::change_status(project_, change_);
        console.io.out << c.number << ": " << grids::label_zh(c.status) << " (" << grids::to_string(c.status) << ")";
        if (c.status == grids::CaseStatus::Dispatched && c.deadline) {
            console.io.out << ", due " << c.deadline->to_text(ops::ledger_settings(project_).working_time.zone);
        }
        console.io.out << "\n";
        return kOk;
    }

private:
    std::string project_, to_, at_;
    ops::StatusChange change_;
    ops::BulkUpdateOptions bulk_;
    bool overwrite_ = false;
};

// ---- link / unlink

class LedgerLinkCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand("link", "并案 by hand: move a report into another case");
        add_project(*sub, project_);
        sub->add_option("REPORT", report_, "The report's id")->required();
        sub->add_option("CASE", into_.number, "The ledger number of the case it joins")->required();
        sub->add_option("--by", actor_, "Who linked it");
        sub->add_option("--note", note_, "Why");
        return sub;
    }
    int run(Console& console) override {
        const auto c = ops::link_report(project_, report_, into_, actor_, note_);
        console.io.out << "report " << report_ << " joined case " << c.number << " (" << c.report_count << " reports)\n";
        return kOk;
    }

private:
    std::string project_, report_, actor_, note_;
    ops::CaseRef into_;
};

class LedgerUnlinkCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand("unlink", "Take a report out of its case into a new case of its own");
        add_project(*sub, project_);
        sub->add_option("REPORT", report_, "The report's id")->required();
        sub->add_option("--by", actor_, "Who unlinked it");
        sub->add_option("--note", note_, "Why");
        return sub;
    }
    int run(Console& console) override {
        const auto c = ops::unlink_report(project_, report_, actor_, note_);
        console.io.out << "report " << report_ << " is now case " << c.number << ", dispatched to " << c.responsible_name
                       << "\n";
        return kOk;
    }

private:
    std::string project_, report_, actor_, note_;
};

// ---- escalate

class LedgerEscalateCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand("escalate", "Send overdue cases up the owner chain (督办升级)");
        add_project(*sub, project_);
        sub->add_option("--at", at_, std::string("As of ") + kTimeHelp);
        return sub;
    }
    int run(Console& console) override {
        const auto r = ops::escalate_ledger(project_, optional_time(at_, "--at"));
        console.io.out << "ledger escalate: " << r.overdue << " case(s) overdue, " << r.escalated
                       << " escalated in this run\n";
        constexpr std::size_t kShown = 20;
        for (std::size_t i = 0; i < std::min(kShown, r.numbers.size()); ++i) console.io.out << "  " << r.numbers[i] << "\n";
        if (r.numbers.size() > kShown) {
            console.io.out << "  ... " << (r.numbers.size() - kShown) << " more (`ledger list --overdue` lists them)\n";
        }
        return kOk;
    }

private:
    std::string project_, at_;
};

// ---- list / show

class LedgerListCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand("list", "List cases by status, overdue, owner, unit, grid, category, source, time");
        add_project(*sub, project_);
        sub->add_option("--status", statuses_, "Status (repeat for several)");
        sub->add_flag("--overdue", filter_.overdue_only, "Only cases awaiting the fix past their deadline");
        sub->add_option("--owner", filter_.owner, "An owner id among the case's owners");
        sub->add_option("--township", filter_.township, "Township code or name");
        sub->add_option("--village", filter_.village, "Village code or name");
        sub->add_option("--grid", filter_.grid, "Grid code");
        sub->add_option("--category", filter_.category, "Category code, name or alias");
        sub->add_option("--source", source_, "inspection, public, hotline, supervision, unannounced (or 人工巡查...)");
        sub->add_option("--from", from_, "Found at or after");
        sub->add_option("--to", to_, "Found at or before (a day: to its end)");
        sub->add_option("--at", at_, std::string("'Now' for overdue ") + kTimeHelp);
        sub->add_option("--format", format_, "table (default), csv, xlsx or json")
            ->check(CLI::IsMember({"table", "csv", "xlsx", "json"}));
        sub->add_option("-o,--output", output_, "Write to this file (csv/xlsx; default for csv and json: stdout)");
        add_headers_option(*sub, headers_, /*zh_alias=*/true);
        add_overwrite_flag(*sub, overwrite_);
        return sub;
    }

    int run(Console& console) override {
        for (const auto& s : statuses_) filter_.statuses.push_back(status_option(s));
        if (!source_.empty()) {
            filter_.source = grids::parse_case_source(source_);
            if (!filter_.source) throw UsageError("--source " + source_ + ": not a ledger source");
        }
        filter_.from = optional_time(from_, "--from");
        filter_.to = optional_time(to_, "--to");
        filter_.at = optional_time(at_, "--at");
        if (format_ == "xlsx" && output_.empty()) throw UsageError("--format xlsx needs --output FILE.xlsx");
        if (format_ == "table" && !output_.empty()) {
            throw UsageError("--format table prints to the terminal; give --format csv, xlsx or json with --output");
        }
        if (!output_.empty()) geo::check_output(output_, geo::OutputKind::File, geo::OutputRules{{project_}, overwrite_});
        const auto listing = ops::list_cases(project_, filter_);
        if (format_ == "json") {
            write_text_output(console, output_, cases_json(listing).dump(2) + "\n", overwrite_, project_);
        } else if (format_ == "table") {
            print_case_table(console.io.out, listing);
        } else {
            exporters::TableRows rows(ops::case_columns().size());
            ops::add_case_rows(rows, listing.cases, listing.at, listing.zone);
            auto columns = exporters::headed(ops::case_columns(), headers_);
            std::unique_ptr<exporters::TableSink> sink =
                format_ == "xlsx"  ? exporters::xlsx_file_sink(output_, std::move(columns), "台账")
                : output_.empty() ? exporters::csv_stream_sink(console.io.out, "-", std::move(columns))
                                  : exporters::csv_file_sink(output_, std::move(columns));
            sink->write(rows);
            sink->commit();
        }
        if (!output_.empty()) console.note("wrote " + std::to_string(listing.cases.size()) + " case(s) to " + output_);
        return kOk;
    }

private:
    std::string project_, source_, from_, to_, at_, format_ = "table", output_;
    std::vector<std::string> statuses_;
    ops::CaseFilter filter_;
    exporters::Headers headers_ = exporters::Headers::En;
    bool overwrite_ = false;
};

class LedgerShowCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand("show", "One case: its owners, reports, photos and timeline");
        add_project(*sub, project_);
        sub->add_option("CASE", ref_.number, "Ledger number");
        sub->add_option("--report", ref_.report_id, "... or the id of one of its reports");
        sub->add_flag("--json", json_, "Print JSON");
        return sub;
    }
    int run(Console& console) override {
        if (ref_.number.empty() == ref_.report_id.empty()) throw UsageError("name the case: its number, or --report ID");
        const auto detail = ops::show_case(project_, ref_);
        if (json_) {
            console.io.out << case_detail_json(detail).dump(2) << "\n";
        } else {
            print_case_detail(console.io.out, detail);
        }
        return kOk;
    }

private:
    std::string project_;
    ops::CaseRef ref_;
    bool json_ = false;
};

// ---- dispatch sheets

class LedgerDispatchCommand : public Command {
public:
    CLI::App* declare(CLI::App& ledger) override {
        auto* sub = ledger.add_subcommand(
            "dispatch", "Dispatch sheets (整改督办单): per township, village or department, its cases awaiting the fix, "
                        "as a workbook and a PDF with a map");
        add_project(*sub, options_.project);
        sub->add_option("-o,--output", options_.output, "The folder to write (整改督办单.xlsx and .pdf)")->required();
        sub->add_option("--per", per_, "township (default), village or department")
            ->check(CLI::IsMember({"township", "village", "department"}));
        sub->add_option("--at", at_, std::string("As of ") + kTimeHelp);
        sub->add_option("--paper", paper_, "A4 (default) or A3");
        add_overwrite_flag(*sub, options_.overwrite);
        return sub;
    }
    int run(Console& console) override {
        options_.per = *ops::parse_dispatch_by(per_);
        if (auto t = optional_time(at_, "--at")) options_.at = t->instant(ops::ledger_settings(options_.project).working_time.zone);
        auto paper = exporters::parse_paper(paper_);
        if (!paper) throw UsageError("--paper " + paper_ + ": A4 or A3");
        options_.paper = *paper;
        options_.producer = producer();
        const auto r = ops::dispatch_sheets(options_, console.progress("dispatch sheets"));
        console.io.out << "dispatch sheets: " << r.owners.size() << " " << per_ << "(s), " << r.cases
                       << " case(s) awaiting the fix, " << r.overdue << " overdue";
        if (r.without_owner) console.io.out << ", " << r.without_owner << " with no " << per_ << " named";
        console.io.out << "; " << r.pdf_pages << " PDF page(s)\n";
        for (const auto& f : r.files) console.io.out << "wrote " << f << "\n";
        return kOk;
    }

private:
    ops::DispatchOptions options_;
    std::string per_ = "township", at_, paper_ = "A4";
};

class LedgerCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("ledger", "The issue ledger (挂账督办): import, update, 并案, escalate, list, show, dispatch sheets");
        cmd->require_subcommand(1);
        subcommands_.push_back(std::make_unique<LedgerSettingsCommand>());
        subcommands_.push_back(std::make_unique<LedgerImportCommand>());
        subcommands_.push_back(std::make_unique<LedgerUpdateCommand>());
        subcommands_.push_back(std::make_unique<LedgerLinkCommand>());
        subcommands_.push_back(std::make_unique<LedgerUnlinkCommand>());
        subcommands_.push_back(std::make_unique<LedgerEscalateCommand>());
        subcommands_.push_back(std::make_unique<LedgerListCommand>());
        subcommands_.push_back(std::make_unique<LedgerShowCommand>());
        subcommands_.push_back(std::make_unique<LedgerDispatchCommand>());
        for (auto& sub : subcommands_) declared_.push_back(sub->declare(*cmd));
        return cmd;
    }
    int run(Console& console) override {
        for (std::size_t i = 0; i < subcommands_.size(); ++i) {
            if (declared_[i]->parsed()) return subcommands_[i]->run(console);
        }
        return kUsageError;
    }

private:
    std::vector<std::unique_ptr<Command>> subcommands_;
    std::vector<CLI::App*> declared_;
};

}  // namespace

std::unique_ptr<Command> make_ledger_command() { return std::make_unique<LedgerCommand>(); }

}  // namespace respgrid::cli

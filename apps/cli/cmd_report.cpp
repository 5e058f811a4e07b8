// respgrid report PROJECT [--day D] [--from D] [--markdown F] [--csv DIR] [--xlsx F] [--html F]
#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "respgrid/geo/number_text.hpp"
#include "respgrid/ops/ledger_report.hpp"

namespace respgrid::cli {

namespace {

std::string rate_text(const std::optional<double>& rate) {
    return rate ? geo::number_text(*rate * 100.0, 1) + "%" : std::string("—");
}

void print_summary(std::ostream& out, const ops::DailyReportResult& r) {
    const auto& p = r.report.period;
    const auto& t = r.report.totals;
    out << r.county_name << "督办通报 " << p.first.to_string();
    if (p.last != p.first) out << " 至 " << p.last.to_string();
    out << " (as of " << r.report.as_of.to_text(p.zone) << ")\n";
    out << "  受理 " << t.received << " 件 (" << t.reports << " 次上报), 按时整改 " << t.rectified_on_time << ", 超时整改 "
        << t.rectified_late << ", 挂账未整改 " << t.open << " (往日 " << t.carried << "), 超期 " << t.overdue
        << ", 按时整改率 " << rate_text(t.on_time_rate) << ", 退回 " << t.rejected << "\n";
    const std::size_t shown = std::min<std::size_t>(3, r.report.townships.size());
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& u = r.report.townships[i];
        out << "  " << (i + 1) << ". " << u.name << ": 超期 " << u.overdue << ", 按时整改率 " << rate_text(u.on_time_rate)
            << "\n";
    }
    for (const auto& w : r.written) out << "wrote " << exporters::to_string(w.format) << " " << w.path << "\n";
}

class ReportCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("report", "The ledger's daily supervision report (督办通报): figures per township, "
                                                 "village, department and 包联 leader, ranked; overdue items; hot spots");
        cmd->add_option("PROJECT", options_.project, "Project file")->required()->check(CLI::ExistingFile);
        cmd->add_option("--day", day_, "The report's (last) day, e.g. 2026-09-30 (default: today in the project's zone)");
        cmd->add_option("--from", from_, "The first day of a longer period (weekly or monthly 通报; default: --day)");
        cmd->add_option("--markdown", markdown_, "Write Markdown to this file");
        cmd->add_option("--csv", csv_, "Write one CSV per table into this folder");
        cmd->add_option("--xlsx", xlsx_, "Write an Excel workbook (one sheet per table)");
        cmd->add_option("--html", html_, "Write one self-contained HTML page with charts and a map (opens offline)");
        cmd->add_option("--top", top_, "How many overdue cases and hot-spot grids to list (default 10)");
        add_overwrite_flag(*cmd, options_.overwrite);
        return cmd;
    }

    int run(Console& console) override {
        if (!day_.empty()) options_.day = time_text_option(day_, "--day");
        if (!from_.empty()) options_.first_day = time_text_option(from_, "--from");
        auto add = [this](exporters::ReportFormat format, const std::string& path) {
            if (!path.empty()) options_.outputs.push_back({format, path});
        };
        add(exporters::ReportFormat::Markdown, markdown_);
        add(exporters::ReportFormat::Csv, csv_);
        add(exporters::ReportFormat::Xlsx, xlsx_);
        add(exporters::ReportFormat::Html, html_);
        if (top_) {
            options_.report.worst_overdue = *top_;
            options_.report.hot_spots = *top_;
        }
        options_.producer = producer();
        print_summary(console.io.out, ops::daily_report(options_));
        return kOk;
    }

private:
    ops::DailyReportOptions options_;
    std::string day_, from_, markdown_, csv_, xlsx_, html_;
    std::optional<std::size_t> top_;
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace respgrid::cli

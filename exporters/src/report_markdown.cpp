// The daily report as Markdown (exporters/ledger_report.hpp): the brief columns of every table.
#include "respgrid/exporters/ledger_report.hpp"

#include "report_tables.hpp"

namespace respgrid::exporters {

namespace {

// A cell's text made safe inside a Markdown table: a pipe would end the cell, a line break the row.
std::string markdown_cell(std::string_view text) {
    if (text.empty()) return "—";
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n' || c == '\r') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

void append_table(std::string& out, const report::Table& t) {
    out += "\n## " + t.title + "\n\n";
    if (!t.note.empty()) out += t.note + "。\n\n";
    if (t.rows.rows() == 0) {
        out += "（无）\n";
        return;
    }
    std::vector<std::size_t> shown;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].brief) shown.push_back(c);
    }
    std::string header = "|", rule = "|";
    for (std::size_t c : shown) {
        header += " " + t.columns[c].title + " |";
        rule += t.columns[c].kind == report::CellKind::Text ? " --- |" : " ---: |";
    }
    out += header + "\n" + rule + "\n";
    for (std::size_t r = 0; r < t.rows.rows(); ++r) {
        out += "|";
        for (std::size_t c : shown) out += " " + markdown_cell(t.rows.cell(r, c)) + " |";
        out += "\n";
    }
}

}  // namespace

std::string report_markdown(const grids::DailyReport& report, const ReportHeading& heading) {
    std::string out = "# " + heading.county_name + "督办通报\n\n";
    out += "**" + report::period_text(report.period) + "**　统计截至 " + report::as_of_text(report) + "\n\n";
    out += report::summary_text(report) + "\n";
    for (const report::Table& t : report::report_tables(report)) {
        if (t.name == "汇总") continue;  // the paragraph above says it; the spreadsheets keep the table
        append_table(out, t);
    }
    out += "\n---\n\n";
    out += "口径：按件计数，群众上报次数另列；按时整改率 = 按时整改 ÷（按时整改 + 超时整改 + 新增案件中已超期的），"
           "未到时限的案件不计；挂账含往日未整改案件；退回案件不计入其他指标。";
    if (!heading.producer.empty()) out += "由 " + heading.producer + " 生成。";
    out += "\n";
    return out;
}

void write_report_markdown(const grids::DailyReport& report, const ReportHeading& heading, const std::string& path,
                           const geo::OutputRules& rules) {
    geo::check_output(path, geo::OutputKind::File, rules);
    const std::string text = report_markdown(report, heading);
    geo::StagedTextFile file(path);
    file.write(text);
    file.commit();
}

}  // namespace respgrid::exporters

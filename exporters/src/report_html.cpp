// The daily report as one self-contained HTML file (exporters/ledger_report.hpp): inline CSS,
// inline SVG, system fonts; nothing is fetched, so it opens offline and prints as it shows.
#include <map>

#include "report_svg.hpp"
#include "report_tables.hpp"
#include "respgrid/exporters/ledger_report.hpp"

namespace respgrid::exporters {

namespace {

using report::xml_escape;

// Fonts the office PCs and Debian have (微软雅黑, 文泉驿...): named, never downloaded.
constexpr const char* kStyle = R"(
body{margin:0;background:#fff;color:#222;font:15px/1.6 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif}
main{max-width:1200px;margin:0 auto;padding:16px 24px 40px}
h1{margin:8px 0 0;font-size:28px;color:#a50f15;text-align:center;letter-spacing:2px}
.sub{text-align:center;color:#555;margin:4px 0 16px}
h2{font-size:19px;border-left:5px solid #a50f15;padding-left:8px;margin:28px 0 8px}
.note{color:#666;font-size:13px;margin:0 0 8px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{flex:1 1 140px;border:1px solid #ddd;border-radius:6px;padding:8px 12px;background:#fafafa}
.card b{display:block;font-size:26px;color:#222}
.card.alert b{color:#c00}
.summary{background:#fff8f0;border:1px solid #f3d9b1;padding:10px 14px;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:8px}
th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#e8e8e8;font-weight:bold;white-space:nowrap}
td.n{text-align:right;white-space:nowrap}
tr:nth-child(even) td{background:#fbfbfb}
.legend{display:flex;flex-wrap:wrap;gap:12px;font-size:13px;margin:6px 0}
.legend i{display:inline-block;width:16px;height:12px;margin-right:4px;border:1px solid #bbb;vertical-align:middle}
svg text{font-size:13px;fill:#222}
svg.map text{font-size:15px;font-weight:bold;paint-order:stroke;stroke:#fff;stroke-width:3px}
footer{color:#777;font-size:12px;margin-top:24px;border-top:1px solid #ddd;padding-top:8px}
@media print{h2{break-after:avoid}table{break-inside:auto}}
)";

void append_card(std::string& out, std::string_view label, const std::string& value, bool alert = false) {
    out += std::string("<div class=\"card") + (alert ? " alert" : "") + "\">" + std::string(label) + "<b>" +
           xml_escape(value.empty() ? "—" : value) + "</b></div>";
}

void append_table(std::string& out, const report::Table& t) {
    out += "<h2>" + xml_escape(t.title) + "</h2>";
    if (!t.note.empty()) out += "<p class=\"note\">" + xml_escape(t.note) + "。</p>";
    if (t.rows.rows() == 0) {
        out += "<p>（无）</p>";
        return;
    }
    out += "<table><thead><tr>";
    for (const report::Column& c : t.columns) {
        if (c.brief) out += "<th>" + xml_escape(c.title) + "</th>";
    }
    out += "</tr></thead><tbody>";
    for (std::size_t r = 0; r < t.rows.rows(); ++r) {
        out += "<tr>";
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            if (!t.columns[c].brief) continue;
            const std::string_view v = t.rows.cell(r, c);
            out += t.columns[c].kind == report::CellKind::Text ? "<td>" : "<td class=\"n\">";
            out += v.empty() ? "—" : xml_escape(v);
            out += "</td>";
        }
        out += "</tr>";
    }
    out += "</tbody></table>";
}

void append_map(std::string& out, const grids::DailyReport& r, const ReportMap& map) {
    std::map<std::string, int> counts;
    for (const grids::HotSpot& g : r.grid_counts) counts[g.grid_code] = g.cases;
    const report::CaseMap drawn = report::svg_case_map(map, counts);
    out += "<h2>网格案件分布图</h2>";
    if (drawn.svg.empty()) {
        out += "<p>（项目中没有网格图形）</p>";
        return;
    }
    out += "<p class=\"note\">每个网格按受理案件数着色；粗线为乡镇（街道）界。</p>";
    out += "<div class=\"legend\">";
    for (const report::MapClass& c : drawn.classes) {
        const std::string range =
            c.from == c.to ? std::to_string(c.from) : std::to_string(c.from) + "–" + std::to_string(c.to);
        out += "<span><i style=\"background:" + c.colour + "\"></i>" + range + " 件</span>";
    }
    out += "</div>";
    out += drawn.svg;
    if (drawn.cells_skipped > 0) {
        out += "<p class=\"note\">另有 " + std::to_string(drawn.cells_skipped) +
               " 个网格因过小或无案件未画出（地图只画得清的部分）。</p>";
    }
}

void append_township_bars(std::string& out, const grids::DailyReport& r) {
    std::vector<report::Bar> rate, overdue;
    int most_overdue = 0;
    for (const grids::UnitFigures& u : r.townships) most_overdue = std::max(most_overdue, u.overdue);
    for (const grids::UnitFigures& u : r.townships) {
        rate.push_back({u.name, u.on_time_rate,
                        u.on_time_rate ? report::percent_text(u.on_time_rate) + "%" : std::string("暂无")});
        overdue.push_back({u.name, static_cast<double>(u.overdue), std::to_string(u.overdue) + " 件"});
    }
    out += "<h2>各乡镇（街道）按时整改率</h2>";
    out += report::svg_bars(rate, 1.0, "#2b8cbe");
    out += "<h2>各乡镇（街道）超期件数</h2>";
    out += report::svg_bars(overdue, most_overdue, "#d7301f");
}

}  // namespace

std::string report_html(const grids::DailyReport& report, const ReportHeading& heading, const ReportMap& map) {
    const std::string title = heading.county_name + "督办通报";
    const std::string day = report::period_text(report.period);
    const grids::UnitFigures& t = report.totals;
    std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    out += "<title>" + xml_escape(title + "（" + day + "）") + "</title><style>" + kStyle + "</style></head><body><main>";
    out += "<h1>" + xml_escape(title) + "</h1>";
    out += "<p class=\"sub\">" + xml_escape(day) + "　统计截至 " + xml_escape(report::as_of_text(report)) + "</p>";
    out += "<div class=\"cards\">";
    append_card(out, "受理", std::to_string(t.received));
    append_card(out, "按时整改", std::to_string(t.rectified_on_time));
    append_card(out, "超时整改", std::to_string(t.rectified_late));
    append_card(out, "挂账未整改", std::to_string(t.open));
    append_card(out, "超期", std::to_string(t.overdue), t.overdue > 0);
    append_card(out, "按时整改率", t.on_time_rate ? report::percent_text(t.on_time_rate) + "%" : "");
    out += "</div>";
    out += "<p class=\"summary\">" + xml_escape(report::summary_text(report)) + "</p>";
    append_map(out, report, map);
    append_township_bars(out, report);
    const auto tables = report::report_tables(report);
    for (const report::Table& table : tables) {
        if (table.name != "汇总") append_table(out, table);
    }
    // The definitions last: the summary table with its 口径 column.
    report::Table definitions = tables.front();
    definitions.title = "指标口径";
    append_table(out, definitions);
    out += "<footer>按件计数，群众上报次数另列；退回案件不计入其他指标。";
    if (!heading.producer.empty()) out += "由 " + xml_escape(heading.producer) + " 生成。";
    out += "</footer></main></body></html>\n";
    return out;
}

void write_report_html(const grids::DailyReport& report, const ReportHeading& heading, const ReportMap& map,
                       const std::string& path, const geo::OutputRules& rules) {
    geo::check_output(path, geo::OutputKind::File, rules);
    const std::string text = report_html(report, heading, map);
    geo::StagedTextFile file(path);
    file.write(text);
    file.commit();
}

}  // namespace respgrid::exporters

// The dispatch sheets' table (整改督办单), its cells, and the workbook: a summary sheet, then one
// sheet per owner.
//
// One workbook rather than a file per owner: the county office keeps each run as one record (one
// as-of time, every owner's list side by side, the summary to chase the late ones), and Excel
// hands a single sheet on easily; what goes out to each unit on paper is its pages of the PDF.
#include <cstdio>

#include "respgrid/exporters/dispatch_sheets.hpp"
#include "respgrid/exporters/file_names.hpp"
#include "respgrid/grids/deadlines.hpp"

namespace respgrid::exporters {

namespace {

constexpr const char* kSummarySheet = "汇总";

std::string hours_text(double hours) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", hours);
    return text;
}

}  // namespace

std::vector<TableColumn> dispatch_columns() {
    return {{"序号", true},          {"案卷编号"},   {"状态"},       {"问题类别"},         {"地点"},
            {"问题描述"},            {"整改时限"},   {"剩余小时", true}, {"超期小时", true}, {"是否超期"},
            {"督办升级级数", true},  {"网格编码"},   {"村/社区"},    {"乡镇/街道"},        {"责任单位"},
            {"上报次数", true}};
}

void add_dispatch_cells(TableRows& rows, const DispatchRow& row, grids::UtcOffset zone) {
    const grids::LedgerCase& c = *row.ledger_case;
    rows.add(std::to_string(row.seq));
    rows.add(c.number);
    rows.add(grids::label_zh(c.status));
    rows.add(c.category_name.empty() ? c.category_text : c.category_name);
    rows.add(c.location_text);
    rows.add(c.description);
    rows.add(c.deadline ? local_minute_text(*c.deadline, zone) : std::string("未派遣"));
    rows.add(row.clock.hours_left ? hours_text(*row.clock.hours_left) : std::string());
    rows.add(row.clock.hours_overdue ? hours_text(*row.clock.hours_overdue) : std::string());
    rows.add(row.clock.overdue ? "是" : "否");
    rows.add(std::to_string(c.escalation_level));
    rows.add(c.grid_code);
    rows.add(c.village_name);
    rows.add(c.township_name);
    rows.add(c.responsible_name);
    rows.add(std::to_string(c.report_count));
}

std::string local_minute_text(grids::Instant t, grids::UtcOffset zone) {
    const int seconds = grids::local_time_of_day(t, zone);
    char clock[16];
    std::snprintf(clock, sizeof clock, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
    return t.date_in(zone).to_string() + " " + clock;
}

std::string clock_text(const grids::CaseClock& clock) {
    if (clock.hours_overdue) return "超期 " + hours_text(*clock.hours_overdue) + " 小时";
    if (clock.hours_left) return "剩余 " + hours_text(*clock.hours_left) + " 小时";
    return {};
}

std::vector<std::string> write_dispatch_workbook(const std::string& path, const DispatchSheets& sheets) {
    std::vector<std::string> wanted{kSummarySheet};
    for (const auto& o : sheets.owners) wanted.push_back(o.name);
    const std::vector<std::string> names = excel_sheet_names(wanted);

    std::vector<TableSheet> out;
    TableSheet summary{names.front(),
                       {{sheets.kind_zh.empty() ? std::string("责任单位") : sheets.kind_zh}, {"代码"}, {"工作表"},
                        {"待整改", true}, {"其中超期", true}, {"截至"}},
                       TableRows(6)};
    const std::string as_of = local_minute_text(sheets.as_of, sheets.zone) + " (" + sheets.zone.to_string() + ")";
    for (std::size_t i = 0; i < sheets.owners.size(); ++i) {
        const auto& o = sheets.owners[i];
        std::size_t overdue = 0;
        for (const auto& r : o.rows) overdue += r.clock.overdue;
        summary.rows.add(o.name);
        summary.rows.add(o.code);
        summary.rows.add(names[i + 1]);
        summary.rows.add(std::to_string(o.rows.size()));
        summary.rows.add(std::to_string(overdue));
        summary.rows.add(as_of);
    }
    out.push_back(std::move(summary));
    const auto columns = dispatch_columns();
    for (std::size_t i = 0; i < sheets.owners.size(); ++i) {
        TableSheet sheet{names[i + 1], columns, TableRows(columns.size())};
        for (const auto& r : sheets.owners[i].rows) add_dispatch_cells(sheet.rows, r, sheets.zone);
        out.push_back(std::move(sheet));
    }
    write_xlsx_workbook(path, out);
    return {names.begin() + 1, names.end()};
}

}  // namespace respgrid::exporters

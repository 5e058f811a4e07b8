#pragma once
// The daily report as tables: the one place that decides which columns each table has, their
// Chinese titles and how each number is written, so that Markdown, CSV, XLSX and HTML agree.

#include <string>
#include <string_view>
#include <vector>

#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/grids/ledger_report.hpp"

namespace respgrid::exporters::report {

enum class CellKind { Text, Integer, Real };

struct Column {
    std::string title;
    CellKind kind = CellKind::Text;
    bool brief = true;  // shown in Markdown and HTML too (codes are for the spreadsheets only)
};

struct Table {
    std::string name;   // sheet and file name: 乡镇排名
    std::string title;  // heading: 乡镇（街道）排名
    std::string note;   // one line under the heading saying what is counted; may be empty
    std::vector<Column> columns;
    TableRows rows = TableRows(0);  // numbers written as text (see the top); sized by the maker
};

// Every table, in the order the formats show them: 汇总, 乡镇排名, 部门排名, 包联领导排名,
// 村社区排名, 超期督办, 问题类别, 热点网格, 反复问题.
std::vector<Table> report_tables(const grids::DailyReport& report);

// 46.2 for 0.4615 (a percentage, one decimal); "" when there is no rate.
std::string percent_text(const std::optional<double>& rate);
// One decimal; "" when none.
std::string decimal_text(const std::optional<double>& value);

// "2026年9月10日"; a period: "2026年9月9日至9月10日" (the year again only when it changes).
std::string period_text(const grids::ReportPeriod& period);
// "2026-09-10 23:59:59（+08:00）"
std::string as_of_text(const grids::DailyReport& report);
// The summary in one paragraph of Chinese: what came in, what was fixed, what is open and overdue.
std::string summary_text(const grids::DailyReport& report);

}  // namespace respgrid::exporters::report

// The daily report's four formats (exporters/ledger_report.hpp), from the hand-made ledger of
// tests/support/ledger_fixture: each holds the figures the report computed (the figures themselves
// are checked by hand in tests/grids/ledger_report_test.cpp), the CSV and XLSX read back as Excel
// and GDAL would, the HTML refers to nothing outside itself, and no output replaces an existing
// file unless asked.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ledger_fixture.hpp"
#include "respgrid/exporters/ledger_report.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using exporters::ReportHeading;
using exporters::ReportMap;

const grids::Date kDay = *grids::Date::from_ymd(2026, 9, 10);

grids::DailyReport fixture_report() {
    const auto ledger = thirty_case_ledger();
    return grids::compute_daily_report(ledger.cases, ledger.events, grids::ReportPeriod::day(kDay));
}

const ReportHeading kHeading{"淮阳区", "respgrid test"};

std::string percent(const std::optional<double>& rate) {
    if (!rate) return "—";
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(1);
    s << *rate * 100.0;
    return s.str();
}

std::string joined(const std::vector<std::string>& numbers) {
    std::string out;
    for (const auto& n : numbers) out += (out.empty() ? "" : "、") + n;
    return out.empty() ? "—" : out;
}

// The Markdown row the report's brief ranking columns make for a unit.
std::string markdown_row(std::size_t rank, const grids::UnitFigures& u, bool with_parent = false) {
    std::string row = "| " + std::to_string(rank) + " | " + u.name + " |";
    if (with_parent) row += " " + u.parent + " |";
    for (long long v : {static_cast<long long>(u.received), static_cast<long long>(u.rectified_on_time),
                        static_cast<long long>(u.rectified_late), static_cast<long long>(u.open),
                        static_cast<long long>(u.overdue)}) {
        row += " " + std::to_string(v) + " |";
    }
    row += " " + percent(u.on_time_rate) + " |";
    return row;
}

TEST(LedgerReportMarkdown, TitleSummaryAndEveryRankingInOrder) {
    const auto report = fixture_report();
    const std::string md = exporters::report_markdown(report, kHeading);
    EXPECT_EQ(md.rfind("# 淮阳区督办通报\n", 0), 0u) << md.substr(0, 200);
    EXPECT_NE(md.find("2026年9月10日"), std::string::npos);
    EXPECT_NE(md.find("统计截至 2026-09-10 23:59:59（+08:00）"), std::string::npos);
    EXPECT_NE(md.find("当日新增立案 " + std::to_string(report.totals.logged) + " 件"), std::string::npos);
    EXPECT_NE(md.find("其中超期 " + std::to_string(report.totals.overdue) + " 件"), std::string::npos);
    EXPECT_NE(md.find("按时整改率 " + percent(report.totals.on_time_rate) + "%"), std::string::npos);

    // The rankings, in the report's order, each unit's row with its figures.
    const std::size_t townships = md.find("## 乡镇（街道）排名");
    const std::size_t departments = md.find("## 责任部门排名");
    const std::size_t leaders = md.find("## 包联领导排名");
    const std::size_t villages = md.find("## 村（社区）排名");
    const std::size_t overdue = md.find("## 超期督办案件");
    const std::size_t categories = md.find("## 问题类别统计");
    const std::size_t hot = md.find("## 热点网格");
    ASSERT_NE(hot, std::string::npos);
    EXPECT_TRUE(townships < departments && departments < leaders && leaders < villages && villages < overdue &&
                overdue < categories && categories < hot);
    std::size_t at = townships;
    for (std::size_t i = 0; i < report.townships.size(); ++i) {
        const std::size_t row = md.find(markdown_row(i + 1, report.townships[i]), at);
        ASSERT_NE(row, std::string::npos) << markdown_row(i + 1, report.townships[i]);
        EXPECT_LT(row, departments);
        at = row;
    }
    EXPECT_NE(md.find(markdown_row(1, report.departments[0]), departments), std::string::npos);
    EXPECT_NE(md.find(markdown_row(1, report.leaders[0]), leaders), std::string::npos);
    EXPECT_NE(md.find(markdown_row(3, report.villages[2], true), villages), std::string::npos);
    // A unit's overdue cases by number.
    EXPECT_NE(md.find(joined(report.townships[0].overdue_numbers), townships), std::string::npos);
    // The longest overdue case with its place, owner and hours.
    const auto& worst = report.worst_overdue.front();
    EXPECT_NE(md.find("| 1 | " + worst.number + " | " + worst.township_name + " | " + worst.village_name + " | " +
                          worst.location_text + " |",
                      overdue),
              std::string::npos);
    EXPECT_NE(md.find("| 160.0 |", overdue), std::string::npos);  // 159 h 59 min 59 s, one decimal
    EXPECT_NE(md.find("| 1 | " + report.hot_spots[0].grid_code + " |", hot), std::string::npos);
    EXPECT_NE(md.find("| 暴露垃圾 | " + std::to_string(report.categories[0].received) + " |", categories),
              std::string::npos);
}

TEST(LedgerReportMarkdown, WrittenStagedAndNotOverAnExistingFile) {
    TempDir dir;
    const auto report = fixture_report();
    const std::string path = dir.file("督办通报.md");
    write_text(path, "earlier");
    EXPECT_THROW(exporters::write_report_markdown(report, kHeading, path, {}), OutputError);
    EXPECT_EQ(read_text(path), "earlier");
    exporters::write_report_markdown(report, kHeading, path, {{}, true});
    EXPECT_EQ(read_text(path), exporters::report_markdown(report, kHeading));
    // Nothing is left beside it (the staged file was renamed).
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()),
              1);
}

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, separator)) out.push_back(cell);
    if (!line.empty() && line.back() == separator) out.emplace_back();
    return out;
}

TEST(LedgerReportCsv, OneFilePerTableWithBomAndTheFigures) {
    TempDir dir;
    const auto report = fixture_report();
    const std::string folder = dir.file("督办通报_csv");
    exporters::write_report_csv(report, folder, {});
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(folder)) files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    EXPECT_EQ(files, (std::vector<std::string>{".respgrid-output", "01_汇总.csv", "02_乡镇排名.csv", "03_部门排名.csv",
                                               "04_包联领导排名.csv", "05_村社区排名.csv", "06_超期督办.csv",
                                               "07_问题类别.csv", "08_热点网格.csv", "09_反复问题.csv"}));

    const std::string text = read_text(folder + "/02_乡镇排名.csv");
    ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << "a UTF-8 BOM for Excel";
    std::istringstream lines(text.substr(3));
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(split(line, ','),
              (std::vector<std::string>{"排名", "乡镇代码", "乡镇名称", "新增立案", "退回", "受理", "按时整改", "超时整改",
                                        "新增未整改", "往日挂账", "挂账未整改", "超期", "按时整改率(%)",
                                        "平均整改用时(小时)", "上报次数", "期内整改", "超期案卷"}));
    for (std::size_t i = 0; i < report.townships.size(); ++i) {
        const grids::UnitFigures& u = report.townships[i];
        ASSERT_TRUE(std::getline(lines, line));
        const auto cells = split(line, ',');
        ASSERT_EQ(cells.size(), 17u) << line;
        EXPECT_EQ(cells[0], std::to_string(i + 1));
        EXPECT_EQ(cells[1], u.code);
        EXPECT_EQ(cells[2], u.name);
        EXPECT_EQ(cells[3], std::to_string(u.logged));
        EXPECT_EQ(cells[5], std::to_string(u.received));
        EXPECT_EQ(cells[9], std::to_string(u.carried));
        EXPECT_EQ(cells[11], std::to_string(u.overdue));
        EXPECT_EQ(cells[12], u.on_time_rate ? percent(u.on_time_rate) : "");
        EXPECT_EQ(cells[14], std::to_string(u.reports));
        EXPECT_EQ(cells[16], joined(u.overdue_numbers) == "—" ? "" : joined(u.overdue_numbers));
    }
    EXPECT_FALSE(std::getline(lines, line)) << "one row per township";

    // The summary: the totals, and the definition beside each.
    const std::string summary = read_text(folder + "/01_汇总.csv");
    EXPECT_NE(summary.find("受理," + std::to_string(report.totals.received) + ","), std::string::npos);
    EXPECT_NE(summary.find("超期," + std::to_string(report.totals.overdue) + ","), std::string::npos);

    // A second run is refused, unless asked; then the folder respgrid made is replaced.
    EXPECT_THROW(exporters::write_report_csv(report, folder, {}), OutputError);
    exporters::write_report_csv(report, folder, {{}, true});
    EXPECT_EQ(read_text(folder + "/02_乡镇排名.csv"), text);
}

TEST(LedgerReportXlsx, GdalReadsBackSheetsChineseTitlesAndNumberCells) {
    TempDir dir;
    const auto report = fixture_report();
    const std::string path = dir.file("督办通报.xlsx");
    exporters::write_report_xlsx(report, path, {});
    auto ds = geo::open_vector(path);
    std::vector<std::string> sheets;
    for (int i = 0; i < ds->GetLayerCount(); ++i) sheets.emplace_back(ds->GetLayer(i)->GetName());
    EXPECT_EQ(sheets, (std::vector<std::string>{"汇总", "乡镇排名", "部门排名", "包联领导排名", "村社区排名",
                                                "超期督办", "问题类别", "热点网格", "反复问题"}));

    OGRLayer& townships = geo::layer_of(*ds, path, "乡镇排名");
    OGRFeatureDefn* defn = townships.GetLayerDefn();
    const auto field = [&](const char* name) {
        const int i = defn->GetFieldIndex(name);
        EXPECT_GE(i, 0) << name;
        return i;
    };
    const auto is_number = [&](int i) {
        const OGRFieldType t = defn->GetFieldDefn(i)->GetType();
        return t == OFTInteger || t == OFTInteger64 || t == OFTReal;
    };
    const int name = field("乡镇名称"), code = field("乡镇代码"), received = field("受理"), overdue = field("超期"),
              rate = field("按时整改率(%)"), hours = field("平均整改用时(小时)");
    EXPECT_TRUE(is_number(received));
    EXPECT_TRUE(is_number(overdue));
    EXPECT_TRUE(is_number(rate));
    EXPECT_TRUE(is_number(hours));
    EXPECT_EQ(defn->GetFieldDefn(code)->GetType(), OFTString) << "codes stay text: 411626100, not 4.1E+08";
    std::size_t i = 0;
    for (auto& f : townships) {
        ASSERT_LT(i, report.townships.size());
        const grids::UnitFigures& u = report.townships[i];
        EXPECT_STREQ(f->GetFieldAsString(name), u.name.c_str());
        EXPECT_STREQ(f->GetFieldAsString(code), u.code.c_str());
        EXPECT_EQ(f->GetFieldAsInteger(received), u.received);
        EXPECT_EQ(f->GetFieldAsInteger(overdue), u.overdue);
        if (u.on_time_rate) {
            EXPECT_NEAR(f->GetFieldAsDouble(rate), *u.on_time_rate * 100.0, 0.05);
        } else {
            EXPECT_FALSE(f->IsFieldSetAndNotNull(rate)) << "no rate: an empty cell, not 0";
        }
        ++i;
    }
    EXPECT_EQ(i, report.townships.size());

    OGRLayer& worst = geo::layer_of(*ds, path, "超期督办");
    const int hours_overdue = worst.GetLayerDefn()->GetFieldIndex("超期(小时)");
    ASSERT_GE(hours_overdue, 0);
    worst.ResetReading();
    OGRFeatureUniquePtr first(worst.GetNextFeature());
    ASSERT_TRUE(first);
    EXPECT_NEAR(first->GetFieldAsDouble(hours_overdue), report.worst_overdue[0].hours_overdue, 0.05);

    EXPECT_THROW(exporters::write_report_xlsx(report, path, {}), OutputError);
}

TEST(LedgerReportHtml, SelfContainedWithMapBarsAndTables) {
    const auto report = fixture_report();
    const auto cells = fixture_grid_cells();
    const auto townships = fixture_townships();
    const std::string html = exporters::report_html(report, kHeading, ReportMap{cells, townships});
    // Nothing outside the file: no URL, no external script, style sheet, image or font.
    for (const char* outside : {"http://", "https://", "HTTP", "//cdn", "src=", "<link", "<script", "url(", "@import",
                                "xmlns", "<img"}) {
        EXPECT_EQ(html.find(outside), std::string::npos) << outside;
    }
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(html.find("<h1>淮阳区督办通报</h1>"), std::string::npos);
    // The map: a path per grid, coloured, named on hover when it has cases; the townships over it.
    const std::size_t map = html.find("<svg class=\"map\"");
    ASSERT_NE(map, std::string::npos);
    const std::size_t map_end = html.find("</svg>", map);
    const std::string svg = html.substr(map, map_end - map);
    std::size_t paths = 0;
    for (std::size_t p = svg.find("<path"); p != std::string::npos; p = svg.find("<path", p + 1)) ++paths;
    EXPECT_EQ(paths, cells.size() + townships.size());
    EXPECT_NE(svg.find("<title>411626101001001 411626101001001：4 件</title>"), std::string::npos);
    for (const auto& t : townships) EXPECT_NE(svg.find(">" + t.name + "</text>"), std::string::npos) << t.name;
    // A spare grid without cases is drawn in the colour of 0.
    EXPECT_NE(svg.find("fill=\"#f2f2f2\""), std::string::npos);
    // The bars and the tables.
    EXPECT_NE(html.find("<svg class=\"bars\""), std::string::npos);
    EXPECT_NE(html.find(">" + percent(report.townships[0].on_time_rate) + "%</text>"), std::string::npos);
    EXPECT_NE(html.find("<h2>乡镇（街道）排名</h2>"), std::string::npos);
    EXPECT_NE(html.find("<td>" + report.worst_overdue[0].number + "</td>"), std::string::npos);

    TempDir dir;
    const std::string path = dir.file("督办通报.html");
    exporters::write_report_html(report, kHeading, ReportMap{cells, townships}, path, {});
    EXPECT_EQ(read_text(path), html);
    EXPECT_THROW(exporters::write_report_html(report, kHeading, ReportMap{cells, townships}, path, {}), OutputError);
}

TEST(LedgerReportHtml, TextFromTheLedgerIsEscaped) {
    auto ledger = thirty_case_ledger();
    for (auto& c : ledger.cases) c.location_text = "<script>alert(1)</script> & \"x\"";
    const auto report = grids::compute_daily_report(ledger.cases, ledger.events, grids::ReportPeriod::day(kDay));
    const std::string html = exporters::report_html(report, kHeading, {});
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"), std::string::npos);
    EXPECT_NE(html.find("（项目中没有网格图形）"), std::string::npos);  // no cells given: no map, said so
}

TEST(LedgerReportFormats, NamesRoundTrip) {
    for (auto f : {exporters::ReportFormat::Markdown, exporters::ReportFormat::Csv, exporters::ReportFormat::Xlsx,
                   exporters::ReportFormat::Html}) {
        EXPECT_EQ(exporters::parse_report_format(exporters::to_string(f)), f);
    }
    EXPECT_EQ(exporters::parse_report_format("md"), exporters::ReportFormat::Markdown);
    EXPECT_FALSE(exporters::parse_report_format("pdf"));
    EXPECT_EQ(exporters::report_output_kind(exporters::ReportFormat::Csv), geo::OutputKind::Folder);
}

}  // namespace
}  // namespace respgrid::test

// The daily report use case (ops/ledger_report.hpp) on a real project: the hand-made ledger of
// tests/support/ledger_fixture stored through store::Ledger with its grids and townships, then
// reported in the four formats. The figures are those computed straight from the fixture (checked
// by hand in tests/grids/ledger_report_test.cpp): the store round trip must not change them.
//
// Needs store::Ledger's implementation (tests/ops/CMakeLists.txt builds this test once the store
// has it).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "ledger_fixture.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/ledger_report.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

using exporters::ReportFormat;

grids::TimeText day_text(const char* text) { return *grids::parse_time(text).value; }

// dir/p.rgproj holding the fixture's townships, grids and ledger.
std::string make_ledger_project(const test::TempDir& dir) {
    const std::string path = dir.file("p.rgproj");
    auto project = store::Project::create(path, "411626", "淮阳区", 4547);
    const auto townships = test::fixture_townships();
    (void)project.upsert_units(townships, "test");
    const auto cells = test::fixture_grid_cells();
    (void)project.add_generation("square", "{}", cells);
    auto fixture = test::thirty_case_ledger();
    store::Ledger ledger(project);
    project.in_one_transaction([&] {
        std::map<long long, long long> ids;  // the fixture's case id → the store's
        for (auto& c : fixture.cases) {
            const long long fixture_id = c.id;
            c.id = 0;
            ledger.add_case(c);
            ids[fixture_id] = c.id;
        }
        for (auto e : fixture.events) {
            e.case_id = ids.at(e.case_id);
            (void)ledger.add_event(e);
        }
    });
    return path;
}

DailyReportOptions options_for(const std::string& project, const test::TempDir& dir) {
    DailyReportOptions o;
    o.project = project;
    o.day = day_text("2026-09-10");
    o.outputs = {{ReportFormat::Markdown, dir.file("督办通报.md")},
                 {ReportFormat::Csv, dir.file("督办通报_csv")},
                 {ReportFormat::Xlsx, dir.file("督办通报.xlsx")},
                 {ReportFormat::Html, dir.file("督办通报.html")}};
    return o;
}

TEST(DailyReportUseCase, StoredLedgerGivesTheFixturesFiguresInEveryFormat) {
    test::TempDir dir;
    const std::string project = make_ledger_project(dir);
    const auto result = daily_report(options_for(project, dir));

    const auto fixture = test::thirty_case_ledger();
    const auto expected = grids::compute_daily_report(fixture.cases, fixture.events,
                                                      grids::ReportPeriod::day(*grids::Date::from_ymd(2026, 9, 10)));
    EXPECT_EQ(result.county_name, "淮阳区");
    EXPECT_EQ(result.report.as_of, expected.as_of);
    EXPECT_EQ(result.report.totals.received, expected.totals.received);
    EXPECT_EQ(result.report.totals.rectified_on_time, expected.totals.rectified_on_time);
    EXPECT_EQ(result.report.totals.rectified_late, expected.totals.rectified_late);
    EXPECT_EQ(result.report.totals.open, expected.totals.open);
    EXPECT_EQ(result.report.totals.overdue_numbers, expected.totals.overdue_numbers);
    EXPECT_EQ(result.report.totals.reports, expected.totals.reports);
    ASSERT_EQ(result.report.townships.size(), expected.townships.size());
    for (std::size_t i = 0; i < expected.townships.size(); ++i) {
        EXPECT_EQ(result.report.townships[i].code, expected.townships[i].code) << i;
        EXPECT_EQ(result.report.townships[i].overdue, expected.townships[i].overdue) << i;
    }
    ASSERT_EQ(result.report.leaders.size(), 2u);
    EXPECT_EQ(result.report.leaders[0].code, test::kLeaderWang);

    ASSERT_EQ(result.written.size(), 4u);
    for (const auto& out : result.written) EXPECT_TRUE(std::filesystem::exists(out.path)) << out.path;
    const std::string html = test::read_text(dir.file("督办通报.html"));
    EXPECT_NE(html.find("<h1>淮阳区督办通报</h1>"), std::string::npos);
    // The map drew the stored grids and townships.
    EXPECT_NE(html.find("<title>411626101001001"), std::string::npos);
    EXPECT_NE(html.find(">白楼镇</text>"), std::string::npos);
    EXPECT_EQ(html.find("http"), std::string::npos);
}

TEST(DailyReportUseCase, RefusesEarlierOutputsUnlessAskedAndNeverTheProject) {
    test::TempDir dir;
    const std::string project = make_ledger_project(dir);
    auto o = options_for(project, dir);
    (void)daily_report(o);
    const std::string markdown = test::read_text(dir.file("督办通报.md"));
    test::write_text(dir.file("督办通报.md"), "edited by hand");
    EXPECT_THROW((void)daily_report(o), OutputError);
    EXPECT_EQ(test::read_text(dir.file("督办通报.md")), "edited by hand") << "refused before any write";
    o.overwrite = true;
    (void)daily_report(o);
    EXPECT_EQ(test::read_text(dir.file("督办通报.md")), markdown);

    o.outputs = {{ReportFormat::Markdown, project}};
    EXPECT_THROW((void)daily_report(o), OutputError);
}

TEST(DailyReportUseCase, AnEarlierDayAndAPeriod) {
    test::TempDir dir;
    const std::string project = make_ledger_project(dir);
    DailyReportOptions o;
    o.project = project;
    o.day = day_text("2026-09-05 18:00");  // a time means its day
    const auto r = daily_report(o);
    EXPECT_EQ(r.report.period.last.to_string(), "2026-09-05");
    EXPECT_EQ(r.report.totals.received, 1);
    EXPECT_EQ(r.report.totals.carried, 2);
    EXPECT_TRUE(r.written.empty());

    o.day = day_text("2026-09-10");
    o.first_day = day_text("2026-09-09");
    EXPECT_EQ(daily_report(o).report.totals.logged, 22);
    o.first_day = day_text("2026-09-11");
    EXPECT_THROW((void)daily_report(o), UsageError);
}

TEST(DailyReportUseCase, OnePathForTwoOutputsIsRefused) {
    test::TempDir dir;
    const std::string project = make_ledger_project(dir);
    DailyReportOptions o;
    o.project = project;
    o.day = day_text("2026-09-10");
    o.outputs = {{ReportFormat::Markdown, dir.file("a.txt")}, {ReportFormat::Html, dir.file("a.txt")}};
    EXPECT_THROW((void)daily_report(o), UsageError);
    EXPECT_FALSE(std::filesystem::exists(dir.file("a.txt")));
}

}  // namespace
}  // namespace respgrid::ops

// The daily supervision report (督办通报) of the hand-made ledger (tests/support/ledger_fixture.cpp):
// every figure below was worked out by hand from the cases' stories, not by the code under test.
//
// The report of 2026-09-10, as of 23:59:59 +08:00. What each case is then:
//   the day's cases (logged 09-10)                    before (logged 09-01..09-09)
//    1 城关 东关 G001 垃圾 城管 王  on time  3 reports   21 城关 东关 垃圾 城管 王  reopened 09-09: carried, overdue
//    2 城关 东关 G001 垃圾 城管 王  late                 22 白楼 白楼 道路 环保 李  carried, overdue, escalated x2
//    3 城关 东关 G002 道路 -    王  open                 23 朱集 朱集 垃圾 城管 -   fixed 09-10 09:00 (late)
//    4 城关 西关 G001 垃圾 城管 王  open, overdue 2 rep  24 城关 西关 广告 环保 王  carried, not yet due
//    5 城关 西关 G001 广告 环保 王  rejected             25 白楼 李庄 垃圾 城管 李  carried, overdue
//    6 白楼 白楼 G001 垃圾 城管 李  on time (closed)     26 城关 东关 垃圾 城管 王  rejected 09-09
//    7 白楼 白楼 G001 垃圾 城管 李  late  4 reports      27 白楼 白楼 垃圾 城管 李  closed 09-02
//    8 白楼 白楼 G001 道路 环保 李  fix undone: open, overdue   28 朱集 朱集 道路 环保 - fixed 09-10 23:30 (late)
//    9 白楼 李庄 G001 道路 环保 李  open, not dispatched  29 城关 东关 垃圾 城管 王  carried, overdue
//   10 白楼 李庄 G001 垃圾 -    李  on time  2 reports   30 logged 09-11: not on the books yet
//   11 朱集 朱集 G001 垃圾 城管 -   on time (at the deadline's second)
//   12 朱集 朱集 G001 广告 环保 李  open, overdue  5 reports
//   13 朱集 朱集 G001 广告 -    -   rejected after dispatch (2 reports, not counted)
//   14 城关 东关 G001 垃圾 城管 王  on time
//   15 城关 西关 G001 道路 环保 王  open
//   16 白楼 白楼 G001 垃圾 城管 李  late
//   17 白楼 李庄 G001 道路 环保 李  on time (checked)
//   18 朱集 朱集 G001 垃圾 城管 -   open
//   19 outside the county, no category, no owner: open
//   20 城关 东关 G002 垃圾 城管 王  open, overdue (due 23:00)
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "ledger_fixture.hpp"
#include "respgrid/grids/ledger_report.hpp"

namespace respgrid::grids {
namespace {

using test::kTownshipBailou;
using test::kTownshipChengguan;
using test::kTownshipZhuji;

const Date kReportDay = *Date::from_ymd(2026, 9, 10);

DailyReport report_of(const ReportPeriod& period, ReportOptions options = {}) {
    const auto ledger = test::thirty_case_ledger();
    return compute_daily_report(ledger.cases, ledger.events, period, options);
}

const UnitFigures& unit(const std::vector<UnitFigures>& units, const std::string& code) {
    const auto it = std::find_if(units.begin(), units.end(), [&](const UnitFigures& u) { return u.code == code; });
    if (it == units.end()) throw std::logic_error("no unit " + code);
    return *it;
}

std::vector<std::string> codes(const std::vector<UnitFigures>& units) {
    std::vector<std::string> out;
    for (const auto& u : units) out.push_back(u.code);
    return out;
}

// Hours from h:m:s, to compare hours overdue.
double hours(int h, int m, int s) { return h + m / 60.0 + s / 3600.0; }

TEST(LedgerReport, CountyTotalsOfTheDay) {
    const auto r = report_of(ReportPeriod::day(kReportDay));
    const UnitFigures& t = r.totals;
    EXPECT_EQ(r.as_of.to_text(kChinaTime), "2026-09-10T23:59:59+08:00");
    EXPECT_EQ(t.logged, 20);             // ids 1-20
    EXPECT_EQ(t.rejected, 2);            // 5, 13
    EXPECT_EQ(t.received, 18);
    EXPECT_EQ(t.rectified_on_time, 6);   // 1, 6, 10, 11, 14, 17
    EXPECT_EQ(t.rectified_late, 3);      // 2, 7, 16
    EXPECT_EQ(t.open_new, 9);            // 3, 4, 8, 9, 12, 15, 18, 19, 20
    EXPECT_EQ(t.carried, 5);             // 21, 22, 24, 25, 29
    EXPECT_EQ(t.open, 14);
    EXPECT_EQ(t.overdue_new, 4);         // 4, 8, 12, 20
    EXPECT_EQ(t.overdue, 8);             // and 21, 22, 25, 29
    EXPECT_EQ(t.rectified_in_period, 11);  // the 9 fixed above, 23 and 28 (8's fix was undone)
    // 3+1+1+2 +1+4+1+1+2+1+5 +1+1+1+1+1+1+1 over the 18 received
    EXPECT_EQ(t.reports, 29);
    // 6 / (6 on time + 3 late + 4 of the day's cases overdue)
    ASSERT_TRUE(t.on_time_rate);
    EXPECT_NEAR(*t.on_time_rate, 6.0 / 13.0, 1e-12);
    // Minutes dispatch → fix of 1, 2, 6, 7, 10, 11, 14, 16, 17: 170+240+60+780+239+720+60+300+60 = 2629
    ASSERT_TRUE(t.average_hours_to_fix);
    EXPECT_NEAR(*t.average_hours_to_fix, 2629.0 / 9.0 / 60.0, 1e-9);
    EXPECT_EQ(t.overdue_numbers,
              (std::vector<std::string>{"HY-20260901-0001", "HY-20260903-0001", "HY-20260906-0001", "HY-20260909-0001",
                                        "HY-20260910-0004", "HY-20260910-0008", "HY-20260910-0012",
                                        "HY-20260910-0020"}));
}

TEST(LedgerReport, TownshipFiguresAndTheirRanking) {
    const auto r = report_of(ReportPeriod::day(kReportDay));
    // Most overdue first: 城关 4, 白楼 3, 朱集 1, outside the county 0.
    EXPECT_EQ(codes(r.townships), (std::vector<std::string>{kTownshipChengguan, kTownshipBailou, kTownshipZhuji, ""}));

    const UnitFigures& cg = unit(r.townships, kTownshipChengguan);  // cases 1-5, 14, 15, 20; 21, 24, 29
    EXPECT_EQ(cg.name, "城关镇");
    EXPECT_EQ(cg.logged, 8);
    EXPECT_EQ(cg.rejected, 1);
    EXPECT_EQ(cg.received, 7);
    EXPECT_EQ(cg.rectified_on_time, 2);  // 1, 14
    EXPECT_EQ(cg.rectified_late, 1);     // 2
    EXPECT_EQ(cg.open_new, 4);           // 3, 4, 15, 20
    EXPECT_EQ(cg.carried, 3);            // 21, 24, 29
    EXPECT_EQ(cg.open, 7);
    EXPECT_EQ(cg.overdue, 4);            // 4, 20, 21, 29
    EXPECT_EQ(cg.overdue_new, 2);
    EXPECT_EQ(cg.reports, 10);           // 3+1+1+2+1+1+1
    EXPECT_EQ(cg.rectified_in_period, 3);
    EXPECT_NEAR(*cg.on_time_rate, 2.0 / 5.0, 1e-12);
    EXPECT_NEAR(*cg.average_hours_to_fix, (170.0 + 240.0 + 60.0) / 3.0 / 60.0, 1e-9);

    const UnitFigures& bl = unit(r.townships, kTownshipBailou);  // 6-10, 16, 17; 22, 25, 27
    EXPECT_EQ(bl.received, 7);
    EXPECT_EQ(bl.rectified_on_time, 3);  // 6, 10, 17
    EXPECT_EQ(bl.rectified_late, 2);     // 7, 16
    EXPECT_EQ(bl.open_new, 2);           // 8, 9
    EXPECT_EQ(bl.carried, 2);            // 22, 25
    EXPECT_EQ(bl.overdue, 3);            // 8, 22, 25
    EXPECT_EQ(bl.reports, 11);
    EXPECT_EQ(bl.rectified_in_period, 5);
    EXPECT_NEAR(*bl.on_time_rate, 3.0 / 6.0, 1e-12);
    EXPECT_NEAR(*bl.average_hours_to_fix, (60.0 + 780.0 + 239.0 + 300.0 + 60.0) / 5.0 / 60.0, 1e-9);

    const UnitFigures& zj = unit(r.townships, kTownshipZhuji);  // 11, 12, 13, 18; 23, 28
    EXPECT_EQ(zj.logged, 4);
    EXPECT_EQ(zj.rejected, 1);
    EXPECT_EQ(zj.received, 3);
    EXPECT_EQ(zj.rectified_on_time, 1);
    EXPECT_EQ(zj.open_new, 2);
    EXPECT_EQ(zj.carried, 0);             // 23 and 28 were fixed during the day
    EXPECT_EQ(zj.overdue, 1);             // 12
    EXPECT_EQ(zj.reports, 7);
    EXPECT_EQ(zj.rectified_in_period, 3);  // 11, 23, 28
    EXPECT_NEAR(*zj.on_time_rate, 0.5, 1e-12);
    EXPECT_NEAR(*zj.average_hours_to_fix, 12.0, 1e-9);

    const UnitFigures& outside = unit(r.townships, "");  // 19
    EXPECT_EQ(outside.name, kUnlocatedName);
    EXPECT_EQ(outside.received, 1);
    EXPECT_EQ(outside.open_new, 1);
    EXPECT_FALSE(outside.on_time_rate);  // nothing decided
    EXPECT_FALSE(outside.average_hours_to_fix);
}

TEST(LedgerReport, VillagesRankByOverdueThenLowestOnTimeRate) {
    const auto r = report_of(ReportPeriod::day(kReportDay));
    // Overdue: 东关 3 (20, 21, 29), 白楼 2 (8, 22), then three with 1: 西关 (rate 0/1 = 0),
    // 朱集 (1/2), 李庄 (2/2 = 1; its one overdue case is 25, carried); outside the county 0.
    // Code order would put 李庄 before 朱集: the rate decides.
    EXPECT_EQ(codes(r.villages), (std::vector<std::string>{test::kVillageDongguan, test::kVillageBailou,
                                                           test::kVillageXiguan, test::kVillageZhuji,
                                                           test::kVillageLizhuang, ""}));
    const UnitFigures& xg = unit(r.villages, test::kVillageXiguan);  // 4, 5, 15; 24
    EXPECT_EQ(xg.parent, "城关镇");
    EXPECT_EQ(xg.logged, 3);
    EXPECT_EQ(xg.received, 2);
    EXPECT_EQ(xg.open_new, 2);
    EXPECT_EQ(xg.carried, 1);
    EXPECT_EQ(xg.overdue, 1);
    EXPECT_EQ(xg.reports, 3);
    EXPECT_NEAR(*xg.on_time_rate, 0.0, 1e-12);
    const UnitFigures& lz = unit(r.villages, test::kVillageLizhuang);  // 9, 10, 17; 25
    EXPECT_EQ(lz.overdue, 1);
    EXPECT_EQ(lz.overdue_new, 0);
    EXPECT_NEAR(*lz.on_time_rate, 1.0, 1e-12);
    const UnitFigures& bl = unit(r.villages, test::kVillageBailou);  // 6, 7, 8, 16; 22, 27
    EXPECT_EQ(bl.received, 4);
    EXPECT_EQ(bl.rectified_late, 2);
    EXPECT_EQ(bl.reports, 7);
    EXPECT_NEAR(*bl.on_time_rate, 1.0 / 4.0, 1e-12);
}

TEST(LedgerReport, DepartmentsAndLeadersCountEachCaseOncePerOwner) {
    const auto r = report_of(ReportPeriod::day(kReportDay));
    // 城管局: 1, 2, 4 (listed twice: counted once), 6, 7, 11, 14, 16, 18, 20; 21, 23, 25, 26, 27, 29
    const UnitFigures& cg = unit(r.departments, test::kDepartmentChengguan);
    EXPECT_EQ(cg.name, "县城管局");
    EXPECT_EQ(cg.logged, 10);
    EXPECT_EQ(cg.received, 10);
    EXPECT_EQ(cg.rectified_on_time, 4);  // 1, 6, 11, 14
    EXPECT_EQ(cg.rectified_late, 3);     // 2, 7, 16
    EXPECT_EQ(cg.open_new, 3);           // 4, 18, 20
    EXPECT_EQ(cg.carried, 3);            // 21, 25, 29
    EXPECT_EQ(cg.overdue, 5);            // 4, 20, 21, 25, 29
    EXPECT_EQ(cg.reports, 16);
    EXPECT_EQ(cg.rectified_in_period, 8);  // 1, 2, 6, 7, 11, 14, 16, 23
    EXPECT_NEAR(*cg.on_time_rate, 4.0 / 9.0, 1e-12);
    // 环保局: 5, 8, 9, 12, 15, 17; 22, 24, 28
    const UnitFigures& hb = unit(r.departments, test::kDepartmentHuanbao);
    EXPECT_EQ(hb.logged, 6);
    EXPECT_EQ(hb.rejected, 1);
    EXPECT_EQ(hb.received, 5);
    EXPECT_EQ(hb.rectified_on_time, 1);  // 17
    EXPECT_EQ(hb.open_new, 4);           // 8, 9, 12, 15
    EXPECT_EQ(hb.carried, 2);            // 22, 24
    EXPECT_EQ(hb.overdue, 3);            // 8, 12, 22
    EXPECT_EQ(hb.reports, 9);
    EXPECT_NEAR(*hb.on_time_rate, 1.0 / 3.0, 1e-12);
    EXPECT_EQ(codes(r.departments), (std::vector<std::string>{test::kDepartmentChengguan, test::kDepartmentHuanbao}));

    // 王书记: the cases of 城关镇 (1-5, 14, 15, 20; 21, 24, 26, 29): overdue 4, rate 2/5.
    // 李镇长: 白楼镇's (6-10, 16, 17; 22, 25, 27) and 12: overdue 4 (8, 12, 22, 25), rate 3/(3+2+2).
    // Equal overdue: the lower rate (王, 0.4 < 0.43) goes first although ld-li sorts first by code.
    EXPECT_EQ(codes(r.leaders), (std::vector<std::string>{test::kLeaderWang, test::kLeaderLi}));
    const UnitFigures& li = unit(r.leaders, test::kLeaderLi);
    EXPECT_EQ(li.received, 8);
    EXPECT_EQ(li.open_new, 3);
    EXPECT_EQ(li.overdue, 4);
    EXPECT_EQ(li.reports, 16);
    EXPECT_NEAR(*li.on_time_rate, 3.0 / 7.0, 1e-12);
    const UnitFigures& wang = unit(r.leaders, test::kLeaderWang);
    EXPECT_EQ(wang.overdue, 4);
    EXPECT_NEAR(*wang.on_time_rate, 0.4, 1e-12);
}

TEST(LedgerReport, CategoriesByMostReceived) {
    const auto r = report_of(ReportPeriod::day(kReportDay));
    // 垃圾 11, 道路 5, then 1 each: uncategorised (code "") before 广告 (GG03).
    EXPECT_EQ(codes(r.categories), (std::vector<std::string>{"HJ01", "SZ02", "", "GG03"}));
    const UnitFigures& garbage = unit(r.categories, "HJ01");
    EXPECT_EQ(garbage.received, 11);
    EXPECT_EQ(garbage.rectified_on_time, 5);  // 1, 6, 10, 11, 14
    EXPECT_EQ(garbage.rectified_late, 3);
    EXPECT_EQ(garbage.overdue, 5);            // 4, 20, 21, 25, 29
    EXPECT_EQ(garbage.reports, 18);
    const UnitFigures& adverts = unit(r.categories, "GG03");  // 5, 12, 13; 24
    EXPECT_EQ(adverts.logged, 3);
    EXPECT_EQ(adverts.rejected, 2);
    EXPECT_EQ(adverts.carried, 1);
    EXPECT_EQ(unit(r.categories, "").name, kUncategorisedName);
}

TEST(LedgerReport, WorstOverdueLongestFirstWithEscalation) {
    ReportOptions options;
    options.worst_overdue = 5;
    const auto r = report_of(ReportPeriod::day(kReportDay), options);
    ASSERT_EQ(r.worst_overdue.size(), 5u);
    // Deadline → 09-10 23:59:59: 22 from 09-04 08:00, 29 from 09-07 09:00, 25 from 09-09 21:00,
    // 4 from 09-10 05:00, 21 from 09-10 10:30 (then 8, 12, 20, cut by the limit).
    const std::vector<std::pair<std::string, double>> expected{{"HY-20260903-0001", hours(159, 59, 59)},
                                                               {"HY-20260906-0001", hours(86, 59, 59)},
                                                               {"HY-20260909-0001", hours(26, 59, 59)},
                                                               {"HY-20260910-0004", hours(18, 59, 59)},
                                                               {"HY-20260901-0001", hours(13, 29, 59)}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(r.worst_overdue[i].number, expected[i].first) << i;
        EXPECT_NEAR(r.worst_overdue[i].hours_overdue, expected[i].second, 1e-9) << i;
    }
    const OverdueItem& first = r.worst_overdue[0];
    EXPECT_EQ(first.township_name, "白楼镇");
    EXPECT_EQ(first.village_name, "白楼村");
    EXPECT_EQ(first.responsible_name, "县环保局");
    EXPECT_EQ(first.location_text, "白楼村主街22号");
    EXPECT_EQ(first.escalation_level, 2);
    EXPECT_TRUE(first.carried);
    EXPECT_FALSE(r.worst_overdue[3].carried);  // case 4, logged that day
    EXPECT_EQ(r.worst_overdue[4].escalation_level, 1);  // case 21, escalated at 12:00
}

TEST(LedgerReport, HotSpotsAndRepeatProblems) {
    const auto r = report_of(ReportPeriod::day(kReportDay));
    // The day's received cases per grid: 白楼村001 4 (6, 7, 8, 16); 3 each, by reports: 朱集村001
    // (11, 12, 18: 7), 东关村001 (1, 2, 14: 5), 李庄村001 (9, 10, 17: 4); 2 each: 西关村001 (4, 15: 3),
    // 东关村002 (3, 20: 2). Case 19 is in no grid.
    const std::vector<std::pair<std::string, int>> expected{
        {"411626101001001", 4}, {"411626102001001", 3}, {"411626100001001", 3},
        {"411626101002001", 3}, {"411626100002001", 2}, {"411626100001002", 2}};
    ASSERT_EQ(r.hot_spots.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(r.hot_spots[i].grid_code, expected[i].first) << i;
        EXPECT_EQ(r.hot_spots[i].cases, expected[i].second) << i;
    }
    EXPECT_EQ(r.hot_spots[1].reports, 7);
    EXPECT_EQ(r.grid_counts.size(), 6u);       // every grid with cases, for the map
    EXPECT_EQ(r.received_outside_grids, 1);    // 19
    ReportOptions two;
    two.hot_spots = 2;
    const auto top_two = report_of(ReportPeriod::day(kReportDay), two);
    ASSERT_EQ(top_two.hot_spots.size(), 2u);
    EXPECT_EQ(top_two.hot_spots[1].grid_code, "411626102001001");
    EXPECT_EQ(top_two.grid_counts.size(), 6u);

    // Same grid and category within 08-12..09-10, not rejected: 东关001 垃圾 1, 2, 14, 21 (26 rejected,
    // 30 later); 白楼001 垃圾 6, 7, 16, 27; 朱集001 垃圾 11, 18, 23; then pairs: 东关002 垃圾 20, 29;
    // 白楼001 道路 8, 22; 李庄001 垃圾 10, 25; 李庄001 道路 9, 17.
    ASSERT_EQ(r.repeats.size(), 7u);
    EXPECT_EQ(r.repeats[0].grid_code, "411626100001001");
    EXPECT_EQ(r.repeats[0].numbers, (std::vector<std::string>{"HY-20260901-0001", "HY-20260910-0001",
                                                              "HY-20260910-0002", "HY-20260910-0014"}));
    EXPECT_EQ(r.repeats[1].grid_code, "411626101001001");
    EXPECT_EQ(r.repeats[1].category_code, "HJ01");
    EXPECT_EQ(r.repeats[2].numbers.size(), 3u);
    EXPECT_EQ(r.repeats[3].grid_code, "411626100001002");
    EXPECT_EQ(r.repeats[4].category_code, "SZ02");
    EXPECT_EQ(r.repeats[4].numbers, (std::vector<std::string>{"HY-20260903-0001", "HY-20260910-0008"}));
    EXPECT_EQ(r.repeats[6].grid_code, "411626101002001");
    EXPECT_EQ(r.repeats[6].category_code, "SZ02");

    // A window of 7 days (09-04..09-10) leaves 21 and 27 out: 东关001 垃圾 has 3, 白楼001 垃圾 3.
    ReportOptions week;
    week.repeat_days = 7;
    const auto w = report_of(ReportPeriod::day(kReportDay), week);
    EXPECT_EQ(w.repeats[0].numbers.size(), 3u);
    EXPECT_EQ(w.repeats[1].numbers.size(), 3u);
}

TEST(LedgerReport, AnEarlierDaySeesTheEarlierState) {
    // As of 09-05 23:59:59: cases 21 (closed 09-02), 22, 23, 27 (closed), 28 are on the books.
    const auto r = report_of(ReportPeriod::day(*Date::from_ymd(2026, 9, 5)));
    const UnitFigures& t = r.totals;
    EXPECT_EQ(t.logged, 1);       // 23
    EXPECT_EQ(t.received, 1);
    EXPECT_EQ(t.open_new, 1);     // not fixed until 09-10
    EXPECT_EQ(t.overdue_new, 1);  // due 09-05 22:00
    EXPECT_EQ(t.carried, 2);      // 22 and 28; 21 was closed then (its reopen came on 09-09)
    EXPECT_EQ(t.overdue, 3);
    EXPECT_EQ(t.rectified_in_period, 0);
    ASSERT_TRUE(t.on_time_rate);
    EXPECT_NEAR(*t.on_time_rate, 0.0, 1e-12);
    EXPECT_EQ(t.overdue_numbers,
              (std::vector<std::string>{"HY-20260903-0001", "HY-20260904-0001", "HY-20260905-0001"}));
    ASSERT_EQ(r.worst_overdue.size(), 3u);
    EXPECT_EQ(r.worst_overdue[0].number, "HY-20260903-0001");
    EXPECT_NEAR(r.worst_overdue[0].hours_overdue, hours(39, 59, 59), 1e-9);
    EXPECT_EQ(r.worst_overdue[0].escalation_level, 1);  // the second escalation came on 09-06
    EXPECT_NEAR(r.worst_overdue[1].hours_overdue, hours(26, 59, 59), 1e-9);  // 28, due 09-04 21:00

    // As of 09-01: case 21 fixed at 15:00 on time, then checked; its reopen is eight days away.
    const auto first = report_of(ReportPeriod::day(*Date::from_ymd(2026, 9, 1)));
    EXPECT_EQ(first.totals.received, 1);
    EXPECT_EQ(first.totals.rectified_on_time, 1);
    EXPECT_EQ(first.totals.open, 0);
    EXPECT_NEAR(*first.totals.average_hours_to_fix, 6.0, 1e-9);
}

TEST(LedgerReport, APeriodOfDaysCountsEveryDaysCases) {
    // 09-09..09-10: adds 25 (open, overdue) and 26 (rejected) to the day's cases.
    const auto r = report_of({*Date::from_ymd(2026, 9, 9), kReportDay, kChinaTime});
    EXPECT_EQ(r.totals.logged, 22);
    EXPECT_EQ(r.totals.rejected, 3);
    EXPECT_EQ(r.totals.received, 19);
    EXPECT_EQ(r.totals.open_new, 10);
    EXPECT_EQ(r.totals.carried, 4);  // 21, 22, 24, 29
    EXPECT_EQ(r.totals.overdue, 8);
    EXPECT_EQ(r.totals.overdue_new, 5);
}

TEST(LedgerReport, EventsInAnyOrderGiveTheSameReport) {
    auto ledger = test::thirty_case_ledger();
    const auto in_order = compute_daily_report(ledger.cases, ledger.events, ReportPeriod::day(kReportDay));
    std::reverse(ledger.events.begin(), ledger.events.end());
    const auto reversed = compute_daily_report(ledger.cases, ledger.events, ReportPeriod::day(kReportDay));
    EXPECT_EQ(reversed.totals.overdue_numbers, in_order.totals.overdue_numbers);
    EXPECT_EQ(reversed.totals.rectified_on_time, 6);
    EXPECT_EQ(reversed.totals.rectified_late, 3);
}

TEST(LedgerReport, TheTimelineNotTheStoredStatusDecides) {
    // A case whose stored fields say closed but whose timeline stops at dispatched is open.
    auto ledger = test::thirty_case_ledger();
    for (auto& c : ledger.cases) {
        if (c.number == "HY-20260910-0004") c.status = CaseStatus::Closed;
    }
    const auto r = compute_daily_report(ledger.cases, ledger.events, ReportPeriod::day(kReportDay));
    EXPECT_EQ(r.totals.overdue, 8);
}

TEST(LedgerReport, AUnitWithNothingDecidedRanksAfterThoseWithARate) {
    // Three townships without overdue cases: A fixed its case on time (rate 1), B has a case not
    // yet due (no rate), C fixed its case late (rate 0). Worst first: C, A, B; by code it would be
    // A, B, C.
    auto ledger = test::thirty_case_ledger();
    std::vector<LedgerCase> cases;
    std::vector<CaseEvent> events;
    const auto pick = [&](const std::string& number, const std::string& township) {
        for (const auto& c : ledger.cases) {
            if (c.number != number) continue;
            cases.push_back(c);
            cases.back().township_code = township;
            for (const auto& e : ledger.events) {
                if (e.case_id == c.id) events.push_back(e);
            }
        }
    };
    pick("HY-20260910-0001", "A");  // on time
    pick("HY-20260910-0015", "B");  // due tomorrow
    pick("HY-20260910-0002", "C");  // late
    const auto r = compute_daily_report(cases, events, ReportPeriod::day(kReportDay));
    EXPECT_EQ(codes(r.townships), (std::vector<std::string>{"C", "A", "B"}));
}

TEST(LedgerReport, RefusesAPeriodEndingBeforeItStarts) {
    const auto ledger = test::thirty_case_ledger();
    EXPECT_THROW(compute_daily_report(ledger.cases, ledger.events,
                                      {kReportDay, *Date::from_ymd(2026, 9, 9), kChinaTime}),
                 LedgerReportError);
    ReportOptions one_case;
    one_case.repeat_min_cases = 1;
    EXPECT_THROW(compute_daily_report(ledger.cases, ledger.events, ReportPeriod::day(kReportDay), one_case),
                 LedgerReportError);
}

TEST(LedgerReport, UnitKindNames) {
    EXPECT_EQ(to_string(ReportUnitKind::Leader), "leader");
    EXPECT_EQ(label_zh(ReportUnitKind::Leader), "包联领导");
    EXPECT_EQ(label_zh(ReportUnitKind::Township), "乡镇/街道");
}

}  // namespace
}  // namespace respgrid::grids

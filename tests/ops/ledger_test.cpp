// The ledger's use cases (ops/ledger.hpp) on a real SpatiaLite project (ledger_project.hpp):
// import with deadlines, 并案 and idempotence, the workflow's moves, bulk updates, escalation,
// linking by hand, and an import killed halfway. Expected deadlines are worked out by hand from
// the working time (Mon-Fri 08:30-12:00, 14:30-18:00, +08:00); 2026-09-04 is a Friday.

#include <gtest/gtest.h>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include "ledger_project.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

using grids::CaseStatus;
using test::ReportRow;

class MemoryRejects : public RejectSink {
public:
    void add(const std::vector<Reject>& rejects) override { all.insert(all.end(), rejects.begin(), rejects.end()); }
    std::vector<Reject> all;
};

grids::TimeText at(const char* text) { return *grids::parse_time(text).value; }

class LedgerTest : public ::testing::Test {
protected:
    void SetUp() override { test::make_ledger_project(project_); }

    LedgerImportResult import_rows(const std::vector<ReportRow>& rows, const std::string& name = "reports.csv",
                                   const char* dispatch_at = "2026-09-04 17:00") {
        const std::string file = dir_.file(name);
        test::write_text(file, test::ledger_csv(rows));
        LedgerImportOptions o;
        o.project = project_;
        o.input = file;
        o.at = at(dispatch_at);
        return import_ledger(o, rejects_);
    }

    grids::LedgerCase case_of(const std::string& report_id) { return show_case(project_, {"", report_id}).case_; }

    long long count(const char* table) {
        auto p = store::Project::open(project_);
        return p.connection().query_integer(std::string("SELECT count(*) FROM ") + table).value_or(-1);
    }

    test::TempDir dir_;
    std::string project_ = dir_.file("p.rgproj");
    MemoryRejects rejects_;
};

const grids::UtcOffset kZone = grids::kChinaTime;

TEST_F(LedgerTest, ImportDispatchesEachRowWithItsCategorysDeadline) {
    const auto r = import_rows({{"R1", "2026-09-04 16:10", 500250, 3730500, "C24", "巡查", "2026-09-04 17:00"},
                                {"R2", "2026-09-04 16:20", 500750, 3730500, "W4", "12345", "2026-09-04 17:00"},
                                {"R3", "2026-09-04 16:30", 500300, 3730200, "SD", "群众举报", "2026-09-04 16:59"},
                                {"R4", "2026-09-04 16:40", 500700, 3730800, "店外经营", "督查组", "2026-09-04 17:00"},
                                {"R5", "2026-09-01 22:00", 500400, 3730900, "C24", "暗访", "2026-09-01 22:30"}});
    EXPECT_EQ(r.opened, 5u);
    EXPECT_EQ(r.rejected, 0u);
    // Calendar: the clock never stops, across the night.
    EXPECT_EQ(case_of("R1").deadline->to_text(kZone), "2026-09-05T17:00:00+08:00");
    EXPECT_EQ(case_of("R5").deadline->to_text(kZone), "2026-09-02T22:30:00+08:00");
    // 4 working hours from Friday 17:00: one hour on Friday, three on Monday from 08:30.
    EXPECT_EQ(case_of("R2").deadline->to_text(kZone), "2026-09-07T11:30:00+08:00");
    // 事不过夜: before the 17:00 cut-off, the same day; at it (R4, matched by its name), Monday noon.
    EXPECT_EQ(case_of("R3").deadline->to_text(kZone), "2026-09-04T23:59:59+08:00");
    EXPECT_EQ(case_of("R4").deadline->to_text(kZone), "2026-09-07T12:00:00+08:00");

    const auto c = case_of("R2");
    EXPECT_EQ(c.status, CaseStatus::Dispatched);
    EXPECT_EQ(c.source, grids::CaseSource::Hotline);
    EXPECT_EQ(c.grid_code, test::kEastGrid);
    EXPECT_EQ(c.village_name, "东村");
    EXPECT_EQ(c.township_code, "411626001");
    EXPECT_EQ(c.responsible_id, "D1");  // the category's department before the territory
    EXPECT_EQ(case_of("R1").responsible_id, "GW_B");  // no department: the grid worker serving then
    // Numbers by the day of logging, in report-time order within it.
    EXPECT_EQ(case_of("R5").number, "HY-20260901-0001");
    EXPECT_EQ(case_of("R1").number, "HY-20260904-0001");
    EXPECT_EQ(case_of("R4").number, "HY-20260904-0004");
    // The timeline: logged and dispatched at once, to the owner, with the report and the deadline.
    const auto detail = show_case(project_, {"", "R2"});
    ASSERT_EQ(detail.events.size(), 1u);
    EXPECT_EQ(detail.events[0].kind, grids::CaseEventKind::Dispatched);
    EXPECT_EQ(detail.events[0].from, CaseStatus::Logged);
    EXPECT_EQ(detail.events[0].to, CaseStatus::Dispatched);
    EXPECT_EQ(detail.events[0].at.to_text(kZone), "2026-09-04T17:00:00+08:00");
    EXPECT_NE(detail.events[0].note.find("县城管局"), std::string::npos);
    EXPECT_NE(detail.events[0].note.find("R2"), std::string::npos);
    EXPECT_NE(detail.events[0].note.find("2026-09-07T11:30:00+08:00"), std::string::npos);
}

TEST_F(LedgerTest, TheOwnersAreThoseServingWhenTheReportWasMade) {
    // GW_A served to 2026-06-30, GW_B from 2026-07-01 (serving_project.hpp).
    import_rows({{"OLD", "2026-06-15 09:00", 500250, 3730500, "C24", "巡查", "2026-06-15 09:30"},
                 {"NEW", "2026-07-15 09:00", 500350, 3730500, "C24", "巡查", "2026-07-15 09:30"}});
    EXPECT_EQ(case_of("OLD").responsible_id, "GW_A");
    EXPECT_EQ(case_of("NEW").responsible_id, "GW_B");
}

TEST_F(LedgerTest, ImportingTheSameFileTwiceChangesNothing) {
    const std::vector<ReportRow> rows{{"R1", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", ""},
                                      {"", "2026-09-04 09:10", 500750, 3730500, "W4", "巡查", ""},  // no id: keyed by content
                                      {"", "2026-09-04 09:20", 500750, 3730900, "SD", "巡查", ""}};
    const auto first = import_rows(rows);
    EXPECT_EQ(first.opened, 3u);
    const long long cases = count("cases"), reports = count("case_reports"), events = count("case_events");
    const auto again = import_rows(rows, "reports_again.csv");
    EXPECT_EQ(again.opened, 0u);
    EXPECT_EQ(again.merged, 0u);
    EXPECT_EQ(again.already, 3u);
    EXPECT_EQ(count("cases"), cases);
    EXPECT_EQ(count("case_reports"), reports);
    EXPECT_EQ(count("case_events"), events);
}

TEST_F(LedgerTest, ANearbyReportOfTheSameCategoryJoinsTheCase) {
    const auto r = import_rows({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", ""},
                                {"B", "2026-09-04 10:00", 500270, 3730500, "C24", "巡查", ""},   // 20 m: joins A
                                {"C", "2026-09-04 11:00", 500250, 3730530, "暴露垃圾", "巡查", ""},  // 30 m, by name: joins A
                                {"D", "2026-09-04 12:00", 500250, 3730560, "W4", "巡查", ""},    // another category
                                {"E", "2026-09-04 13:00", 500330, 3730500, "C24", "巡查", ""}}); // 80 m away
    EXPECT_EQ(r.opened, 3u);
    EXPECT_EQ(r.merged, 2u);
    const auto a = case_of("A");
    EXPECT_EQ(case_of("B").number, a.number);
    EXPECT_EQ(case_of("C").number, a.number);
    EXPECT_EQ(a.report_count, 3);
    EXPECT_NE(case_of("D").number, a.number);
    EXPECT_NE(case_of("E").number, a.number);
    // One owner and one deadline: the first report's.
    EXPECT_EQ(a.deadline->to_text(kZone), "2026-09-05T17:00:00+08:00");
    EXPECT_EQ(show_case(project_, {a.number, ""}).reports.size(), 3u);
    EXPECT_EQ(count("cases"), 3);
    EXPECT_EQ(count("case_reports"), 5);
}

TEST_F(LedgerTest, AReportJoinsACaseClosedLatelyButNotLongAgo) {
    import_rows({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", ""}});
    const auto a = case_of("A");
    for (auto [to, when] : {std::pair{CaseStatus::Fixed, "2026-09-05 09:00"}, {CaseStatus::Checked, "2026-09-05 10:00"},
                            {CaseStatus::Closed, "2026-09-05 11:00"}}) {
        change_status(project_, {{a.number, ""}, to, at(when), "tester", "", {}});
    }
    // Closed on the 5th; the default window is 7 days.
    import_rows({{"B", "2026-09-10 09:00", 500260, 3730500, "C24", "巡查", "2026-09-10 09:30"}}, "b.csv");
    EXPECT_EQ(case_of("B").number, a.number);
    import_rows({{"C", "2026-09-20 09:00", 500260, 3730500, "C24", "巡查", "2026-09-20 09:30"}}, "c.csv");
    EXPECT_NE(case_of("C").number, a.number);
}

TEST_F(LedgerTest, EveryMoveOfTheWorkflowIsAllowedOrRefusedWithTheAllowedOnesNamed) {
    import_rows({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", ""}});
    const std::string n = case_of("A").number;
    const auto events_before = count("case_events");
    // dispatched → closed skips the fix and the check: refused, the allowed moves named, nothing changed.
    try {
        change_status(project_, {{n, ""}, CaseStatus::Closed, at("2026-09-05 08:00"), "x", "", {}});
        FAIL() << "dispatched → closed was allowed";
    } catch (const LedgerRefusal& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("in_progress"), std::string::npos) << what;
        EXPECT_NE(what.find("fixed"), std::string::npos) << what;
        EXPECT_NE(what.find("rejected"), std::string::npos) << what;
    }
    EXPECT_EQ(case_of("A").status, CaseStatus::Dispatched);
    EXPECT_EQ(count("case_events"), events_before);

    // The whole road: 整改中, 已整改, a failed check, 已整改 again, 已核查, 已销号, 回头看, 重新派遣.
    const std::vector<std::pair<CaseStatus, const char*>> road{
        {CaseStatus::InProgress, "2026-09-04 18:00"}, {CaseStatus::Fixed, "2026-09-05 08:00"},
        {CaseStatus::InProgress, "2026-09-05 10:00"}, {CaseStatus::Fixed, "2026-09-05 15:00"},
        {CaseStatus::Checked, "2026-09-06 09:00"},    {CaseStatus::Closed, "2026-09-06 10:00"},
        {CaseStatus::Reopened, "2026-09-10 09:00"},   {CaseStatus::Dispatched, "2026-09-10 09:30"}};
    for (const auto& [to, when] : road) {
        const auto c = change_status(project_, {{n, ""}, to, at(when), "tester", "note", {"after.jpg"}});
        EXPECT_EQ(c.status, to);
    }
    const auto c = case_of("A");
    // Dispatched again after 回头看: a new deadline from the new dispatch, the old fix undone.
    EXPECT_EQ(c.deadline->to_text(kZone), "2026-09-11T09:30:00+08:00");
    EXPECT_FALSE(c.fixed_at.has_value());
    EXPECT_FALSE(c.closed_at.has_value());
    EXPECT_EQ(count("case_events"), events_before + static_cast<long long>(road.size()));

    // A time before the last change is refused: the timeline stays in order.
    EXPECT_THROW(change_status(project_, {{n, ""}, CaseStatus::InProgress, at("2026-09-09 09:00"), "x", "", {}}),
                 LedgerRefusal);
    // Rejected is final.
    import_rows({{"B", "2026-09-04 09:00", 500750, 3730500, "C24", "巡查", ""}}, "b.csv");
    const std::string b = case_of("B").number;
    change_status(project_, {{b, ""}, CaseStatus::Rejected, at("2026-09-04 18:00"), "x", "not a problem", {}});
    for (CaseStatus to : grids::kCaseStatuses) {
        EXPECT_THROW(change_status(project_, {{b, ""}, to, at("2026-09-05 18:00"), "x", "", {}}), LedgerRefusal);
    }
    EXPECT_THROW(change_status(project_, {{"HY-20990101-0001", ""}, CaseStatus::Fixed, std::nullopt, "x", "", {}}),
                 LedgerRefusal);
}

TEST_F(LedgerTest, ABulkUpdateAppliesTheGoodRowsAndRejectsTheOthersWithReasons) {
    import_rows({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", ""}, {"B", "2026-09-04 09:00", 500750, 3730500, "C24", "巡查", ""}});
    const std::string file = dir_.file("updates.csv");
    test::write_text(file,
                     "report,status,at,by,note,photos\n"
                     "A,整改中,2026-09-04 18:00,网格员乙,已签收,\n"
                     "A,fixed,2026-09-05 08:00,网格员乙,已清理,after1.jpg；after2.jpg\n"
                     "B,closed,2026-09-05 08:00,x,,\n"       // dispatched → closed: refused
                     "C,fixed,2026-09-05 08:00,x,,\n"        // no such report
                     "A,完成,2026-09-05 09:00,x,,\n");       // not a status
    BulkUpdateOptions o{project_, file, ""};
    const auto r = update_ledger(o, rejects_);
    EXPECT_EQ(r.applied, 2u);
    EXPECT_EQ(r.rejected, 3u);
    ASSERT_EQ(rejects_.all.size(), 3u);
    EXPECT_EQ(rejects_.all[0].where.record, 4);
    EXPECT_NE(rejects_.all[0].reason.find("not allowed"), std::string::npos);
    EXPECT_NE(rejects_.all[1].reason.find("not on the ledger"), std::string::npos);
    EXPECT_NE(rejects_.all[2].reason.find("not a ledger status"), std::string::npos);
    const auto a = case_of("A");
    EXPECT_EQ(a.status, CaseStatus::Fixed);
    EXPECT_EQ(a.fixed_at->to_text(kZone), "2026-09-05T08:00:00+08:00");
    int after = 0;
    for (const auto& p : a.photos) after += p.stage == grids::PhotoStage::After ? 1 : 0;
    EXPECT_EQ(after, 2);
    EXPECT_EQ(case_of("B").status, CaseStatus::Dispatched);
}

TEST_F(LedgerTest, AnOverdueCaseGoesUpTheChainOneRolePerStep) {
    import_rows({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", "2026-09-04 09:00"}});
    // Due 2026-09-05 09:00; the step is 24 h. The chain: 乙 (grid worker), 东村, 城关镇, 王县长.
    auto none = escalate_ledger(project_, at("2026-09-06 09:00"));  // overdue by exactly one step: not more
    EXPECT_EQ(none.overdue, 1u);
    EXPECT_EQ(none.escalated, 0u);
    auto one = escalate_ledger(project_, at("2026-09-06 09:00:01"));
    EXPECT_EQ(one.escalated, 1u);
    EXPECT_EQ(case_of("A").escalated_to, grids::CaseOwnerRole::Village);
    EXPECT_EQ(case_of("A").escalation_level, 1);
    // Run again at the same time: nothing new.
    EXPECT_EQ(escalate_ledger(project_, at("2026-09-06 09:00:01")).escalated, 0u);
    auto two = escalate_ledger(project_, at("2026-09-07 10:00"));
    EXPECT_EQ(two.escalated, 1u);
    EXPECT_EQ(case_of("A").escalated_to, grids::CaseOwnerRole::Township);
    const auto events = show_case(project_, {"", "A"}).events;
    int escalations = 0;
    for (const auto& e : events) escalations += e.kind == grids::CaseEventKind::Escalated ? 1 : 0;
    EXPECT_EQ(escalations, 2);
    // A fixed case is no longer overdue: nothing to escalate.
    change_status(project_, {{"", "A"}, CaseStatus::Fixed, at("2026-09-08 09:00"), "x", "", {}});
    EXPECT_EQ(escalate_ledger(project_, at("2026-09-20 09:00")).overdue, 0u);
}

TEST_F(LedgerTest, AnInspectorLinksAndUnlinksReportsByHand) {
    import_rows({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", ""}, {"B", "2026-09-04 09:30", 500750, 3730500, "C24", "巡查", ""}});
    const std::string a = case_of("A").number, b = case_of("B").number;
    const auto joined = link_report(project_, "B", {a, ""}, "督查员");
    EXPECT_EQ(joined.number, a);
    EXPECT_EQ(joined.report_count, 2);
    EXPECT_EQ(case_of("B").number, a);
    // B's own case had no other report: it is no case of its own any more.
    EXPECT_EQ(show_case(project_, {b, ""}).case_.status, CaseStatus::Rejected);
    const auto fresh = unlink_report(project_, "B", "督查员", "不是同一问题");
    EXPECT_NE(fresh.number, a);
    EXPECT_EQ(fresh.status, CaseStatus::Dispatched);
    EXPECT_EQ(case_of("B").number, fresh.number);
    EXPECT_EQ(case_of("A").report_count, 1);
    EXPECT_THROW(unlink_report(project_, "A", "x"), LedgerRefusal);  // its only report
}

TEST_F(LedgerTest, RowsThatCannotBeCasesAreRejectedWithTheirLineAndReason) {
    const auto r = import_rows({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", ""},
                                {"B", "2026-09-31 09:00", 500250, 3730500, "C24", "巡查", ""},
                                {"C", "2026-09-04 09:00", 500250, 3730500, "C24", "传真", ""},
                                {"D", "2026-09-04 09:00", 503000, 3730500, "C24", "巡查", ""},  // 2 km east of the county
                                {"E", "2026-09-05 09:00", 500250, 3730500, "C24", "巡查", "2026-09-04 09:00"}});
    EXPECT_EQ(r.opened, 1u);
    ASSERT_EQ(rejects_.all.size(), 4u);
    EXPECT_EQ(rejects_.all[0].where.record, 3);
    EXPECT_EQ(rejects_.all[0].where.field, "reported_at");
    EXPECT_EQ(rejects_.all[1].where.field, "source");
    EXPECT_NE(rejects_.all[2].reason.find("in no grid"), std::string::npos) << rejects_.all[2].reason;
    EXPECT_NE(rejects_.all[3].reason.find("before it was reported"), std::string::npos);
    EXPECT_EQ(count("cases"), 1);
}

TEST_F(LedgerTest, AListingFiltersByStatusOverdueUnitAndCategory) {
    import_rows({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", ""},
                 {"B", "2026-09-04 09:00", 500750, 3730500, "W4", "巡查", ""},
                 {"C", "2026-09-04 09:00", 500750, 3730900, "SD", "巡查", ""}});
    change_status(project_, {{"", "A"}, CaseStatus::Fixed, at("2026-09-04 20:00"), "x", "", {}});
    CaseFilter overdue;
    overdue.overdue_only = true;
    overdue.at = at("2026-09-07 12:30");  // B was due 11:30, C at noon; A is fixed
    EXPECT_EQ(list_cases(project_, overdue).cases.size(), 2u);
    overdue.at = at("2026-09-07 11:45");
    EXPECT_EQ(list_cases(project_, overdue).cases.size(), 1u);
    CaseFilter by_category;
    by_category.category = "占道经营";
    EXPECT_EQ(list_cases(project_, by_category).cases.size(), 1u);
    CaseFilter by_owner;
    by_owner.owner = "D1";
    EXPECT_EQ(list_cases(project_, by_owner).cases.size(), 2u);
    CaseFilter fixed;
    fixed.statuses = {CaseStatus::Fixed};
    fixed.township = "城关镇";
    EXPECT_EQ(list_cases(project_, fixed).cases.size(), 1u);
}

TEST_F(LedgerTest, AReportTakenInAloneFollowsTheRulesOfAFilesRow) {
    ReportIntake in;
    in.project = project_;
    in.channel = "open311";
    in.id = "WX-1";
    in.source = "群众上报";
    in.reported_at = "2026-09-04 16:00";
    in.x = 500250;
    in.y = 3730500;
    in.crs = geo::Crs::from_epsg(4547);
    in.category = "占道经营";
    in.description = "水果摊占道";
    in.dispatch_at = at("2026-09-04 17:00");
    const auto first = intake_report(in);
    ASSERT_FALSE(first.rejected.has_value()) << first.rejected->reason;
    EXPECT_EQ(first.receipt.outcome, ReceiptOutcome::Opened);
    ASSERT_TRUE(first.case_.has_value());
    EXPECT_EQ(first.case_->responsible_id, "D1");
    EXPECT_EQ(first.case_->deadline->to_text(kZone), "2026-09-07T11:30:00+08:00");  // 4 working hours, as a file's row
    // The same report again changes nothing; another one 30 m away joins the case (并案).
    EXPECT_EQ(intake_report(in).receipt.outcome, ReceiptOutcome::AlreadyOnLedger);
    in.id = "WX-2";
    in.x += 30;
    const auto second = intake_report(in);
    EXPECT_EQ(second.receipt.outcome, ReceiptOutcome::Merged);
    EXPECT_EQ(second.case_->number, first.case_->number);
    EXPECT_EQ(second.case_->report_count, 2);
    // A point far from the county is refused as a file's row is, and nothing is stored.
    in.id = "WX-3";
    in.x = 600000;
    const auto far = intake_report(in);
    ASSERT_TRUE(far.rejected.has_value());
    EXPECT_EQ(count("case_reports"), 2);
}

TEST_F(LedgerTest, MoreCasesInADayThanANumberCanCountStoreNothing) {
    // HY-20260904-9999 is the last number of a day: the 10,000th case of one day has none, and the
    // batch stores nothing rather than a part of the day. Each report has its own category text, so
    // none merges with another.
    std::vector<ReportRow> rows;
    for (int i = 0; i < 10000; ++i) {
        rows.push_back({"N" + std::to_string(i), "2026-09-04 09:00", 500005.0 + 9.9 * (i % 100), 3730005.0 + 9.9 * (i / 100),
                        "N" + std::to_string(i), "巡查", ""});
    }
    EXPECT_THROW(import_rows(rows), grids::LedgerError);
    EXPECT_EQ(count("cases"), 0);
    rows.pop_back();
    EXPECT_EQ(import_rows(rows, "9999.csv").opened, 9999u);
}

TEST_F(LedgerTest, AnImportKilledHalfwayLeavesTheStoreAsBeforeAndARerunCompletesIt) {
    // 3000 reports, each with its own category text (none in the catalogue: the territory answers),
    // so none merges with another.
    std::vector<ReportRow> rows;
    for (int i = 0; i < 3000; ++i) {
        rows.push_back({"K" + std::to_string(i), "2026-09-04 09:00", 500005.0 + 19.0 * (i % 50), 3730005.0 + 16.0 * (i / 50),
                        "K" + std::to_string(i), "巡查", ""});
    }
    const std::string file = dir_.file("big.csv");
    test::write_text(file, test::ledger_csv(rows));
    LedgerImportOptions o;
    o.project = project_;
    o.input = file;
    o.at = at("2026-09-04 17:00");

    const pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        // Killed halfway through storing: no destructor, no rollback, no exit handler runs.
        MemoryRejects none;
        import_ledger(o, none, [](double fraction, std::string_view message) {
            if (message == "storing" && fraction > 0.75) raise(SIGKILL);
            return true;
        });
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the import was not killed";
    {
        auto p = store::Project::open(project_);
        EXPECT_EQ(p.connection().query_text("PRAGMA integrity_check"), "ok");
        EXPECT_EQ(p.connection().query_integer("SELECT count(*) FROM cases"), 0);
        EXPECT_EQ(p.connection().query_integer("SELECT count(*) FROM case_reports"), 0);
    }
    MemoryRejects rejects;
    const auto r = import_ledger(o, rejects);
    EXPECT_EQ(r.opened, 3000u);
    EXPECT_EQ(count("cases"), 3000);
    const auto again = import_ledger(o, rejects);
    EXPECT_EQ(again.already, 3000u);
    EXPECT_EQ(count("case_reports"), 3000);
}

}  // namespace
}  // namespace respgrid::ops

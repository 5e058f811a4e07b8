// The ledger's rules: status names, every allowed move and every refused one, ledger numbers in
// the project's zone, and escalation up the owner chain at its exact boundaries.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <utility>

#include "respgrid/grids/ledger.hpp"

namespace respgrid::grids {
namespace {

using namespace std::chrono_literals;

Instant plus(Instant t, std::chrono::seconds s) { return Instant::from_unix_seconds(t.unix_seconds() + s.count()); }

// The workflow of DOMAIN.md §4.2 written out here, not read from the code under test: a move
// added to or dropped from ledger.cpp's table fails this test.
bool allowed_by_table(CaseStatus from, CaseStatus to) {
    using S = CaseStatus;
    static const std::set<std::pair<S, S>> expected{
        {S::Logged, S::Dispatched},    {S::Logged, S::Rejected},     {S::Dispatched, S::InProgress},
        {S::Dispatched, S::Fixed},     {S::Dispatched, S::Rejected}, {S::InProgress, S::Fixed},
        {S::Fixed, S::Checked},        {S::Fixed, S::InProgress},    {S::Checked, S::Closed},
        {S::Closed, S::Reopened},      {S::Reopened, S::Dispatched}};
    return expected.count({from, to}) > 0;
}

TEST(Ledger, StatusNamesRoundTripAndHaveChineseLabels) {
    for (CaseStatus s : kCaseStatuses) {
        EXPECT_EQ(parse_case_status(to_string(s)), s) << to_string(s);
        EXPECT_NE(label_zh(s), "?");
    }
    EXPECT_EQ(to_string(CaseStatus::InProgress), "in_progress");
    EXPECT_EQ(label_zh(CaseStatus::Closed), "已销号");
    EXPECT_EQ(label_zh(CaseStatus::Fixed), "已整改");
    EXPECT_FALSE(parse_case_status("已销号"));
    EXPECT_FALSE(parse_case_status("Closed"));
}

TEST(Ledger, EveryMoveInTheTableIsAllowedAndEveryOtherRefused) {
    int allowed = 0;
    for (CaseStatus from : kCaseStatuses) {
        for (CaseStatus to : kCaseStatuses) {
            const auto refusal = check_transition(from, to);
            if (allowed_by_table(from, to)) {
                EXPECT_FALSE(refusal) << to_string(from) << " → " << to_string(to) << ": " << refusal->message;
                ++allowed;
            } else {
                ASSERT_TRUE(refusal) << to_string(from) << " → " << to_string(to) << " was allowed";
                EXPECT_EQ(refusal->from, from);
                EXPECT_EQ(refusal->to, to);
                // The message names every allowed target in both names.
                for (CaseStatus target : allowed_targets(from)) {
                    EXPECT_NE(refusal->message.find(std::string(to_string(target)) + " (" +
                                                    std::string(label_zh(target)) + ")"),
                              std::string::npos)
                        << refusal->message;
                }
            }
        }
    }
    EXPECT_EQ(allowed, static_cast<int>(case_transitions().size()));
    // No status may stay where it is through a transition.
    for (CaseStatus s : kCaseStatuses) EXPECT_TRUE(check_transition(s, s));
}

TEST(Ledger, TheLifecycleAndItsDetours) {
    using S = CaseStatus;
    const std::pair<S, S> lifecycle[] = {{S::Logged, S::Dispatched}, {S::Dispatched, S::InProgress},
                                         {S::InProgress, S::Fixed},  {S::Fixed, S::Checked},
                                         {S::Checked, S::Closed},    {S::Closed, S::Reopened},
                                         {S::Reopened, S::Dispatched}, {S::Fixed, S::InProgress},
                                         {S::Logged, S::Rejected}};
    for (auto [from, to] : lifecycle) EXPECT_FALSE(check_transition(from, to)) << to_string(from) << to_string(to);
    EXPECT_TRUE(check_transition(S::Logged, S::Closed));
    EXPECT_TRUE(check_transition(S::Checked, S::Reopened));  // only a closed case is re-checked
}

TEST(Ledger, RefusalMessages) {
    EXPECT_EQ(check_transition(CaseStatus::Fixed, CaseStatus::Closed)->message,
              "fixed → closed is not allowed; from fixed: checked (已核查), in_progress (整改中)");
    EXPECT_EQ(check_transition(CaseStatus::Rejected, CaseStatus::Logged)->message,
              "rejected → logged is not allowed; from rejected: none (final)");
}

TEST(Ledger, NumbersUseTheDayInTheProjectZone) {
    // 2026-08-31T16:00:00Z is 2026-09-01 00:00 in Beijing; one second earlier is still August 31.
    const Instant beijing_midnight = Instant::from_unix_seconds(1788192000);
    ASSERT_EQ(beijing_midnight.to_utc_text(), "2026-08-31T16:00:00");
    EXPECT_EQ(format_ledger_number(ledger_number("HY", beijing_midnight, kChinaTime, 1)), "HY-20260901-0001");
    EXPECT_EQ(format_ledger_number(ledger_number("HY", plus(beijing_midnight, -1s), kChinaTime, 42)),
              "HY-20260831-0042");
    // The same instant in UTC is still August 31.
    EXPECT_EQ(format_ledger_number(ledger_number("HY", beijing_midnight, kUtc, 1)), "HY-20260831-0001");
}

TEST(Ledger, NumbersRoundTrip) {
    for (const char* text : {"HY-20260901-0001", "HY-20261231-9999", "X1-20000229-0100", "HY3205-20260101-0007"}) {
        const auto parsed = parse_ledger_number(text);
        ASSERT_TRUE(parsed.value) << text << ": " << parsed.error;
        EXPECT_EQ(format_ledger_number(*parsed.value), text);
    }
    const auto parsed = parse_ledger_number("HY-20260901-0012");
    ASSERT_TRUE(parsed.value);
    EXPECT_EQ(parsed.value->prefix, "HY");
    EXPECT_EQ(parsed.value->day, *Date::from_ymd(2026, 9, 1));
    EXPECT_EQ(parsed.value->sequence, 12);
}

TEST(Ledger, MalformedNumbersAreRefused) {
    for (const char* text :
         {"", "HY", "HY-20260901", "HY20260901-0001", "hy-20260901-0001", "-20260901-0001", "HY-20260230-0001",
          "HY-20261301-0001", "HY-2026091-0001", "HY-202609011-0001", "HY-20260901-001", "HY-20260901-00001",
          "HY-20260901-0000", "HY-20260901-000a", " HY-20260901-0001", "HY-20260901-0001 ", "HY-X-20260901-0001",
          "HY-2026-09-01-0001", "ABCDEFGHIJK-20260901-0001", "HY-20260901--001"}) {
        const auto parsed = parse_ledger_number(text);
        EXPECT_FALSE(parsed.value) << "'" << text << "' was accepted";
        EXPECT_FALSE(parsed.error.empty()) << text;
    }
}

TEST(Ledger, NumbersThatCannotBeWrittenThrow) {
    const Date d = *Date::from_ymd(2026, 9, 1);
    EXPECT_THROW(format_ledger_number({"HY", d, 0}), LedgerError);
    EXPECT_THROW(format_ledger_number({"HY", d, 10000}), LedgerError);
    EXPECT_THROW(format_ledger_number({"hy", d, 1}), LedgerError);
    EXPECT_THROW(format_ledger_number({"", d, 1}), LedgerError);
}

constexpr Role kFullChain[] = {Role::GridWorker, Role::Village, Role::Township, Role::Leader};
// Due by the end of 2026-09-01 in Beijing (15:59:59 UTC); late from the next second.
const Instant kDue = Instant::end_of_day(*Date::from_ymd(2026, 9, 1), kChinaTime);
const Instant kFirstLate = plus(kDue, 1s);

TEST(Ledger, EscalationClimbsOneRoleEveryStepAtExactBoundaries) {
    // On time at the deadline's own second; late, but by less than a step, still with the holder.
    EXPECT_FALSE(escalation(kFullChain, kDue, kDue, 24h));
    EXPECT_FALSE(escalation(kFullChain, kDue, kFirstLate, 24h));
    EXPECT_FALSE(escalation(kFullChain, kDue, plus(kFirstLate, 24h - 1s), 24h));
    struct Step {
        std::chrono::seconds after_first_late;  // now = kFirstLate + this
        Role to;
        std::chrono::seconds since;  // since = kFirstLate + this
        int levels;
    };
    const Step steps[] = {
        {24h, Role::Village, 24h, 1},  // late by more than one step: one role up
        {48h - 1s, Role::Village, 24h, 1},  // the last second of that
        {48h, Role::Township, 48h, 2},
        {72h, Role::Leader, 72h, 3},
        {1000h, Role::Leader, 72h, 3},  // it stops at the leader, who has had it since
    };
    for (const Step& step : steps) {
        const auto e = escalation(kFullChain, kDue, plus(kFirstLate, step.after_first_late), 24h);
        ASSERT_TRUE(e) << step.after_first_late.count();
        EXPECT_EQ(e->to, step.to) << step.after_first_late.count();
        EXPECT_EQ(e->since, plus(kFirstLate, step.since)) << step.after_first_late.count();
        EXPECT_EQ(e->levels, step.levels) << step.after_first_late.count();
    }
    // The step is configurable.
    EXPECT_EQ(escalation(kFullChain, kDue, plus(kFirstLate, 8h), 4h)->to, Role::Township);
}

TEST(Ledger, EscalationSkipsMissingRoles) {
    const Role no_village[] = {Role::GridWorker, Role::Township, Role::Leader};
    EXPECT_EQ(escalation(no_village, kDue, plus(kFirstLate, 24h), 24h)->to, Role::Township);
    EXPECT_EQ(escalation(no_village, kDue, plus(kFirstLate, 48h), 24h)->to, Role::Leader);
    // Without a grid worker the village holds the case; in any order, duplicates ignored.
    const Role scrambled[] = {Role::Leader, Role::Village, Role::Leader};
    auto e = escalation(scrambled, kDue, plus(kFirstLate, 24h), 24h);
    EXPECT_EQ(e->to, Role::Leader);
    EXPECT_EQ(e->levels, 1);
    // Without a leader it stops at the township.
    const Role no_leader[] = {Role::GridWorker, Role::Village, Role::Township};
    EXPECT_EQ(escalation(no_leader, kDue, plus(kDue, 1000h), 24h)->to, Role::Township);
    // Nobody above the holder, or nobody at all: nowhere to go.
    const Role alone[] = {Role::GridWorker};
    EXPECT_FALSE(escalation(alone, kDue, plus(kDue, 1000h), 24h));
    EXPECT_FALSE(escalation({}, kDue, plus(kDue, 1000h), 24h));
    EXPECT_THROW(escalation(kFullChain, kDue, kFirstLate, 0s), LedgerError);
}

}  // namespace
}  // namespace respgrid::grids

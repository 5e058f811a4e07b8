// When a case is due: calendar hours, working hours across nights, weekends, holidays and 调休
// Saturdays, and the 事不过夜 cut-off. Every instant is given and checked in UTC while the rules
// are in +08:00, so a rule that mixes the two is 8 hours off and fails.
#include <gtest/gtest.h>

#include "respgrid/grids/deadlines.hpp"

namespace respgrid::grids {
namespace {

using namespace std::chrono_literals;

// "2026-09-01T08:00:00Z" as an Instant.
Instant utc(std::string_view text) {
    auto t = parse_time(text);
    EXPECT_TRUE(t.value) << text << ": " << t.error;
    return t.value ? t.value->instant(kUtc) : Instant{};
}

Date day(std::string_view iso) { return *Date::from_iso(iso); }

// Tue 2026-09-01 ... Fri 09-04, Sat 09-05; Wed 09-30, Thu 10-01; Sat 10-10.
std::string working(std::string_view dispatched_utc, std::chrono::seconds duration, const WorkingTime& work = {}) {
    return working_deadline(utc(dispatched_utc), duration, work).to_utc_text();
}

TEST(Deadlines, CalendarHoursNeverStop) {
    // Sat 20:00 local + 6 h = Sun 02:00 local.
    EXPECT_EQ(calendar_deadline(utc("2026-09-05T12:00:00Z"), 6h).to_utc_text(), "2026-09-05T18:00:00");
}

TEST(Deadlines, WorkingHoursCarryOverTheNight) {
    // Tue 16:00 local: 2 h that day (to 18:00), 2 h from Wed 08:30: Wed 10:30 local = 02:30Z.
    EXPECT_EQ(working("2026-09-01T08:00:00Z", 4h), "2026-09-02T02:30:00");
    // Lunch is not working time: Tue 11:00 local + 2 h = 1 h to 12:00, 1 h from 14:30 = 15:30 local.
    EXPECT_EQ(working("2026-09-01T03:00:00Z", 2h), "2026-09-01T07:30:00");
}

TEST(Deadlines, WorkingHoursStartAtTheNextPeriod) {
    // Mon 23:00 UTC is Tue 07:00 local: the clock starts at 08:30 local, so 1 h = 09:30 local.
    EXPECT_EQ(working("2026-08-31T23:00:00Z", 1h), "2026-09-01T01:30:00");
    // Tue 19:00 local: after hours, so from Wed 08:30 local.
    EXPECT_EQ(working("2026-09-01T11:00:00Z", 1h), "2026-09-02T01:30:00");
}

TEST(Deadlines, WorkingHoursEndingOnAPeriodsEndStayThere) {
    // Tue 08:30 local + 3.5 h = 12:00 local exactly, not 14:30.
    EXPECT_EQ(working("2026-09-01T00:30:00Z", 3h + 30min), "2026-09-01T04:00:00");
    // One second more falls into the afternoon period.
    EXPECT_EQ(working("2026-09-01T00:30:00Z", 3h + 30min + 1s), "2026-09-01T06:30:01");
    // Zero time: due when dispatched.
    EXPECT_EQ(working("2026-09-01T11:00:00Z", 0s), "2026-09-01T11:00:00");
}

TEST(Deadlines, WorkingHoursSkipTheWeekend) {
    // Fri 17:00 local: 1 h on Friday, 1 h from Mon 08:30: Mon 09:30 local = 01:30Z.
    EXPECT_EQ(working("2026-09-04T09:00:00Z", 2h), "2026-09-07T01:30:00");
}

TEST(Deadlines, WorkingHoursSkipHolidaysAndCountTiaoxiuSaturdays) {
    WorkingTime work;
    work.holidays = {day("2026-10-01")};
    EXPECT_FALSE(work.is_working_day(day("2026-10-01")));
    // Wed 09-30 17:00 local: 1 h, Thu is a holiday, 1 h from Fri 08:30: Fri 09:30 local.
    EXPECT_EQ(working("2026-09-30T09:00:00Z", 2h, work), "2026-10-02T01:30:00");

    // National Day week off through Fri 10-09, Saturday 10-10 worked instead (调休).
    for (int d = 1; d <= 9; ++d) work.holidays.push_back(*Date::from_ymd(2026, 10, d));
    work.extra_working_days = {day("2026-10-10")};
    EXPECT_TRUE(work.is_working_day(day("2026-10-10")));
    EXPECT_FALSE(work.is_working_day(day("2026-10-05")));
    EXPECT_EQ(working("2026-09-30T09:00:00Z", 2h, work), "2026-10-10T01:30:00");
    EXPECT_EQ(work.next_working_day(day("2026-09-30")), day("2026-10-10"));
}

TEST(Deadlines, ExtraWorkingDayWinsOverAHolidayOfTheSameDay) {
    WorkingTime work;
    work.holidays = {day("2026-10-10")};
    work.extra_working_days = {day("2026-10-10")};
    EXPECT_TRUE(work.is_working_day(day("2026-10-10")));
}

TEST(Deadlines, SameDayCutoffJustBeforeAndJustAfter) {
    const WorkingTime work;
    const SameDayCutoff rule;  // 17:00 local, else by 12:00 the next working day
    // Tue 16:59:59 local: by the end of Tuesday local (23:59:59 local = 15:59:59Z).
    EXPECT_EQ(same_day_deadline(utc("2026-09-01T08:59:59Z"), rule, work).to_utc_text(), "2026-09-01T15:59:59");
    // Tue 17:00:00 local: by Wed 12:00 local = 04:00Z.
    EXPECT_EQ(same_day_deadline(utc("2026-09-01T09:00:00Z"), rule, work).to_utc_text(), "2026-09-02T04:00:00");
    // Tue 00:30 local is still Monday in UTC: due by the end of Tuesday local all the same.
    EXPECT_EQ(same_day_deadline(utc("2026-08-31T16:30:00Z"), rule, work).to_utc_text(), "2026-09-01T15:59:59");
    // Fri 17:30 local: the next working day is Monday.
    EXPECT_EQ(same_day_deadline(utc("2026-09-04T09:30:00Z"), rule, work).to_utc_text(), "2026-09-07T04:00:00");
    // A custom rule: cut-off 18:00, due 10:00 the next morning.
    const SameDayCutoff late{time_of_day(18, 0), time_of_day(10, 0)};
    EXPECT_EQ(same_day_deadline(utc("2026-09-01T09:30:00Z"), late, work).to_utc_text(), "2026-09-01T15:59:59");
    EXPECT_EQ(same_day_deadline(utc("2026-09-01T10:00:00Z"), late, work).to_utc_text(), "2026-09-02T02:00:00");
}

TEST(Deadlines, TheRuleChoosesTheFunction) {
    const WorkingTime work;
    const Instant t = utc("2026-09-01T08:00:00Z");  // Tue 16:00 local
    EXPECT_EQ(deadline(t, CalendarHours{4h}, work).to_utc_text(), "2026-09-01T12:00:00");
    EXPECT_EQ(deadline(t, WorkingHours{4h}, work).to_utc_text(), "2026-09-02T02:30:00");
    EXPECT_EQ(deadline(t, SameDayCutoff{}, work).to_utc_text(), "2026-09-01T15:59:59");
}

TEST(Deadlines, OverdueOnlyAfterTheDeadlinesSecond) {
    const Instant due = utc("2026-09-01T15:59:59Z");
    EXPECT_FALSE(is_overdue(due, due));
    EXPECT_FALSE(is_overdue(due, utc("2026-09-01T15:59:58Z")));
    EXPECT_TRUE(is_overdue(due, utc("2026-09-01T16:00:00Z")));
}

TEST(Deadlines, BrokenWorkingTimeIsRefused) {
    WorkingTime none;
    none.periods.clear();
    EXPECT_THROW(working_deadline(Instant{}, 1h, none), DeadlineError);
    WorkingTime overlapping;
    overlapping.periods = {{time_of_day(8, 0), time_of_day(12, 0)}, {time_of_day(11, 0), time_of_day(13, 0)}};
    EXPECT_THROW(working_deadline(Instant{}, 1h, overlapping), DeadlineError);
    WorkingTime never;
    never.working_weekdays.fill(false);
    EXPECT_THROW(working_deadline(utc("2026-09-01T00:00:00Z"), 1h, never), DeadlineError);
    EXPECT_THROW((void)never.next_working_day(day("2026-09-01")), DeadlineError);
    EXPECT_THROW(same_day_deadline(Instant{}, SameDayCutoff{time_of_day(25, 0), 0}, WorkingTime{}), DeadlineError);
    EXPECT_THROW(same_day_deadline(Instant{}, SameDayCutoff{0, time_of_day(24, 0)}, WorkingTime{}), DeadlineError);
}

}  // namespace
}  // namespace respgrid::grids

namespace respgrid::grids {
namespace {

TEST(ClockText, ReadsAndWritesTimesOfDay) {
    EXPECT_EQ(parse_clock("17:00"), time_of_day(17, 0));
    EXPECT_EQ(parse_clock("8:30"), time_of_day(8, 30));
    EXPECT_EQ(parse_clock("24:00"), time_of_day(24, 0));
    for (const char* bad : {"", ":30", "17", "17:0", "24:01", "25:00", "17:60", "1a:00", "017:00", " 8:30"}) {
        EXPECT_FALSE(parse_clock(bad).has_value()) << bad;
    }
    EXPECT_EQ(clock_text(time_of_day(8, 30)), "08:30");
    EXPECT_EQ(clock_text(time_of_day(24, 0)), "24:00");
}

}  // namespace
}  // namespace respgrid::grids

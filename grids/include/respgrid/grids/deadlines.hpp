#pragma once
// When a dispatched case is due (整改时限): from its dispatch time and its category's rule.
//
// Three kinds of rule, as county categories state them:
//   calendar hours   "24 小时内": the clock never stops;
//   working hours    "4 个工作小时": the clock runs only in working hours of working days, in the
//                    project's zone (WorkingTime: Mon-Fri, 08:30-12:00 and 14:30-18:00 by
//                    default, plus the year's holidays and 调休 working days as dates);
//   same day         事不过夜: dispatched before the cut-off (e.g. 17:00 local): due by the end of
//                    that day; at or after it: by a given time of the next working day.
//
// A deadline is inclusive: a case is on time when fixed at or before it, late after it
// (is_overdue, the one place that says so). Every time of day is local to WorkingTime::zone; instants are UTC.

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::grids {

// A rule that cannot give a deadline: no working period, overlapping or unsorted periods, no
// working day within ten years, a same-day cut-off or due time outside the day.
class DeadlineError : public Error {
public:
    using Error::Error;
};

// Seconds since local midnight, [0, 86400].
constexpr int time_of_day(int hour, int minute, int second = 0) { return hour * 3600 + minute * 60 + second; }

// "HH:MM" of seconds since local midnight ("17:00", "24:00"); the minutes of a time of day.
std::string clock_text(int seconds_of_day);
// "H:MM" or "HH:MM" (00:00-24:00) as seconds since local midnight; nullopt for anything else.
std::optional<int> parse_clock(std::string_view text);

// One working period of a day, [start, end) in seconds since local midnight.
struct WorkPeriod {
    int start = 0;
    int end = 0;
};

struct WorkingTime {
    UtcOffset zone = kChinaTime;
    // Which weekdays work, Monday first.
    std::array<bool, 7> working_weekdays{true, true, true, true, true, false, false};
    std::vector<Date> holidays;            // days off that would otherwise work (国庆, 春节...)
    std::vector<Date> extra_working_days;  // days that work though their weekday does not (调休)
    // In time order, not overlapping.
    std::vector<WorkPeriod> periods{{time_of_day(8, 30), time_of_day(12, 0)},
                                    {time_of_day(14, 30), time_of_day(18, 0)}};

    // An extra working day wins over a holiday listed for the same day (the later notice of a
    // 调休 schedule names the day a working day).
    [[nodiscard]] bool is_working_day(Date day) const;
    // The first working day after `day`; throws DeadlineError when none comes within ten years.
    [[nodiscard]] Date next_working_day(Date day) const;
};

struct CalendarHours {
    std::chrono::seconds duration{};
};
struct WorkingHours {
    std::chrono::seconds duration{};
};
struct SameDayCutoff {
    int cutoff = time_of_day(17, 0);        // dispatched at or after it: due the next working day
    int next_day_due = time_of_day(12, 0);  // by this time of that day
};
using DeadlineRule = std::variant<CalendarHours, WorkingHours, SameDayCutoff>;

// How a category states its time limit (the catalogue's deadline_rule column).
enum class DeadlineKind { CalendarHours, WorkingHours, SameDay };
// "calendar", "working", "same_day"
std::string_view to_string(DeadlineKind kind);
// The ASCII name or what catalogues write: 自然小时/小时, 工作小时/工作时, 事不过夜/当日/当天; nullopt else.
std::optional<DeadlineKind> parse_deadline_kind(std::string_view text);

// The seconds since local midnight of `t` in `zone`.
int local_time_of_day(Instant t, UtcOffset zone);

Instant calendar_deadline(Instant dispatched, std::chrono::seconds duration);
// The instant `duration` of working time after `dispatched` (throws DeadlineError for a rule
// without working periods). Dispatched outside working time, the clock starts at the next working
// period; a deadline that falls on the end of a period is that end, not the next morning.
Instant working_deadline(Instant dispatched, std::chrono::seconds duration, const WorkingTime& work);
// 事不过夜 (see top). The end of the day is its last second (Instant::end_of_day). Throws
// DeadlineError for a cut-off outside [0, 24:00] or a due time outside [0, 24:00).
Instant same_day_deadline(Instant dispatched, const SameDayCutoff& rule, const WorkingTime& work);

Instant deadline(Instant dispatched, const DeadlineRule& rule, const WorkingTime& work);

// Late: `now` is after the deadline (at the deadline's own second a case is still on time).
constexpr bool is_overdue(Instant deadline, Instant now) { return now > deadline; }

}  // namespace respgrid::grids

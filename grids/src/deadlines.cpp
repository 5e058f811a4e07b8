#include "respgrid/grids/deadlines.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "respgrid/geo/enum_names.hpp"
#include "respgrid/grids/categories.hpp"

namespace respgrid::grids {

namespace {

constexpr int kSecondsPerDay = 86400;
// How far ahead a working day is looked for before the rule is called broken: a year of
// holidays cannot be meant, ten years is a rule without working days.
constexpr int kMaxDaysWithoutWork = 3660;

Date next_day(Date day) { return Date::from_days(day.days_since_1970() + 1); }

// Monday = 0 ... Sunday = 6; 1970-01-01 was a Thursday.
int weekday_index(Date day) {
    const int d = (day.days_since_1970() + 3) % 7;
    return d < 0 ? d + 7 : d;
}

bool contains(const std::vector<Date>& days, Date day) {
    return std::find(days.begin(), days.end(), day) != days.end();
}

void require_valid(const WorkingTime& work) {
    if (work.periods.empty()) throw DeadlineError("grids: working time has no working period");
    int previous_end = 0;
    for (const WorkPeriod& p : work.periods) {
        if (p.start < previous_end || p.end <= p.start || p.end > kSecondsPerDay) {
            throw DeadlineError("grids: working periods must be in time order within a day and not overlap (start=" +
                                std::to_string(p.start) + ", end=" + std::to_string(p.end) + ")");
        }
        previous_end = p.end;
    }
}

}  // namespace

bool WorkingTime::is_working_day(Date day) const {
    if (contains(extra_working_days, day)) return true;
    if (contains(holidays, day)) return false;
    return working_weekdays[static_cast<std::size_t>(weekday_index(day))];
}

Date WorkingTime::next_working_day(Date day) const {
    for (int i = 0; i < kMaxDaysWithoutWork; ++i) {
        day = next_day(day);
        if (is_working_day(day)) return day;
    }
    throw DeadlineError("grids: no working day within ten years (after=" + day.to_string() + ")");
}

int local_time_of_day(Instant t, UtcOffset zone) {
    return static_cast<int>(t.unix_seconds() - Instant::start_of_day(t.date_in(zone), zone).unix_seconds());
}

Instant calendar_deadline(Instant dispatched, std::chrono::seconds duration) {
    return Instant::from_unix_seconds(dispatched.unix_seconds() + duration.count());
}

Instant working_deadline(Instant dispatched, std::chrono::seconds duration, const WorkingTime& work) {
    require_valid(work);
    std::int64_t remaining = duration.count();
    if (remaining <= 0) return dispatched;
    Date day = dispatched.date_in(work.zone);
    int days_without_work = 0;
    while (days_without_work < kMaxDaysWithoutWork) {
        if (!work.is_working_day(day)) {
            ++days_without_work;
            day = next_day(day);
            continue;
        }
        days_without_work = 0;
        const std::int64_t midnight = Instant::start_of_day(day, work.zone).unix_seconds();
        for (const WorkPeriod& p : work.periods) {
            const std::int64_t from = std::max(midnight + p.start, dispatched.unix_seconds());
            const std::int64_t to = midnight + p.end;
            if (from >= to) continue;
            // `<=`: a deadline that uses up a period exactly is that period's end.
            if (remaining <= to - from) return Instant::from_unix_seconds(from + remaining);
            remaining -= to - from;
        }
        day = next_day(day);
    }
    throw DeadlineError("grids: no working day within ten years (after=" + day.to_string() + ")");
}

Instant same_day_deadline(Instant dispatched, const SameDayCutoff& rule, const WorkingTime& work) {
    const bool cutoff_in_day = rule.cutoff >= 0 && rule.cutoff <= kSecondsPerDay;  // 24:00: always the same day
    const bool due_in_day = rule.next_day_due >= 0 && rule.next_day_due < kSecondsPerDay;
    if (!cutoff_in_day || !due_in_day) {
        throw DeadlineError("grids: a same-day cut-off and due time are times of day (cutoff=" +
                            std::to_string(rule.cutoff) + ", due=" + std::to_string(rule.next_day_due) + ")");
    }
    const Date day = dispatched.date_in(work.zone);
    // 事不过夜 is about the street, not the office: before the cut-off the day itself counts,
    // working day or not.
    if (local_time_of_day(dispatched, work.zone) < rule.cutoff) return Instant::end_of_day(day, work.zone);
    const Date next = work.next_working_day(day);
    return Instant::from_unix_seconds(Instant::start_of_day(next, work.zone).unix_seconds() + rule.next_day_due);
}

namespace {
constexpr geo::EnumNames<DeadlineKind, 3> kDeadlineKindNames{{{{DeadlineKind::CalendarHours, "calendar"},
                                                               {DeadlineKind::WorkingHours, "working"},
                                                               {DeadlineKind::SameDay, "same_day"}}}};
// What catalogues write in their 时限类型 column.
constexpr std::pair<std::string_view, DeadlineKind> kDeadlineKindWords[] = {
    {"自然小时", DeadlineKind::CalendarHours}, {"小时", DeadlineKind::CalendarHours},
    {"自然时", DeadlineKind::CalendarHours},   {"工作小时", DeadlineKind::WorkingHours},
    {"工作时", DeadlineKind::WorkingHours},    {"工作时间", DeadlineKind::WorkingHours},
    {"事不过夜", DeadlineKind::SameDay},       {"当日", DeadlineKind::SameDay},
    {"当天", DeadlineKind::SameDay},
};
}  // namespace

std::string clock_text(int seconds_of_day) {
    const int hours = seconds_of_day / 3600;
    const int minutes = (seconds_of_day / 60) % 60;
    return std::string{static_cast<char>('0' + hours / 10), static_cast<char>('0' + hours % 10), ':',
                       static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10)};
}

std::optional<int> parse_clock(std::string_view text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon < 1 || colon > 2 || text.size() != colon + 3) return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != colon && (text[i] < '0' || text[i] > '9')) return std::nullopt;
    }
    const int h = colon == 1 ? text[0] - '0' : (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return time_of_day(h, m);
}

std::string_view to_string(DeadlineKind kind) { return kDeadlineKindNames.name(kind); }

std::optional<DeadlineKind> parse_deadline_kind(std::string_view text) {
    const std::string key = category_key(text);
    if (auto k = kDeadlineKindNames.parse(key)) return k;
    for (const auto& [word, kind] : kDeadlineKindWords) {
        if (word == key) return kind;
    }
    return std::nullopt;
}

Instant deadline(Instant dispatched, const DeadlineRule& rule, const WorkingTime& work) {
    struct Visitor {
        Instant dispatched;
        const WorkingTime& work;
        Instant operator()(const CalendarHours& r) const { return calendar_deadline(dispatched, r.duration); }
        Instant operator()(const WorkingHours& r) const { return working_deadline(dispatched, r.duration, work); }
        Instant operator()(const SameDayCutoff& r) const { return same_day_deadline(dispatched, r, work); }
    };
    return std::visit(Visitor{dispatched, work}, rule);
}

}  // namespace respgrid::grids

#pragma once
// Dates and times as county offices write them, read the same way by every command and reader
// that takes one (roster and responsibility validity, issues' reported_at, batch locate's time
// column, --at, map --date), and the project's time zone they are read in.
//
// A project has one time zone, a fixed offset from UTC (China keeps +08:00 all year; stored in
// the project, default +08:00). A time written without an offset is a time of that zone; a day
// (validity dates, the date on a map) is a day of that zone, so a roster change effective
// 2026-09-01 applies from 2026-09-01 00:00 local time. An Instant is a point in time (UTC seconds):
// compare instants, never their texts.
//
// Accepted (parse_time):
//   2026-09-01  2026-9-1  2026/9/1  2026.9.1  20260901                          a day
//   2026-09-01T08:30  2026-09-01 08:30:15.250  2026/9/1 8:30  2026/09/01 06:42:19
//   ... followed by an offset (Z, +08:00, +0800, +08; directly or after a space)  a time
//   2026年9月1日  2026年9月1日 8时30分[15秒]  2026年9月1日8点30分  2026年9月1日 8:30
//   46266  46266.279386574                                    an Excel serial date (see below)
// Every part is checked: month 13, 2026-02-30, hour 24, minute 60, second 60 and offsets beyond
// ±14:00 are refused with the reason. Fractions of a second are dropped.
//
// Excel: GDAL (3.6) reads a date cell of an .xlsx with a built-in date format (14-22) or a
// custom one it recognises as YYYY/MM/DD[ HH:MM:SS[.fff]], which the forms above accept. Cells
// in the East Asian built-in formats (27-36, 50-58, e.g. yyyy"年"m"月"d"日") come through as
// the number Excel stores: days since 1899-12-30, the fraction being the time of day. A number of
// exactly five digits before an optional fraction (10000-99999: 1927-05-18 to 2173-10-14) is read
// as such a serial date in the project's zone; any other number is refused. (Workbooks in
// the 1904 date system, old Mac Excel, are not detected: their dates come out 4 years early.)

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace respgrid::grids {

// A fixed offset from UTC, in minutes east.
class UtcOffset {
public:
    constexpr UtcOffset() = default;
    static constexpr UtcOffset from_minutes(int minutes) {
        UtcOffset o;
        o.minutes_ = minutes;
        return o;
    }
    // "+08:00", "+0800", "+08", "+8", "UTC+8", "UTC+08:00", "GMT+8", "UTC", "GMT", "Z", and the
    // tz names of the People's Republic's zone (Asia/Shanghai and its aliases PRC, Asia/Chongqing,
    // Asia/Chungking, Asia/Harbin), which have been +08:00 all year since 1992. Offsets beyond
    // ±14:00 and every other name: nullopt.
    static std::optional<UtcOffset> parse(std::string_view text);
    [[nodiscard]] constexpr int minutes() const { return minutes_; }
    [[nodiscard]] std::string to_string() const;  // "+08:00", "-03:30", "+00:00"
    friend constexpr bool operator==(UtcOffset, UtcOffset) = default;

private:
    int minutes_ = 0;
};

inline constexpr UtcOffset kUtc{};
// The default zone of a project (and of a project made before zones were stored).
inline constexpr UtcOffset kChinaTime = UtcOffset::from_minutes(8 * 60);

// A calendar day, without a zone.
class Date {
public:
    constexpr Date() = default;
    // nullopt when there is no such day (or the year is outside 1900-2999).
    static std::optional<Date> from_ymd(int year, int month, int day);
    // Exactly "YYYY-MM-DD" (the stored form), a real day; nullopt otherwise.
    static std::optional<Date> from_iso(std::string_view text);
    static constexpr Date from_days(std::int32_t days_since_1970) {
        Date d;
        d.days_ = days_since_1970;
        return d;
    }
    [[nodiscard]] constexpr std::int32_t days_since_1970() const { return days_; }
    [[nodiscard]] std::string to_string() const;  // "YYYY-MM-DD"
    friend constexpr auto operator<=>(const Date&, const Date&) = default;

private:
    std::int32_t days_ = 0;
};

// A point in time, to the second.
class Instant {
public:
    constexpr Instant() = default;
    static Instant now();
    static constexpr Instant from_unix_seconds(std::int64_t seconds) {
        Instant t;
        t.seconds_ = seconds;
        return t;
    }
    // The first and the last second of a day in `zone`.
    static Instant start_of_day(Date day, UtcOffset zone);
    static Instant end_of_day(Date day, UtcOffset zone);
    [[nodiscard]] constexpr std::int64_t unix_seconds() const { return seconds_; }
    // The day it is in `zone` at this instant.
    [[nodiscard]] Date date_in(UtcOffset zone) const;
    // "YYYY-MM-DDTHH:MM:SS" in UTC, without a marker: the form a project stores and compares.
    [[nodiscard]] std::string to_utc_text() const;
    // "YYYY-MM-DDTHH:MM:SS+08:00": as people of `zone` read it, unambiguous anywhere.
    [[nodiscard]] std::string to_text(UtcOffset zone) const;
    friend constexpr auto operator<=>(const Instant&, const Instant&) = default;

private:
    std::int64_t seconds_ = 0;  // since 1970-01-01T00:00:00Z
};

// What a date or time text said: a day, maybe a time of day, maybe an offset.
struct TimeText {
    Date date;
    std::optional<int> second_of_day;  // 0-86399; nullopt: a day alone
    std::optional<UtcOffset> offset;   // as written; nullopt: the zone's time (only with a time)

    // The instant meant, a time without offset being in `zone`. A day alone means the end of that
    // day in `zone` (23:59:59), so "at 2026-09-01" sees what was set up during that day.
    [[nodiscard]] Instant instant(UtcOffset zone) const;
    // The day meant in `zone`: the day written, or for a time with an offset, the day it is then
    // in `zone`. A time of day is otherwise ignored (spreadsheets write days as "2026/09/01 00:00").
    [[nodiscard]] Date day(UtcOffset zone) const;
    // How a project stores it: "YYYY-MM-DD" for a day alone, else instant(zone).to_text(zone).
    [[nodiscard]] std::string canonical(UtcOffset zone) const;
};

struct TimeParse {
    std::optional<TimeText> value;
    std::string error;  // why the text is not a date or time (set when !value)
};

// Reads one date or time in any form listed at the top; leading and trailing spaces are ignored.
// An empty text is an error too ("empty"): callers that allow an empty value check first.
TimeParse parse_time(std::string_view text);

// Exactly what Instant::to_text writes ("2026-09-01T06:42:19+08:00"), read fast (a store reads
// hundreds of thousands); nullopt for anything else, which parse_time may still read.
std::optional<Instant> parse_instant_text(std::string_view text);

}  // namespace respgrid::grids

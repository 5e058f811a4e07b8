#include "respgrid/grids/local_time.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace respgrid::grids {

namespace {

using namespace std::chrono;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2999;
constexpr int kMaxOffsetMinutes = 14 * 60;
constexpr std::int64_t kSecondsPerDay = 86400;

const char* const kForms =
    "write 2026-09-01, 2026-09-01 08:30[:00][+08:00], 2026/9/1 8:30 or 2026年9月1日 8时30分";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

year_month_day ymd_of(std::int32_t days) { return year_month_day(sys_days(std::chrono::days(days))); }

std::string two(int v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

// A reader over the text: digits, literal tokens, spaces.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}
    [[nodiscard]] bool done() const { return pos_ == text_.size(); }
    [[nodiscard]] std::string_view rest() const { return text_.substr(pos_); }
    // 1..max digits as a number; nullopt (and nothing consumed) when there are fewer than `min`
    // or more than `max` digits in a row.
    std::optional<int> number(std::size_t min, std::size_t max) {
        std::size_t n = 0;
        while (pos_ + n < text_.size() && is_digit(text_[pos_ + n])) ++n;
        if (n < min || n > max) return std::nullopt;
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) v = v * 10 + (text_[pos_ + i] - '0');
        pos_ += n;
        return v;
    }
    // Exactly n digits (whatever follows) as a number; nullopt (nothing consumed) when fewer.
    std::optional<int> fixed(std::size_t n) {
        if (pos_ + n > text_.size()) return std::nullopt;
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!is_digit(text_[pos_ + i])) return std::nullopt;
            v = v * 10 + (text_[pos_ + i] - '0');
        }
        pos_ += n;
        return v;
    }
    bool take(std::string_view token) {
        if (text_.substr(pos_, token.size()) != token) return false;
        pos_ += token.size();
        return true;
    }
    bool take_any(std::initializer_list<std::string_view> tokens) {
        for (auto t : tokens) {
            if (take(t)) return true;
        }
        return false;
    }
    // ASCII spaces and the ideographic space (U+3000) Chinese input methods type.
    bool spaces() {
        std::size_t start = pos_;
        while (take(" ") || take("\t") || take("\u3000")) {
        }
        return pos_ != start;
    }
    [[nodiscard]] char peek() const { return done() ? '\0' : text_[pos_]; }
    void skip() { pos_ = std::min(pos_ + 1, text_.size()); }
    [[nodiscard]] std::size_t position() const { return pos_; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

// A failed parse with its reason.
TimeParse fail(std::string reason) { return TimeParse{std::nullopt, std::move(reason)}; }

std::string_view trimmed(std::string_view s) {
    auto strip_front = [&] {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
            s.remove_prefix(1);
            return true;
        }
        if (s.substr(0, 3) == "\u3000") {
            s.remove_prefix(3);
            return true;
        }
        return false;
    };
    auto strip_back = [&] {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
            s.remove_suffix(1);
            return true;
        }
        if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") {
            s.remove_suffix(3);
            return true;
        }
        return false;
    };
    while (strip_front()) {
    }
    while (strip_back()) {
    }
    return s;
}

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

// The day, or why there is none ("2026-02-30 does not exist: February 2026 has 28 days").
std::optional<Date> checked_date(int y, int m, int d, std::string& why) {
    if (y < kMinYear || y > kMaxYear) {
        why = "year " + std::to_string(y) + " is outside " + std::to_string(kMinYear) + "-" + std::to_string(kMaxYear);
        return std::nullopt;
    }
    if (m < 1 || m > 12) {
        why = "month " + std::to_string(m) + " does not exist";
        return std::nullopt;
    }
    if (auto date = Date::from_ymd(y, m, d)) return date;
    const unsigned last = static_cast<unsigned>(
        year_month_day_last(year(y), month_day_last(month(static_cast<unsigned>(m)))).day());
    why = std::to_string(y) + "-" + two(m) + "-" + two(d) + " does not exist: " + kMonthNames[m - 1] + " " +
          std::to_string(y) + " has " + std::to_string(last) + " days";
    return std::nullopt;
}

std::optional<int> checked_time(int h, int mi, int s, std::string& why) {
    if (h > 23) {
        why = "hour " + std::to_string(h) + " is outside 0-23" + (h == 24 ? " (write 00:00 of the next day)" : "");
        return std::nullopt;
    }
    if (mi > 59) {
        why = "minute " + std::to_string(mi) + " is outside 0-59";
        return std::nullopt;
    }
    if (s > 59) {
        why = "second " + std::to_string(s) + " is outside 0-59";
        return std::nullopt;
    }
    return (h * 60 + mi) * 60 + s;
}

// "Z", "+08:00", "+0800", "+08" (and "-..."): the offset, or nullopt when there is none here;
// `why` set when there is one but it is malformed or out of range.
std::optional<UtcOffset> read_offset(Cursor& c, std::string& why) {
    if (c.take("Z") || c.take("z")) return kUtc;
    const char sign = c.peek();
    if (sign != '+' && sign != '-') return std::nullopt;
    c.skip();
    auto hh = c.fixed(2);
    std::optional<int> mm = 0;
    if (hh && c.take(":")) {
        mm = c.fixed(2);
    } else if (hh && is_digit(c.peek())) {
        mm = c.fixed(2);
    }
    if (!hh || !mm) {
        why = "an offset is written Z, +08:00, +0800 or +08";
        return std::nullopt;
    }
    const int minutes = *hh * 60 + *mm;
    if (*mm > 59 || minutes > kMaxOffsetMinutes) {
        why = "offset " + std::string(1, sign) + two(*hh) + ":" + two(*mm) + " is outside -14:00..+14:00";
        return std::nullopt;
    }
    return UtcOffset::from_minutes(sign == '-' ? -minutes : minutes);
}

// Excel's serial date: five digits, an optional fraction.
std::optional<TimeParse> excel_serial(std::string_view text) {
    Cursor c(text);
    auto days = c.number(5, 5);
    if (!days) return std::nullopt;
    std::optional<int> second;
    if (c.take(".")) {
        const std::size_t start = c.position();
        double fraction = 0, scale = 0.1;
        while (is_digit(c.peek())) {
            fraction += (c.peek() - '0') * scale;
            scale /= 10;
            c.skip();
        }
        if (c.position() == start) return std::nullopt;
        // Excel stores 06:42:19 as 0.27938657..., a hair off the second: round to the nearest.
        second = static_cast<int>(fraction * kSecondsPerDay + 0.5);
    }
    if (!c.done()) return std::nullopt;
    // Serial 1 is 1900-01-01 in Excel's count, which (for Lotus' sake) includes 1900-02-29:
    // from March 1900 on, day N is N days after 1899-12-30.
    std::int32_t epoch = (sys_days(year(1899) / December / 30) - sys_days(year(1970) / January / 1)).count();
    std::int64_t day = epoch + *days;
    if (second && *second >= kSecondsPerDay) {  // .99999999 rounds up to the next midnight
        ++day;
        *second -= static_cast<int>(kSecondsPerDay);
    }
    TimeText t;
    t.date = Date::from_days(static_cast<std::int32_t>(day));
    t.second_of_day = second;
    return TimeParse{t, {}};
}

}  // namespace

// ---- UtcOffset

std::optional<UtcOffset> UtcOffset::parse(std::string_view raw) {
    std::string_view text = trimmed(raw);
    // The zone of the People's Republic under its tz names: one offset all year since 1992.
    for (std::string_view name : {"Asia/Shanghai", "PRC", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin"}) {
        if (text == name) return kChinaTime;
    }
    if (text == "Z" || text == "UTC" || text == "GMT") return kUtc;
    Cursor c(text);
    if (!c.take("UTC")) c.take("GMT");
    const char sign = c.peek();
    if (sign != '+' && sign != '-') return std::nullopt;
    c.skip();
    // +8, +08, +0800, +08:00 (UTC+8 is how the zone is usually named).
    std::optional<int> hh, mm = 0;
    const std::size_t digits = c.rest().find_first_not_of("0123456789");
    const std::size_t run = digits == std::string_view::npos ? c.rest().size() : digits;
    if (run == 1 || run == 2) {
        hh = c.fixed(run);
        if (c.take(":")) mm = c.fixed(2);
    } else if (run == 4) {
        hh = c.fixed(2);
        mm = c.fixed(2);
    }
    if (!hh || !mm || !c.done() || *mm > 59 || *hh * 60 + *mm > kMaxOffsetMinutes) return std::nullopt;
    return from_minutes((sign == '-' ? -1 : 1) * (*hh * 60 + *mm));
}

std::string UtcOffset::to_string() const {
    const int a = std::abs(minutes_);
    return std::string(minutes_ < 0 ? "-" : "+") + two(a / 60) + ":" + two(a % 60);
}

// ---- Date

std::optional<Date> Date::from_ymd(int y, int m, int d) {
    if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    year_month_day ymd(year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d)));
    if (!ymd.ok()) return std::nullopt;
    return from_days(static_cast<std::int32_t>(sys_days(ymd).time_since_epoch().count()));
}

std::optional<Date> Date::from_iso(std::string_view text) {
    Cursor c(text);
    auto y = c.number(4, 4);
    if (!y || !c.take("-")) return std::nullopt;
    auto m = c.number(2, 2);
    if (!m || !c.take("-")) return std::nullopt;
    auto d = c.number(2, 2);
    if (!d || !c.done()) return std::nullopt;
    return from_ymd(*y, *m, *d);
}

std::string Date::to_string() const {
    const year_month_day ymd = ymd_of(days_);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

// ---- Instant

Instant Instant::now() {
    return from_unix_seconds(floor<seconds>(system_clock::now()).time_since_epoch().count());
}

Instant Instant::start_of_day(Date day, UtcOffset zone) {
    return from_unix_seconds(std::int64_t{day.days_since_1970()} * kSecondsPerDay - std::int64_t{zone.minutes()} * 60);
}

Instant Instant::end_of_day(Date day, UtcOffset zone) {
    return from_unix_seconds(start_of_day(day, zone).unix_seconds() + kSecondsPerDay - 1);
}

Date Instant::date_in(UtcOffset zone) const {
    const std::int64_t local = seconds_ + std::int64_t{zone.minutes()} * 60;
    return Date::from_days(static_cast<std::int32_t>(floor_div(local, kSecondsPerDay)));
}

namespace {
// `width` digits of `value` (0 <= value < 10^width) at `out`. The ledger writes several times per
// case, a hundred thousand cases a batch: no snprintf, no temporary strings.
char* put_digits(char* out, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

// "YYYY-MM-DDTHH:MM:SS" at `out` (19 characters).
char* put_wall_clock(char* out, std::int64_t local_seconds) {
    const std::int64_t days = floor_div(local_seconds, kSecondsPerDay);
    const auto s = static_cast<int>(local_seconds - days * kSecondsPerDay);
    const year_month_day ymd = ymd_of(static_cast<std::int32_t>(days));
    out = put_digits(out, static_cast<int>(ymd.year()), 4);
    *out++ = '-';
    out = put_digits(out, static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
    *out++ = '-';
    out = put_digits(out, static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
    *out++ = 'T';
    out = put_digits(out, s / 3600, 2);
    *out++ = ':';
    out = put_digits(out, s / 60 % 60, 2);
    *out++ = ':';
    return put_digits(out, s % 60, 2);
}

std::string wall_clock_text(std::int64_t local_seconds) {
    char buf[19];
    return std::string(buf, put_wall_clock(buf, local_seconds));
}
}  // namespace

std::string Instant::to_utc_text() const { return wall_clock_text(seconds_); }

std::string Instant::to_text(UtcOffset zone) const {
    char buf[25];
    char* out = put_wall_clock(buf, seconds_ + std::int64_t{zone.minutes()} * 60);
    const int a = std::abs(zone.minutes());
    *out++ = zone.minutes() < 0 ? '-' : '+';
    out = put_digits(out, a / 60, 2);
    *out++ = ':';
    out = put_digits(out, a % 60, 2);
    return std::string(buf, out);
}

// ---- TimeText

Instant TimeText::instant(UtcOffset zone) const {
    if (!second_of_day) return Instant::end_of_day(date, zone);
    const UtcOffset written = offset.value_or(zone);
    return Instant::from_unix_seconds(Instant::start_of_day(date, written).unix_seconds() + *second_of_day);
}

Date TimeText::day(UtcOffset zone) const {
    if (second_of_day && offset) return instant(zone).date_in(zone);
    return date;
}

std::string TimeText::canonical(UtcOffset zone) const {
    return second_of_day ? instant(zone).to_text(zone) : date.to_string();
}

// ---- the parser

std::optional<Instant> parse_instant_text(std::string_view t) {
    if (t.size() != 25 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' ||
        (t[19] != '+' && t[19] != '-') || t[22] != ':') {
        return std::nullopt;
    }
    auto number = [&t](std::size_t at, std::size_t width) -> int {
        int v = 0;
        for (std::size_t i = at; i < at + width; ++i) {
            if (t[i] < '0' || t[i] > '9') return -1;
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    const int hh = number(11, 2), mi = number(14, 2), ss = number(17, 2), oh = number(20, 2), om = number(23, 2);
    if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59 || oh < 0 || oh > 14 || om < 0 || om > 59) {
        return std::nullopt;
    }
    const auto date = Date::from_ymd(number(0, 4), number(5, 2), number(8, 2));
    if (!date) return std::nullopt;
    const int offset_minutes = (t[19] == '-' ? -1 : 1) * (oh * 60 + om);
    return Instant::from_unix_seconds(std::int64_t{date->days_since_1970()} * kSecondsPerDay + hh * 3600 + mi * 60 + ss -
                                      std::int64_t{offset_minutes} * 60);
}

TimeParse parse_time(std::string_view raw) {
    const std::string_view text = trimmed(raw);
    if (text.empty()) return fail("empty");
    if (auto serial = excel_serial(text)) return *serial;

    Cursor c(text);
    std::string why;
    // The day: YYYY-M-D (or / .), YYYYMMDD, or YYYY年M月D日.
    auto y = c.number(4, 4);
    bool chinese = false;
    int m = 0, d = 0;
    if (!y) {
        if (auto basic = c.number(8, 8); basic && c.done()) {
            y = *basic / 10000;
            m = *basic / 100 % 100;
            d = *basic % 100;
        } else {
            Cursor time_only(text);
            const bool a_time = time_only.number(1, 2) && time_only.take_any({":", "时", "点"});
            return fail(std::string(a_time ? "a time without a date; " : "not a date or time; ") + kForms);
        }
    } else if (c.take("年")) {
        chinese = true;
        auto mm = c.number(1, 2);
        if (!mm || !c.take("月")) return fail("a Chinese date is written 2026年9月1日");
        auto dd = c.number(1, 2);
        if (!dd || !c.take("日")) return fail("a Chinese date is written 2026年9月1日");
        m = *mm;
        d = *dd;
    } else {
        const char sep = c.peek();
        if (sep != '-' && sep != '/' && sep != '.') return fail("not a date or time; " + std::string(kForms));
        c.take(std::string_view(&sep, 1));
        auto mm = c.number(1, 2);
        if (!mm || !c.take(std::string_view(&sep, 1))) return fail("not a date or time; " + std::string(kForms));
        auto dd = c.number(1, 2);
        if (!dd) return fail("not a date or time; " + std::string(kForms));
        m = *mm;
        d = *dd;
    }
    auto date = checked_date(*y, m, d, why);
    if (!date) return fail(why);
    TimeText t;
    t.date = *date;
    if (c.done()) return TimeParse{t, {}};

    // The time: after T or spaces (spaces optional after a Chinese date): H:mm[:ss[.fff]] or
    // H时[mm分[ss秒]] (点 for 时).
    const bool separated = c.take("T") || c.spaces();
    if (!separated && !chinese) return fail("not a date or time; " + std::string(kForms));
    const std::string_view time_text = c.rest();
    auto expected_time = [&] {
        return fail("after the date, expected a time such as 08:30 or 8时30分, got '" + std::string(time_text) + "'");
    };
    auto h = c.number(1, 2);
    if (!h) return expected_time();
    int mi = 0, s = 0;
    if (c.take(":")) {
        auto mm = c.number(2, 2);
        if (!mm) return fail("minutes are two digits (8:05)");
        mi = *mm;
        if (c.take(":")) {
            auto ss = c.number(2, 2);
            if (!ss) return fail("seconds are two digits (8:05:09)");
            s = *ss;
            if ((c.peek() == '.' || c.peek() == ',') && c.rest().size() > 1 && is_digit(c.rest()[1])) {
                c.skip();  // fractions of a second are dropped
                while (is_digit(c.peek())) c.skip();
            }
        }
    } else if (c.take_any({"时", "点"})) {
        if (auto mm = c.number(1, 2)) {
            if (!c.take("分")) return fail("minutes are written 30分");
            mi = *mm;
            if (auto ss = c.number(1, 2)) {
                if (!c.take("秒")) return fail("seconds are written 15秒");
                s = *ss;
            }
        }
    } else {
        return expected_time();
    }
    auto second = checked_time(*h, mi, s, why);
    if (!second) return fail(why);
    t.second_of_day = *second;

    c.spaces();
    if (!c.done()) {
        auto offset = read_offset(c, why);
        if (!why.empty()) return fail(why);
        if (!offset || !c.done()) {
            return fail("unexpected '" + std::string(c.rest()) +
                        "' after the time (an offset is Z, +08:00, +0800 or +08)");
        }
        t.offset = offset;
    }
    return TimeParse{t, {}};
}

}  // namespace respgrid::grids

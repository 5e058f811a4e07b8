// The one parser every date and time goes through, and the project's zone: every accepted form,
// every refusal with its reason, offsets, and day boundaries in +08:00.
#include <gtest/gtest.h>

#include "respgrid/grids/local_time.hpp"

namespace respgrid::grids {
namespace {

// The instant a text means in Beijing time, as UTC text ("" when refused).
std::string utc(std::string_view text, UtcOffset zone = kChinaTime) {
    auto t = parse_time(text);
    return t.value ? t.value->instant(zone).to_utc_text() : "";
}

std::string error(std::string_view text) {
    auto t = parse_time(text);
    EXPECT_FALSE(t.value) << text << " was accepted";
    return t.error;
}

bool mentions(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST(LocalTime, IsoDatesAndTimesWithAndWithoutOffset) {
    // Without an offset a time is the project's zone: 08:30 in Beijing is 00:30 UTC.
    EXPECT_EQ(utc("2026-09-01T08:30"), "2026-09-01T00:30:00");
    EXPECT_EQ(utc("2026-09-01 08:30:15"), "2026-09-01T00:30:15");
    EXPECT_EQ(utc("2026-09-01T08:30:15.250"), "2026-09-01T00:30:15");
    EXPECT_EQ(utc("2026-09-01T08:30:15,9"), "2026-09-01T00:30:15");
    // With one, the offset written wins.
    EXPECT_EQ(utc("2026-09-01T08:30:00Z"), "2026-09-01T08:30:00");
    EXPECT_EQ(utc("2026-09-01 08:30:15.250Z"), "2026-09-01T08:30:15");
    EXPECT_EQ(utc("2026-09-01T07:00:00+08:00"), "2026-08-31T23:00:00");
    EXPECT_EQ(utc("2026-09-01T07:00:00+0800"), "2026-08-31T23:00:00");
    EXPECT_EQ(utc("2026/09/01 07:00:00+08"), "2026-08-31T23:00:00");  // OGR's own form of a zoned time
    EXPECT_EQ(utc("2026-09-01T07:00:00 -05:30"), "2026-09-01T12:30:00");
    // Another zone for times without offset.
    EXPECT_EQ(utc("2026-09-01T08:30", kUtc), "2026-09-01T08:30:00");
    EXPECT_EQ(utc("2026-09-01T08:30", UtcOffset::from_minutes(-300)), "2026-09-01T13:30:00");
    // Spaces around are ignored, the ideographic space too.
    EXPECT_EQ(utc("  2026-09-01 08:30\t"), "2026-09-01T00:30:00");
    EXPECT_EQ(utc("\u30002026-09-01\u300008:30"), "2026-09-01T00:30:00");
}

TEST(LocalTime, SlashDotAndBasicForms) {
    EXPECT_EQ(utc("2026/9/1 6:42"), "2026-08-31T22:42:00");
    EXPECT_EQ(utc("2026/09/01 06:42:19"), "2026-08-31T22:42:19");  // an Excel date cell through GDAL
    EXPECT_EQ(utc("2026/09/01 06:42:19.500"), "2026-08-31T22:42:19");
    EXPECT_EQ(utc("2026-9-1 6:42"), "2026-08-31T22:42:00");
    EXPECT_EQ(utc("2026.9.1 16:05"), "2026-09-01T08:05:00");
    auto day = parse_time("2026/9/1");
    ASSERT_TRUE(day.value);
    EXPECT_FALSE(day.value->second_of_day);
    EXPECT_EQ(day.value->date.to_string(), "2026-09-01");
    EXPECT_EQ(parse_time("20260901").value->date.to_string(), "2026-09-01");
    EXPECT_EQ(parse_time("2026.09.01").value->date.to_string(), "2026-09-01");
}

TEST(LocalTime, ChineseForms) {
    EXPECT_EQ(parse_time("2026年9月1日").value->date.to_string(), "2026-09-01");
    EXPECT_EQ(utc("2026年9月1日 6时42分"), "2026-08-31T22:42:00");
    EXPECT_EQ(utc("2026年9月1日6时42分19秒"), "2026-08-31T22:42:19");
    EXPECT_EQ(utc("2026年09月01日 06点05分"), "2026-08-31T22:05:00");
    EXPECT_EQ(utc("2026年9月1日 8时"), "2026-09-01T00:00:00");
    EXPECT_EQ(utc("2026年9月1日 06:42"), "2026-08-31T22:42:00");
    EXPECT_EQ(utc("2026年9月1日 06:42:19"), "2026-08-31T22:42:19");
}

TEST(LocalTime, ExcelSerialDates) {
    // 46266 is 2026-09-01 in Excel's 1900 date system; the fraction is the time of day.
    auto day = parse_time("46266");
    ASSERT_TRUE(day.value) << day.error;
    EXPECT_EQ(day.value->date.to_string(), "2026-09-01");
    EXPECT_FALSE(day.value->second_of_day);
    EXPECT_EQ(utc("46266.27938657408"), "2026-08-31T22:42:19");  // 06:42:19 local
    EXPECT_EQ(utc("46266.5"), "2026-09-01T04:00:00");
    EXPECT_EQ(parse_time("25569").value->date.to_string(), "1970-01-01");
    // Not five digits: not a serial date.
    EXPECT_TRUE(mentions(error("4626"), "not a date or time"));
    EXPECT_TRUE(mentions(error("462660"), "not a date or time"));
    EXPECT_TRUE(mentions(error("46266."), "not a date or time"));
}

TEST(LocalTime, ImpossibleDatesAndTimesAreRefusedWithTheReason) {
    EXPECT_TRUE(mentions(error("2026-13-01"), "month 13 does not exist"));
    EXPECT_TRUE(mentions(error("2026/0/1"), "month 0 does not exist"));
    EXPECT_TRUE(mentions(error("2026-02-30"), "2026-02-30 does not exist: February 2026 has 28 days"));
    EXPECT_TRUE(mentions(error("2024-02-30"), "February 2024 has 29 days"));
    EXPECT_TRUE(parse_time("2024-02-29").value);
    EXPECT_TRUE(mentions(error("2026-04-31"), "April 2026 has 30 days"));
    EXPECT_TRUE(mentions(error("2026年9月0日"), "2026-09-00 does not exist"));
    EXPECT_TRUE(mentions(error("20261301"), "month 13"));
    EXPECT_TRUE(mentions(error("2026-09-01 24:00"), "hour 24 is outside 0-23"));
    EXPECT_TRUE(mentions(error("2026-09-01T23:60"), "minute 60 is outside 0-59"));
    EXPECT_TRUE(mentions(error("2026-09-01T23:59:60"), "second 60 is outside 0-59"));
    EXPECT_TRUE(mentions(error("2026年9月1日 25时"), "hour 25"));
    EXPECT_TRUE(mentions(error("0226-09-01"), "year 226 is outside"));
    EXPECT_TRUE(mentions(error("2026-09-01T08:00+15:00"), "outside -14:00..+14:00"));
    EXPECT_TRUE(mentions(error("2026-09-01T08:00+8"), "an offset is written"));
}

TEST(LocalTime, WhatIsNotADateSaysSo) {
    EXPECT_EQ(error(""), "empty");
    EXPECT_EQ(error("   "), "empty");
    EXPECT_TRUE(mentions(error("yesterday"), "not a date or time; write 2026-09-01"));
    EXPECT_TRUE(mentions(error("06:42:19"), "a time without a date"));
    EXPECT_TRUE(mentions(error("8时30分"), "a time without a date"));
    EXPECT_TRUE(mentions(error("2026-09"), "not a date or time"));
    EXPECT_TRUE(mentions(error("2026-09/01"), "not a date or time"));
    EXPECT_TRUE(mentions(error("2026-09-01 8h30"), "expected a time"));
    EXPECT_TRUE(mentions(error("2026-09-01T08:5"), "minutes are two digits"));
    EXPECT_TRUE(mentions(error("2026-09-01 08:30 tomorrow"), "unexpected 'tomorrow'"));
    EXPECT_TRUE(mentions(error("2026-09-01+08:00"), "not a date or time"));  // an offset needs a time
    EXPECT_TRUE(mentions(error("2026年9月1"), "2026年9月1日"));
}

TEST(LocalTime, DayBoundariesInBeijingTime) {
    // A day alone, as an instant, is the last second of that day in the zone.
    EXPECT_EQ(utc("2026-09-01"), "2026-09-01T15:59:59");
    EXPECT_EQ(utc("2026-09-01", kUtc), "2026-09-01T23:59:59");
    const Date sep1 = *Date::from_ymd(2026, 9, 1);
    EXPECT_EQ(Instant::start_of_day(sep1, kChinaTime).to_utc_text(), "2026-08-31T16:00:00");
    EXPECT_EQ(Instant::end_of_day(sep1, kChinaTime).to_utc_text(), "2026-09-01T15:59:59");
    // 07:00 on 09-01 in Beijing is still 08-31 in UTC: its day is 09-01 in the zone.
    const Instant seven = parse_time("2026-09-01T07:00").value->instant(kChinaTime);
    EXPECT_EQ(seven.date_in(kChinaTime), sep1);
    EXPECT_EQ(seven.date_in(kUtc).to_string(), "2026-08-31");
    const Instant late = parse_time("2026-08-31T23:59").value->instant(kChinaTime);
    EXPECT_EQ(late.date_in(kChinaTime).to_string(), "2026-08-31");
    EXPECT_LT(late, seven);
    EXPECT_EQ(seven.to_text(kChinaTime), "2026-09-01T07:00:00+08:00");
    // A time with an offset belongs to the zone's day it falls in.
    EXPECT_EQ(parse_time("2026-08-31T20:00:00Z").value->day(kChinaTime), Date::from_ymd(2026, 9, 1));
    EXPECT_EQ(parse_time("2026-08-31T20:00:00").value->day(kChinaTime), Date::from_ymd(2026, 8, 31));
    // Before 1970 too (floor, not truncation).
    EXPECT_EQ(parse_time("1969-12-31T23:00:00Z").value->instant(kChinaTime).date_in(kUtc).to_string(), "1969-12-31");
}

TEST(LocalTime, CanonicalTextsAndStoredDates) {
    EXPECT_EQ(parse_time("2026/9/1").value->canonical(kChinaTime), "2026-09-01");
    EXPECT_EQ(parse_time("2026/9/1 6:42").value->canonical(kChinaTime), "2026-09-01T06:42:00+08:00");
    EXPECT_EQ(parse_time("2026-08-31T22:42:00Z").value->canonical(kChinaTime), "2026-09-01T06:42:00+08:00");
    EXPECT_EQ(Date::from_iso("2026-09-01"), Date::from_ymd(2026, 9, 1));
    EXPECT_FALSE(Date::from_iso("2026-9-1"));
    EXPECT_FALSE(Date::from_iso("2026-02-30"));
    EXPECT_LT(*Date::from_ymd(2026, 8, 31), *Date::from_ymd(2026, 9, 1));
}

TEST(LocalTime, ZonesAsOffsetsOrChinaNames) {
    for (auto text : {"+08:00", "+0800", "+08", "+8", "UTC+8", "UTC+08:00", "GMT+8", "Asia/Shanghai", "PRC",
                      "Asia/Chongqing", "Asia/Harbin"}) {
        auto z = UtcOffset::parse(text);
        ASSERT_TRUE(z) << text;
        EXPECT_EQ(*z, kChinaTime) << text;
    }
    EXPECT_EQ(UtcOffset::parse("UTC"), kUtc);
    EXPECT_EQ(UtcOffset::parse("Z"), kUtc);
    EXPECT_EQ(UtcOffset::parse("-05:30")->minutes(), -330);
    EXPECT_EQ(UtcOffset::parse("UTC-3")->to_string(), "-03:00");
    EXPECT_EQ(kChinaTime.to_string(), "+08:00");
    for (auto text : {"", "8", "+15:00", "+08:60", "+123", "Asia/Tokyo", "Asia/Urumqi", "CST", "Beijing", "UTC+8x"}) {
        EXPECT_FALSE(UtcOffset::parse(text)) << text;
    }
}

}  // namespace
}  // namespace respgrid::grids

// read_point_table and read_issues (importers/points.hpp): coordinates with a per-row CRS or the
// --crs default, Chinese column names, range checks and rejects by line, CSV and XLSX.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "ogr_fixtures.hpp"
#include "respgrid/geo/china_offsets.hpp"
#include "respgrid/importers/points.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using importers::PointTableOptions;
using importers::read_issues;
using importers::read_point_table;

constexpr int kGk38 = 4547;

PointTableOptions options_for(const std::string& path, std::optional<geo::Crs> default_crs = std::nullopt) {
    PointTableOptions o;
    o.path = path;
    o.default_crs = std::move(default_crs);
    o.target_crs = geo::Crs::from_epsg(kGk38);
    return o;
}

geo::XY cgcs_to_gk(geo::XY lonlat) {
    geo::CoordinateTransform t(geo::Crs::cgcs2000(), geo::Crs::from_epsg(kGk38));
    return t(lonlat);
}

std::map<long long, const Reject*> rejects_by_line(const std::vector<Reject>& rejects) {
    std::map<long long, const Reject*> out;
    for (const auto& r : rejects) {
        EXPECT_TRUE(r.where.record.has_value()) << r.reason;
        out[r.where.record.value_or(-1)] = &r;
    }
    return out;
}

TEST(ReadPointTable, ChineseColumnNamesInACsvWithBomAndCrlf) {
    TempDir dir;
    const std::string path = dir.file("points.csv");
    write_text(path, "\xEF\xBB\xBF编号,经度,纬度,坐标系\r\nP1,114.805,33.705,wgs84\r\nP2,114.815,33.715,CGCS2000\r\n");
    auto t = read_point_table(options_for(path));
    EXPECT_TRUE(t.rejects.empty()) << t.rejects.front().reason;
    EXPECT_EQ(t.rows_read, 2u);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.id_field, 0u);
    EXPECT_EQ(t.fields[0], "编号");
    EXPECT_EQ(t.rows[0].line, 2);
    EXPECT_EQ(t.rows[1].line, 3);
    EXPECT_EQ(t.rows[0].x, 114.805);
    EXPECT_EQ(t.rows[0].y, 33.705);
    EXPECT_EQ(t.rows[0].crs, "EPSG:4326");
    EXPECT_EQ(t.rows[1].crs, "EPSG:4490");
    EXPECT_EQ(t.rows[0].values[0], "P1");
    geo::XY expected = cgcs_to_gk({114.805, 33.705});
    EXPECT_NEAR(t.rows[0].position.x, expected.x, 1e-3);
    EXPECT_NEAR(t.rows[0].position.y, expected.y, 1e-3);
}

TEST(ReadPointTable, DefaultCrsIsUsedOnlyWhereTheCrsCellIsEmpty) {
    TempDir dir;
    const std::string path = dir.file("points.csv");
    write_text(path, "id,lon,lat,crs\nP1,114.805,33.705,\nP2,114.805,33.705,wgs84\n");
    auto t = read_point_table(options_for(path, geo::Crs::gcj02()));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].crs, "gcj02");
    EXPECT_EQ(t.rows[1].crs, "EPSG:4326");
    geo::XY from_gcj = cgcs_to_gk(geo::gcj02_to_wgs84({114.805, 33.705}));
    EXPECT_NEAR(t.rows[0].position.x, from_gcj.x, 1e-6);
    EXPECT_NEAR(t.rows[0].position.y, from_gcj.y, 1e-6);
    EXPECT_GT(std::hypot(t.rows[0].position.x - t.rows[1].position.x, t.rows[0].position.y - t.rows[1].position.y), 100.0);

    // Without a default, the row with an empty crs cell is rejected on its crs field.
    auto no_default = read_point_table(options_for(path));
    ASSERT_EQ(no_default.rows.size(), 1u);
    EXPECT_EQ(no_default.rows[0].line, 3);
    ASSERT_EQ(no_default.rejects.size(), 1u);
    EXPECT_EQ(no_default.rejects[0].where.record, 2);
    EXPECT_EQ(no_default.rejects[0].where.field, "crs");
}

TEST(ReadPointTable, TableWithoutCrsColumnNeedsTheDefault) {
    TempDir dir;
    const std::string path = dir.file("points.csv");
    write_text(path, "id,lng,lat\nP1,114.805,33.705\n");
    try {
        (void)read_point_table(options_for(path));
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("--crs"), std::string::npos) << e.what();
        EXPECT_EQ(e.where().file, path);
    }
    auto t = read_point_table(options_for(path, geo::Crs::bd09()));
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].crs, "bd09");
}

TEST(ReadPointTable, EachRowIsTransformedFromItsOwnCrs) {
    TempDir dir;
    const std::string path = dir.file("points.csv");
    write_text(path,
               "id,lon,lat,crs\n"
               "G,114.805,33.705,gcj02\n"
               "B,114.805,33.705,BD09\n"
               "W,114.805,33.705,wgs84\n"
               "C,114.805,33.705,4490\n"
               "P,574500.25,3731500.5,EPSG:4547\n");
    auto t = read_point_table(options_for(path));
    EXPECT_TRUE(t.rejects.empty()) << t.rejects.front().reason;
    ASSERT_EQ(t.rows.size(), 5u);
    std::map<std::string, const importers::PointRow*> rows;
    for (const auto& r : t.rows) rows[r.values[0]] = &r;
    const geo::XY p{114.805, 33.705};
    std::map<std::string, geo::XY> expected = {{"G", cgcs_to_gk(geo::gcj02_to_wgs84(p))},
                                               {"B", cgcs_to_gk(geo::bd09_to_wgs84(p))},
                                               {"W", cgcs_to_gk(p)},
                                               {"C", cgcs_to_gk(p)}};
    for (const auto& [id, e] : expected) {
        EXPECT_NEAR(rows[id]->position.x, e.x, 1e-3) << id;
        EXPECT_NEAR(rows[id]->position.y, e.y, 1e-3) << id;
    }
    EXPECT_EQ(rows["G"]->crs, "gcj02");
    EXPECT_EQ(rows["B"]->crs, "bd09");
    EXPECT_EQ(rows["P"]->crs, "EPSG:4547");
    EXPECT_EQ(rows["P"]->position, (geo::XY{574500.25, 3731500.5})) << "projected coordinates pass the range check";
    EXPECT_EQ(rows["P"]->x, 574500.25);
    // GCJ-02 and BD-09 are hundreds of metres from WGS 84 and from each other.
    auto dist = [&](const char* a, const char* b) {
        return std::hypot(rows[a]->position.x - rows[b]->position.x, rows[a]->position.y - rows[b]->position.y);
    };
    EXPECT_GT(dist("G", "W"), 100.0);
    EXPECT_GT(dist("B", "G"), 100.0);
}

TEST(ReadPointTable, BadRowsAreRejectedOnTheirCsvLineAndField) {
    TempDir dir;
    const std::string path = dir.file("points.csv");
    write_text(path,
               "id,lon,lat,crs\n"
               "P2,114.805,33.705,wgs84\n"      // 2 good
               "P3,190,33.705,wgs84\n"          // 3 lon out of range
               "P4,114.805,-95,gcj02\n"         // 4 lat out of range
               "P5,114.805,95,bd09\n"           // 5 lat out of range
               "P6,东经114,33.705,wgs84\n"      // 6 lon not a number
               "P7,114.805,,wgs84\n"            // 7 lat empty
               "P8,114.805,33.705,mars\n"       // 8 unknown crs
               "P9,114.805,33.705,EPSG:99999\n" // 9 unknown EPSG code
               "P10,-180,90,wgs84\n");          // 10 the range is inclusive
    auto t = read_point_table(options_for(path));
    EXPECT_EQ(t.rows_read, 9u);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 2);
    EXPECT_EQ(t.rows[1].line, 10);
    auto rejects = rejects_by_line(t.rejects);
    ASSERT_EQ(rejects.size(), 7u);
    std::map<long long, std::string> expected_field = {{3, "lon"}, {4, "lat"}, {5, "lat"}, {6, "lon"},
                                                       {7, "lat"}, {8, "crs"}, {9, "crs"}};
    for (const auto& [line, field] : expected_field) {
        ASSERT_TRUE(rejects.count(line)) << "line " << line;
        EXPECT_EQ(rejects[line]->where.field, field) << "line " << line << ": " << rejects[line]->reason;
        EXPECT_EQ(rejects[line]->where.file, path);
    }
}

TEST(ReadPointTable, SwappedAndFarAwayPointsAreCaughtAgainstTheExpectedArea) {
    TempDir dir;
    const std::string path = dir.file("points.csv");
    write_text(path,
               "id,lon,lat,crs\n"
               "P2,114.805,33.705,wgs84\n"   // 2 inside
               "P3,33.705,114.805,wgs84\n"   // 3 swapped: the latitude is out of range as given
               "P4,33.705,114.805,gcj02\n"   // 4 swapped, in GCJ-02
               "P5,121.47,31.23,wgs84\n"     // 5 Shanghai: ~700 km away
               "P6,115.05,33.705,wgs84\n"    // 6 ~20 km east of the box: GPS at the edge, kept
               "P7,33.705,33.705,wgs84\n");  // 7 far, and swapping does not help
    auto o = options_for(path);
    geo::XY a = cgcs_to_gk({114.70, 33.60});
    geo::XY b = cgcs_to_gk({114.90, 33.80});
    o.expected_area = geo::Envelope{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
    auto t = read_point_table(o);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 2);
    EXPECT_EQ(t.rows[1].line, 6);
    auto rejects = rejects_by_line(t.rejects);
    ASSERT_EQ(rejects.size(), 4u);
    EXPECT_NE(rejects[3]->reason.find("look swapped"), std::string::npos) << rejects[3]->reason;
    EXPECT_NE(rejects[4]->reason.find("look swapped"), std::string::npos) << rejects[4]->reason;
    EXPECT_NE(rejects[5]->reason.find("km from the county"), std::string::npos) << rejects[5]->reason;
    EXPECT_EQ(rejects[7]->reason.find("swapped"), std::string::npos) << rejects[7]->reason;

    // Without an expected area the same file only loses the rows out of range.
    auto plain = read_point_table(options_for(path));
    EXPECT_EQ(plain.rows.size(), 4u);
}

TEST(ReadPointTable, XlsxRowsAreRejectedOnTheirSpreadsheetRow) {
    TempDir dir;
    const std::string path = dir.file("points.xlsx");
    write_layer(path, "XLSX", "点位", 0, wkbNone, {{"编号"}, {"经度", OFTReal}, {"纬度", OFTReal}, {"坐标系"}},
                {{{"P2", "114.805", "33.705", "gcj02"}, {}},
                 {{"P3", "114.805", "33.705", "火星"}, {}},
                 {{"P4", "114.815", "33.715", ""}, {}}});
    auto t = read_point_table(options_for(path, geo::Crs::wgs84()));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 2);
    EXPECT_EQ(t.rows[0].crs, "gcj02");
    EXPECT_EQ(t.rows[1].line, 4);
    EXPECT_EQ(t.rows[1].crs, "EPSG:4326");
    EXPECT_EQ(t.rows[1].x, 114.815);
    ASSERT_EQ(t.rejects.size(), 1u);
    EXPECT_EQ(t.rejects[0].where.record, 3);
    EXPECT_EQ(t.rejects[0].where.field, "坐标系");
}

TEST(ReadIssues, ColumnsMapByChineseNamesAndIdsMustBePresentAndUnique) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    write_text(path,
               "问题编号,上报时间,经度,纬度,坐标系,问题类别,问题描述\n"
               "Q1,2026-11-01T08:00:00+08:00,114.805,33.705,gcj02,09006,\"占道经营, 早市\"\n"  // 2
               ",2026-11-01T08:05:00+08:00,114.805,33.705,gcj02,09006,没有编号\n"              // 3
               "Q1,2026-11-01T08:10:00+08:00,114.805,33.705,gcj02,09006,重复\n"                // 4
               "Q4,,114.815,33.715,wgs84,,\n");                                              // 5
    auto r = read_issues(options_for(path));
    EXPECT_EQ(r.rows_read, 4u);
    ASSERT_EQ(r.issues.size(), 2u);
    const auto& q1 = r.issues[0];
    EXPECT_EQ(q1.id, "Q1");
    EXPECT_EQ(q1.reported_at, "2026-11-01T08:00:00+08:00");
    EXPECT_EQ(q1.lon, 114.805);
    EXPECT_EQ(q1.lat, 33.705);
    EXPECT_EQ(q1.crs, "gcj02");
    EXPECT_EQ(q1.category_text, "09006") << "as given; import issues matches it to the catalogue";
    EXPECT_EQ(q1.category_code, "");
    EXPECT_EQ(q1.description, "占道经营, 早市");
    EXPECT_EQ(q1.source_file, path);
    EXPECT_EQ(q1.source_line, 2);
    geo::XY expected = cgcs_to_gk(geo::gcj02_to_wgs84({114.805, 33.705}));
    EXPECT_NEAR(q1.position.x, expected.x, 1e-6);
    EXPECT_NEAR(q1.position.y, expected.y, 1e-6);
    EXPECT_EQ(r.issues[1].id, "Q4");
    EXPECT_EQ(r.issues[1].source_line, 5);
    EXPECT_EQ(r.issues[1].category_code, "");

    auto rejects = rejects_by_line(r.rejects);
    ASSERT_EQ(rejects.size(), 2u);
    ASSERT_TRUE(rejects.count(3));
    ASSERT_TRUE(rejects.count(4));
    EXPECT_EQ(rejects[3]->where.field, "问题编号");
    EXPECT_EQ(rejects[4]->where.field, "问题编号");
    EXPECT_NE(rejects[4]->reason.find("line 2"), std::string::npos) << rejects[4]->reason;
}

TEST(ReadIssues, TableWithoutAnIdColumnIsAnInputError) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    write_text(path, "lon,lat,crs\n114.805,33.705,wgs84\n");
    EXPECT_THROW((void)read_issues(options_for(path)), InputError);
    // A table without coordinates names the column it misses.
    write_text(path, "id,crs\nQ1,wgs84\n");
    try {
        (void)read_issues(options_for(path));
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().field, "lon");
        EXPECT_NE(std::string(e.what()).find("id, crs"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace respgrid::test

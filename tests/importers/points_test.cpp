// read_point_table and read_issues (importers/points.hpp): coordinates with a per-row CRS or the
// --crs default, Chinese column names, range checks and rejects by line, CSV and XLSX.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "ogr_fixtures.hpp"
#include "respgrid/geo/china_offsets.hpp"
#include "respgrid/importers/csv_points.hpp"
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

// Issue 12 §2: a GBK issues CSV with an ASCII header imports with its Chinese text in UTF-8.
TEST(ReadIssues, AGbkCsvWithAnAsciiHeaderIsTranscoded) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    write_text(path, gbk("id,reported_at,lon,lat,crs,category,description\r\n"
                         "Q1,2026-11-01,114.805,33.705,wgs84,乱停乱放,东关路口\r\n"
                         "Q2,2026-11-01,114.815,33.715,wgs84,暴露垃圾,\"王庄村\r\n村口\"\r\n"));
    auto r = read_issues(options_for(path));
    EXPECT_EQ(r.encoding, geo::TextEncoding::Gb18030);
    ASSERT_EQ(r.issues.size(), 2u);
    EXPECT_EQ(r.issues[0].category_text, "乱停乱放");
    EXPECT_EQ(r.issues[0].description, "东关路口");
    EXPECT_EQ(r.issues[1].description, "王庄村\r\n村口");
}

// --- point layers (issue 12 §6) -----------------------------------------------------------------

// The same two reports and a line feature, as a GIS would hand them over.
void write_issue_layer(const std::string& path, const std::string& driver, int epsg) {
    write_layer(path, driver, "issues", epsg, wkbUnknown, {{"id"}, {"category"}, {"description"}},
                {{{"Q1", "09006", "占道经营"}, "POINT (114.805 33.705)"},
                 {{"Q2", "0100", "暴露垃圾"}, "POINT (114.815 33.715)"},
                 {{"Q3", "0100", "一条线"}, "LINESTRING (114.8 33.7, 114.81 33.71)"}});
}

TEST(ReadIssues, PointLayersOfEveryFormatAreReadInTheLayersCrs) {
    TempDir dir;
    for (const auto& [file, driver] : std::vector<std::pair<std::string, std::string>>{
             {"issues.gpkg", "GPKG"}, {"issues.geojson", "GeoJSON"}, {"issues.shp", "ESRI Shapefile"}}) {
        const std::string path = dir.file(file);
        if (driver == "ESRI Shapefile") {
            // A Shapefile layer holds one geometry type: the line goes in a layer of its own.
            // DBF field names have 10 bytes: 描述 is the description's Chinese alias.
            write_layer(path, driver, "issues", 4490, wkbPoint, {{"id"}, {"category"}, {"描述"}},
                        {{{"Q1", "09006", "占道经营"}, "POINT (114.805 33.705)"},
                         {{"Q2", "0100", "暴露垃圾"}, "POINT (114.815 33.715)"},
                         {{"Q3", "0100", "没有点"}, ""}},
                        {"ENCODING=UTF-8"});
        } else {
            write_issue_layer(path, driver, driver == "GeoJSON" ? 4326 : 4490);
        }
        auto r = read_issues(options_for(path));
        ASSERT_EQ(r.issues.size(), 2u) << file << ": " << (r.rejects.empty() ? "" : r.rejects.front().reason);
        EXPECT_EQ(r.issues[0].id, "Q1") << file;
        EXPECT_EQ(r.issues[0].description, "占道经营") << file;
        EXPECT_EQ(r.issues[0].lon, 114.805) << file;
        EXPECT_EQ(r.issues[0].lat, 33.705) << file;
        geo::CoordinateTransform t(driver == "GeoJSON" ? geo::Crs::wgs84() : geo::Crs::cgcs2000(),
                                   geo::Crs::from_epsg(kGk38));
        geo::XY expected = t({114.815, 33.715});
        EXPECT_NEAR(r.issues[1].position.x, expected.x, 1e-6) << file;
        EXPECT_NEAR(r.issues[1].position.y, expected.y, 1e-6) << file;
        ASSERT_EQ(r.rejects.size(), 1u) << file;
        EXPECT_EQ(r.rejects[0].where.field, "geometry") << file;
        EXPECT_EQ(r.rejects[0].where.record_label, "feature") << file;
        EXPECT_EQ(r.rows_read, 3u) << file;
    }
}

// --crs overrides the layer's CRS (a GeoPackage cannot declare GCJ-02); a layer with no CRS
// needs it; the points go through the same checks as a table's (here: far from the county).
TEST(ReadIssues, PointLayerCrsCanBeOverriddenAndIsRequired) {
    TempDir dir;
    const std::string path = dir.file("issues.gpkg");
    write_issue_layer(path, "GPKG", 4490);
    auto gcj = read_issues(options_for(path, geo::Crs::gcj02()));
    ASSERT_EQ(gcj.issues.size(), 2u);
    EXPECT_EQ(gcj.issues[0].crs, "gcj02");
    geo::XY expected = cgcs_to_gk(geo::gcj02_to_wgs84({114.805, 33.705}));
    EXPECT_NEAR(gcj.issues[0].position.x, expected.x, 1e-6);

    const std::string bare = dir.file("bare.shp");  // no .prj
    write_layer(bare, "ESRI Shapefile", "bare", 0, wkbPoint, {{"id"}}, {{{"Q1"}, "POINT (114.805 33.705)"}});
    EXPECT_THROW((void)read_issues(options_for(bare)), InputError);
    EXPECT_EQ(read_issues(options_for(bare, geo::Crs::cgcs2000())).issues.size(), 1u);

    auto o = options_for(path);
    o.expected_area = geo::Envelope{cgcs_to_gk({114.80, 33.70}).x, cgcs_to_gk({114.80, 33.70}).y,
                                    cgcs_to_gk({114.81, 33.71}).x, cgcs_to_gk({114.81, 33.71}).y};
    o.max_distance_m = 100.0;
    auto near = read_issues(o);
    ASSERT_EQ(near.issues.size(), 1u);
    EXPECT_EQ(near.issues[0].id, "Q1");
    auto rejects = rejects_by_line(near.rejects);
    ASSERT_TRUE(rejects.count(2));
    EXPECT_NE(rejects[2]->reason.find("km from the county"), std::string::npos) << rejects[2]->reason;
}

// Issue 12 §7: `import issues` (read_point_table) and batch locate (CsvPointFile) read a hostile
// CSV alike: the same rows, the same rejects with the same reasons, on the same lines after
// multi-line records, a stray quote, a quote never closed, too many values and a 10 MB value.
TEST(ReadPointTable, AgreesWithBatchLocatesReaderOnAHostileCsv) {
    TempDir dir;
    const std::string path = dir.file("hostile.csv");
    std::string text =
        "id,lon,lat,crs,description\n"                       // 1
        "P1,114.805,33.705,wgs84,\"两行\n描述\"\n"             // 2-3 good
        "P2,114.81,33.71,wgs84,bare\"quote\n"                // 4 stray quote: rejected
        "P3,114.82,33.72,wgs84,next row\n"                   // 5 good (not swallowed)
        ",,,,\n"                                             // 6 blank
        "P4,114.83,33.73,wgs84,a,b\n"                        // 7 too many values
        "P5,abc,33.73,wgs84,x\n"                             // 8 not a number
        "P6,114.84,33.74,wgs84," + std::string(11u << 20, 'Q') + "\n"  // 9 good, 11 MB
        "P7,114.85,33.75,mars,x\n"                           // 10 unknown crs
        "P8,114.86,33.76,wgs84,\"never closed\n"             // 11 broken quote
        "P9,\xC2\xA0" "114.87\xC2\xA0,33.77,wgs84,nbsp\n"      // 12 good (no-break spaces trimmed)
        "P10, abc ,33.78,wgs84,x\n";                        // 13 not a number, worded alike
    write_text(path, text);
    auto o = options_for(path);
    auto table = read_point_table(o);

    importers::CsvPointFile file(o);
    importers::PointChecker checker(o);
    importers::PointRows fast;
    importers::CsvBlock block;
    while (file.read_block(block, 1u << 16)) file.parse(block, 0, block.records.size(), checker, fast);

    std::vector<long long> table_lines;
    for (const auto& r : table.rows) table_lines.push_back(r.line);
    EXPECT_EQ(table_lines, (std::vector<long long>{2, 5, 9, 12}));
    EXPECT_EQ(fast.lines, table_lines);
    auto reasons = [](const std::vector<Reject>& rejects) {
        std::map<long long, std::string> out;
        for (const auto& r : rejects) out[r.where.record.value_or(-1)] = r.where.field + ": " + r.reason;
        return out;
    };
    auto slow_reasons = reasons(table.rejects);
    EXPECT_EQ(slow_reasons, reasons(fast.rejects));
    std::vector<long long> rejected;
    for (const auto& [line, reason] : slow_reasons) rejected.push_back(line);
    EXPECT_EQ(rejected, (std::vector<long long>{4, 7, 8, 10, 11, 13}));
    EXPECT_NE(slow_reasons[13].find("longitude/x 'abc' is not a number"), std::string::npos) << slow_reasons[13];
    EXPECT_EQ(table.rows_read, 10u) << "4 rows and 6 rejects; the blank row is no record";
}

// reported_at in every form an office writes it, kept as a day or a Beijing time with its offset;
// an impossible date rejects the row with the reason (month 13 was stored as given before).
TEST(ReadIssues, ReportedTimesAreCheckedAndKeptInTheProjectsZone) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    write_text(path,
               "id,reported_at,lon,lat,crs\n"
               "Q2,2026/9/1 6:42,114.805,33.705,gcj02\n"
               "Q3,2026/09/01 06:42:19,114.805,33.705,gcj02\n"
               "Q4,2026年9月1日 6时42分,114.805,33.705,gcj02\n"
               "Q5,2026-08-31T22:42:00Z,114.805,33.705,gcj02\n"
               "Q6,2026-09-01,114.805,33.705,gcj02\n"
               "Q7,2026-13-01,114.805,33.705,gcj02\n"
               "Q8,2026-09-01 24:00,114.805,33.705,gcj02\n"
               "Q9,昨天,114.805,33.705,gcj02\n");
    auto r = read_issues(options_for(path));
    std::map<std::string, std::string> at;
    for (const auto& i : r.issues) at[i.id] = i.reported_at;
    EXPECT_EQ(at["Q2"], "2026-09-01T06:42:00+08:00");
    EXPECT_EQ(at["Q3"], "2026-09-01T06:42:19+08:00");
    EXPECT_EQ(at["Q4"], "2026-09-01T06:42:00+08:00");
    EXPECT_EQ(at["Q5"], "2026-09-01T06:42:00+08:00");
    EXPECT_EQ(at["Q6"], "2026-09-01");
    EXPECT_EQ(r.issues.size(), 5u);
    auto rejects = rejects_by_line(r.rejects);
    ASSERT_EQ(rejects.size(), 3u);
    EXPECT_EQ(rejects[7]->where.field, "reported_at");
    EXPECT_EQ(rejects[7]->where.record_label, "line") << "CSV rejects name lines, every one";
    EXPECT_NE(rejects[7]->reason.find("reported_at '2026-13-01' is not a date or time: month 13 does not exist"),
              std::string::npos)
        << rejects[7]->reason;
    EXPECT_NE(rejects[8]->reason.find("hour 24"), std::string::npos) << rejects[8]->reason;
    EXPECT_NE(rejects[9]->reason.find("not a date or time"), std::string::npos) << rejects[9]->reason;
    // Another project zone: the same local text is another instant, written with its offset.
    auto utc = read_issues(options_for(path), grids::kUtc);
    EXPECT_EQ(utc.issues[0].reported_at, "2026-09-01T06:42:00+00:00");
}

// Issues kept in Excel: reported_at is a real date-time cell (written by GDAL as Excel does), and
// a cell in a date format GDAL does not know (Excel's East Asian formats) comes as the serial number.
TEST(ReadIssues, ExcelDateCellsAndSerialNumbers) {
    TempDir dir;
    const std::string path = dir.file("issues.xlsx");
    write_layer(path, "XLSX", "问题", 0, wkbNone,
                {{"问题编号"}, {"上报时间", OFTDateTime}, {"经度", OFTReal}, {"纬度", OFTReal}, {"坐标系"}},
                {{{"Q1", "2026/09/01 06:42:19", "114.805", "33.705", "gcj02"}, {}},
                 {{"Q2", "2026/08/31 23:59:00", "114.805", "33.705", "gcj02"}, {}}});
    {
        auto ds = geo::open_vector(path);
        OGRFeatureDefn* defn = ds->GetLayer(0)->GetLayerDefn();
        EXPECT_EQ(defn->GetFieldDefn(defn->GetFieldIndex("上报时间"))->GetType(), OFTDateTime);
    }
    auto r = read_issues(options_for(path));
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    ASSERT_EQ(r.issues.size(), 2u);
    EXPECT_EQ(r.issues[0].reported_at, "2026-09-01T06:42:19+08:00");
    EXPECT_EQ(r.issues[1].reported_at, "2026-08-31T23:59:00+08:00");

    const std::string serials = dir.file("serials.xlsx");
    write_layer(serials, "XLSX", "问题", 0, wkbNone,
                {{"问题编号"}, {"上报时间", OFTReal}, {"经度", OFTReal}, {"纬度", OFTReal}, {"坐标系"}},
                {{{"Q1", "46266.27938657408", "114.805", "33.705", "gcj02"}, {}},
                 {{"Q2", "46266", "114.805", "33.705", "gcj02"}, {}},
                 {{"Q3", "2026", "114.805", "33.705", "gcj02"}, {}}});
    auto s = read_issues(options_for(serials));
    ASSERT_EQ(s.issues.size(), 2u);
    EXPECT_EQ(s.issues[0].reported_at, "2026-09-01T06:42:19+08:00");
    EXPECT_EQ(s.issues[1].reported_at, "2026-09-01");
    ASSERT_EQ(s.rejects.size(), 1u);
    EXPECT_EQ(s.rejects[0].where.record, 4);
}

}  // namespace
}  // namespace respgrid::test

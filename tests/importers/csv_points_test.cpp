// CsvPointFile (importers/csv_points.hpp): batch locate's fast CSV reader. It must accept and
// reject exactly what read_point_table does on the same file, keep good rows around broken ones,
// and give every reject its line and reason, whatever the block size.
#include <gtest/gtest.h>

#include <map>

#include "respgrid/importers/csv_points.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using importers::CsvBlock;
using importers::CsvPointFile;
using importers::PointChecker;
using importers::PointRows;
using importers::PointTableOptions;

constexpr int kGk38 = 4547;

PointTableOptions options_for(const std::string& path, std::optional<geo::Crs> default_crs = std::nullopt) {
    PointTableOptions o;
    o.path = path;
    o.default_crs = std::move(default_crs);
    o.target_crs = geo::Crs::from_epsg(kGk38);
    return o;
}

// Every row and reject of the file, read in blocks of about `block_bytes`.
PointRows read_all(const PointTableOptions& o, std::size_t block_bytes = std::size_t{1} << 20) {
    CsvPointFile file(o);
    PointChecker checker(o);
    PointRows rows;
    CsvBlock block;
    while (file.read_block(block, block_bytes)) file.parse(block, 0, block.records.size(), checker, rows);
    return rows;
}

std::map<long long, std::string> reasons_by_line(const std::vector<Reject>& rejects) {
    std::map<long long, std::string> out;
    for (const auto& r : rejects) out[r.where.record.value_or(-1)] = r.where.field + ": " + r.reason;
    return out;
}

// Good rows, rows with every kind of defect, and values that need quoting.
const char* const kMixed =
    "\xEF\xBB\xBF编号,经度,纬度,坐标系,描述\r\n"          // line 1
    "P1,114.805,33.705,cgcs2000,普通\r\n"                  // 2 good
    "P2,abc,33.705,cgcs2000,x\r\n"                         // 3 lon not a number
    "P3,114.805,,cgcs2000,x\r\n"                           // 4 lat empty
    "P4,nan,33.7,cgcs2000,x\r\n"                           // 5 NaN
    "P5,114.8,95.0,cgcs2000,x\r\n"                         // 6 lat out of range
    "P6,114.8,33.7,mars2000,x\r\n"                         // 7 unknown crs
    "\r\n"                                                 // 8 blank: skipped, counted
    "P7,114.81,33.71,wgs84,\"逗号,和\"\"引号\"\"\"\r\n"    // 9 good, quoted value
    "P8,114.82,33.72,gcj02,\"两行\n描述\"\r\n"             // 10-11 good, value spans two lines
    "P9,114.83,33.73,cgcs2000,x,extra\r\n"                 // 12 too many values
    "P10,114.84,33.74,cgcs2000\r\n"                        // 13 one value short: padded, good
    "P11,114.85,33.75,cgcs2000,a\"b\r\n"                   // 14 quote inside an unquoted value
    "P12,114.86,33.76,cgcs2000,\"never closed\r\n"         // 15 broken quote: this line only
    "P13,+114.87, 33.77 ,cgcs2000,last\r\n";               // 16 good (sign and spaces)

TEST(CsvPointFile, KeepsGoodRowsAndRejectsEachBadOneOnItsLine) {
    TempDir dir;
    const std::string path = dir.file("mixed.csv");
    write_text(path, kMixed);
    PointRows rows = read_all(options_for(path));
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows.lines, (std::vector<long long>{2, 9, 10, 13, 16}));
    EXPECT_EQ(rows.value(1, 4), "逗号,和\"引号\"");
    EXPECT_EQ(rows.value(2, 4), "两行\n描述");
    EXPECT_EQ(rows.value(3, 4), "");
    EXPECT_EQ(rows.value(4, 0), "P13");
    auto reasons = reasons_by_line(rows.rejects);
    ASSERT_EQ(reasons.size(), 8u);
    EXPECT_NE(reasons[3].find("经度: longitude/x 'abc' is not a number"), std::string::npos) << reasons[3];
    EXPECT_NE(reasons[4].find("纬度: latitude/y '' is not a number"), std::string::npos) << reasons[4];
    EXPECT_NE(reasons[5].find("'nan' is not a number"), std::string::npos) << reasons[5];
    EXPECT_NE(reasons[6].find("out of range"), std::string::npos) << reasons[6];
    EXPECT_NE(reasons[7].find("坐标系: unknown crs 'mars2000'"), std::string::npos) << reasons[7];
    EXPECT_NE(reasons[12].find("has 6 values but the header has 5"), std::string::npos) << reasons[12];
    EXPECT_NE(reasons[14].find("broken quoting"), std::string::npos) << reasons[14];
    EXPECT_NE(reasons[15].find("not closed"), std::string::npos) << reasons[15];
    // The reject keeps the record's text, to fix and resubmit.
    for (const auto& r : rows.rejects) {
        if (r.where.record == 3) {
            EXPECT_EQ(r.text, "P2,abc,33.705,cgcs2000,x");
        }
    }
}

TEST(CsvPointFile, PositionsAreTheWorkingCrsOnesOfEachRowsCrs) {
    TempDir dir;
    const std::string path = dir.file("mixed.csv");
    write_text(path, kMixed);
    PointRows rows = read_all(options_for(path));
    geo::CoordinateTransform from_cgcs(geo::Crs::cgcs2000(), geo::Crs::from_epsg(kGk38));
    geo::CoordinateTransform from_gcj(geo::Crs::gcj02(), geo::Crs::from_epsg(kGk38));
    geo::XY p1 = from_cgcs({114.805, 33.705});
    geo::XY p8 = from_gcj({114.82, 33.72});
    EXPECT_DOUBLE_EQ(rows.positions[0].x, p1.x);
    EXPECT_DOUBLE_EQ(rows.positions[0].y, p1.y);
    EXPECT_DOUBLE_EQ(rows.positions[2].x, p8.x);
    EXPECT_DOUBLE_EQ(rows.positions[2].y, p8.y);
}

TEST(CsvPointFile, AgreesWithReadPointTableRowForRow) {
    TempDir dir;
    const std::string path = dir.file("clean.csv");
    // Well-formed rows (GDAL and libcsv read these alike), some rejected by the shared checks.
    std::string text = "id,lon,lat,crs\n";
    for (int i = 0; i < 300; ++i) {
        double lon = 114.6 + 0.001 * i, lat = 33.5 + 0.0007 * i;
        const char* crs = i % 3 == 0 ? "gcj02" : i % 3 == 1 ? "bd09" : "EPSG:4490";
        if (i % 17 == 0) lon = 200.0;  // out of range
        if (i % 23 == 0) crs = "nonsense";
        text += "Q" + std::to_string(i) + "," + std::to_string(lon) + "," + std::to_string(lat) + "," + crs + "\n";
    }
    write_text(path, text);
    auto o = options_for(path);
    o.expected_area = geo::Envelope{300000, 3700000, 600000, 3800000};
    PointRows fast = read_all(o, 256);  // small blocks: many block boundaries
    auto slow = importers::read_point_table(o);
    ASSERT_EQ(fast.size(), slow.rows.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast.lines[i], slow.rows[i].line);
        EXPECT_DOUBLE_EQ(fast.positions[i].x, slow.rows[i].position.x);
        EXPECT_DOUBLE_EQ(fast.positions[i].y, slow.rows[i].position.y);
    }
    ASSERT_EQ(fast.rejects.size(), slow.rejects.size());
    ASSERT_GT(fast.rejects.size(), 20u);
    for (std::size_t i = 0; i < fast.rejects.size(); ++i) {
        EXPECT_EQ(fast.rejects[i].where.record, slow.rejects[i].where.record);
        EXPECT_EQ(fast.rejects[i].where.field, slow.rejects[i].where.field);
        EXPECT_EQ(fast.rejects[i].reason, slow.rejects[i].reason);
    }
}

TEST(CsvPointFile, BlockSizeDoesNotChangeTheResult) {
    TempDir dir;
    const std::string path = dir.file("mixed.csv");
    write_text(path, kMixed);
    PointRows whole = read_all(options_for(path));
    for (std::size_t bytes : {1, 7, 31, 64, 100}) {
        PointRows pieces = read_all(options_for(path), bytes);
        EXPECT_EQ(pieces.lines, whole.lines) << bytes;
        EXPECT_EQ(pieces.values, whole.values) << bytes;
        EXPECT_EQ(reasons_by_line(pieces.rejects), reasons_by_line(whole.rejects)) << bytes;
    }
}

TEST(CsvPointFile, ThreadsParsingPartsOfABlockGiveTheSameRows) {
    TempDir dir;
    const std::string path = dir.file("mixed.csv");
    write_text(path, kMixed);
    auto o = options_for(path);
    CsvPointFile file(o);
    CsvBlock block;
    ASSERT_TRUE(file.read_block(block));
    const std::size_t n = block.records.size();
    PointChecker c1(o), c2(o);
    PointRows first, second;
    file.parse(block, 0, n / 2, c1, first);
    file.parse(block, n / 2, n, c2, second);
    std::vector<long long> lines = first.lines;
    lines.insert(lines.end(), second.lines.begin(), second.lines.end());
    EXPECT_EQ(lines, read_all(o).lines);
}

TEST(CsvPointFile, MissingColumnsAndWrongFilesFailAtOnceNamingTheFile) {
    TempDir dir;
    const std::string no_lat = dir.file("no_lat.csv");
    write_text(no_lat, "id,lon,crs\nA,114.8,wgs84\n");
    try {
        CsvPointFile file(options_for(no_lat));
        FAIL() << "a table without a latitude column was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("no_lat.csv"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
    }
    const std::string no_crs = dir.file("no_crs.csv");
    write_text(no_crs, "id,lon,lat\nA,114.8,33.7\n");
    EXPECT_THROW(CsvPointFile{options_for(no_crs)}, InputError);
    EXPECT_NO_THROW(CsvPointFile(options_for(no_crs, geo::Crs::wgs84())));

    // Neither UTF-8 nor GB18030 on line 3 (0x80 starts no GB18030 character): refused at once.
    const std::string neither = dir.file("neither.csv");
    write_text(neither, "id,lon,lat\nA,114.8,33.7\nB\x80,114.8,33.7\n");
    try {
        CsvPointFile file(options_for(neither, geo::Crs::wgs84()));
        FAIL() << "text that is neither UTF-8 nor GB18030 was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().record, 3) << e.what();
        EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
    }
    const std::string utf16 = dir.file("utf16.csv");
    write_text(utf16, std::string("\xFF\xFEl\0o\0n\0", 8));
    auto refusal = [&](const std::string& path) -> std::string {
        try {
            CsvPointFile file(options_for(path, geo::Crs::wgs84()));
        } catch (const InputError& e) {
            return e.what();
        }
        return "accepted";
    };
    EXPECT_NE(refusal(utf16).find("UTF-16"), std::string::npos) << refusal(utf16);
    const std::string binary = dir.file("binary.csv");
    write_text(binary, std::string("PK\x03\x04\0\0lon,lat\n", 14));
    EXPECT_NE(refusal(binary).find("NUL"), std::string::npos) << refusal(binary);
    EXPECT_THROW(CsvPointFile{options_for(dir.file("absent.csv"), geo::Crs::wgs84())}, InputError);
}

// Issue 12 §2: a GBK issues CSV with an ASCII header was located with its GBK values copied into
// the UTF-8 output. The whole file is GB18030 now: every value comes out as UTF-8.
TEST(CsvPointFile, AGbkFileIsTranscodedEvenWhenItsHeaderIsAscii) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    write_text(path, gbk("id,lon,lat,crs,description\nP1,114.805,33.705,cgcs2000,东关路口占道经营\n"
                         "P2,114.81,33.71,wgs84,\"西关社区\n暴露垃圾\"\nP3,abc,33.7,wgs84,王庄村\n"));
    auto o = options_for(path);
    CsvPointFile file(o);
    EXPECT_EQ(file.encoding(), geo::TextEncoding::Gb18030);
    PointRows rows = read_all(o, 16);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows.value(0, 4), "东关路口占道经营");
    EXPECT_EQ(rows.value(1, 4), "西关社区\n暴露垃圾");
    EXPECT_EQ(rows.lines, (std::vector<long long>{2, 3}));
    ASSERT_EQ(rows.rejects.size(), 1u);
    EXPECT_EQ(rows.rejects[0].where.record, 5);
    EXPECT_EQ(rows.rejects[0].text, "P3,abc,33.7,wgs84,王庄村") << "the reject's text is UTF-8 too";
}

TEST(CsvPointFile, OnlyCsvAndTxtTakeTheFastPath) {
    EXPECT_TRUE(importers::is_csv_path("a/b/Points.CSV"));
    EXPECT_TRUE(importers::is_csv_path("p.txt"));
    EXPECT_FALSE(importers::is_csv_path("p.xlsx"));
    EXPECT_FALSE(importers::is_csv_path("p.gpkg"));
}

}  // namespace
}  // namespace respgrid::test

namespace respgrid::test {
namespace {

// A NUL inside a record would cut its value short where it reaches SQLite or GDAL as C text: the
// record is a reject on its line, and its neighbours are kept.
TEST(CsvPointFile, ARecordHoldingANulByteIsRejectedOnItsLine) {
    TempDir dir;
    const std::string path = dir.file("nul.csv");
    write_text(path, std::string("id,lon,lat,crs,note\n"
                                 "A,114.80,33.70,cgcs2000,ok\n"
                                 "B,114.81,33.71,cgcs2000,ba\0d\n"
                                 "C,114.82,33.72,cgcs2000,ok\n",
                                 103));
    PointRows rows = read_all(options_for(path));
    EXPECT_EQ(rows.lines, (std::vector<long long>{2, 4}));
    auto reasons = reasons_by_line(rows.rejects);
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_NE(reasons[3].find("NUL"), std::string::npos) << reasons[3];
}

}  // namespace
}  // namespace respgrid::test

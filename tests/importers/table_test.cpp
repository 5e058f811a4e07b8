// read_table, trim and parse_number (importers/table.hpp): CSV as county offices save it (BOM,
// CRLF, quoted commas and line breaks) and XLSX written by GDAL's XLSX driver; every value as
// text, line numbers as the user sees them.
#include <gtest/gtest.h>

#include <cmath>

#include "ogr_fixtures.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/importers/table.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using importers::parse_number;
using importers::read_table;
using importers::trim;

std::vector<long long> lines_of(const importers::Table& t) {
    std::vector<long long> out;
    for (const auto& r : t.rows) out.push_back(r.line);
    return out;
}

TEST(ReadTable, CsvWithBomAndCrlfHasACleanHeaderAndValues) {
    TempDir dir;
    const std::string path = dir.file("points.csv");
    write_text(path, "\xEF\xBB\xBFid,name,lon\r\nA1,东关社区, 114.5 \r\nA2,西关社区,114.6\r\n");
    auto t = read_table(path);
    EXPECT_EQ(t.path, path);
    EXPECT_EQ(t.fields, (std::vector<std::string>{"id", "name", "lon"})) << "no BOM in the first column name";
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].values, (std::vector<std::string>{"A1", "东关社区", "114.5"}));
    EXPECT_EQ(t.rows[1].values, (std::vector<std::string>{"A2", "西关社区", "114.6"})) << "no trailing CR";
    EXPECT_EQ(t.find({"id"}), 0u);
}

TEST(ReadTable, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    write_text(path,
               "id,description,code\n"
               "A1,\"占道经营, 东关路口\",09006\n"
               "A2,\"他说\"\"马上处理\"\"\",09009\n"
               "A3,\"第一行\n第二行\",0100\n");
    auto t = read_table(path);
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0].values[1], "占道经营, 东关路口");
    EXPECT_EQ(t.rows[1].values[1], "他说\"马上处理\"");
    EXPECT_EQ(t.rows[2].values[1], "第一行\n第二行");
    EXPECT_EQ(t.rows[0].values[2], "09006") << "codes are text: leading zeros stay";
    EXPECT_EQ(t.rows[2].values[2], "0100");
}

TEST(ReadTable, CsvLineNumbersCountTheHeaderAsLineOne) {
    TempDir dir;
    const std::string path = dir.file("t.csv");
    write_text(path, "id,lon\nA1,1\nA2,\nA3,3\n");
    auto t = read_table(path);
    EXPECT_EQ(lines_of(t), (std::vector<long long>{2, 3, 4}));
    EXPECT_EQ(t.rows[1].values[1], "") << "an empty cell is an empty string, not a missing row";
    auto where = t.where(t.rows[1], 1);
    EXPECT_EQ(where.file, path);
    EXPECT_EQ(where.record, 3);
    EXPECT_EQ(where.field, "lon");
    EXPECT_EQ(t.where(t.rows[2]).record, 4);
    EXPECT_TRUE(t.where(t.rows[2]).field.empty());
}

// table.hpp: a CSV row is numbered by the file's line, as batch locate numbers it (issue 12 §7:
// the same line numbers after multi-line records): a quoted cell spanning two lines is one row,
// and A2, after it, is on line 4.
TEST(ReadTable, CsvRowsAfterAQuotedLineBreakKeepTheFilesLineNumbers) {
    TempDir dir;
    const std::string path = dir.file("t.csv");
    write_text(path, "id,description\nA1,\"第一行\n第二行\"\nA2,x\n");
    auto t = read_table(path);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].values[1], "第一行\n第二行");
    EXPECT_EQ(lines_of(t), (std::vector<long long>{2, 4}));
    EXPECT_EQ(t.where(t.rows[1], 0).record_label, "line");
}

// table.hpp: blank lines are not records, but they are lines; so are Excel's ",,," rows.
TEST(ReadTable, CsvBlankLinesAreNotRecordsButCount) {
    TempDir dir;
    const std::string path = dir.file("t.csv");
    write_text(path, "id,lon\nA1,1\n\n , \nA2,2\n,\n");
    auto t = read_table(path);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[1].values[0], "A2");
    EXPECT_EQ(lines_of(t), (std::vector<long long>{2, 5}));
    EXPECT_TRUE(t.rejects.empty());
}

TEST(ReadTable, XlsxLinesAreSpreadsheetRowsAndNumericCellsComeAsText) {
    TempDir dir;
    const std::string path = dir.file("sheet.xlsx");
    write_layer(path, "XLSX", "问题", 0, wkbNone,
                {{"id"}, {"lon", OFTReal}, {"unit_code", OFTInteger64}, {"category"}},
                {{{"A1", "114.805", "411626001001", "09006"}, {}},
                 {{"", "", "", ""}, {}},  // an empty spreadsheet row
                 {{"A3", "33.1", "411626001", "0100"}, {}}});
    auto t = read_table(path);
    EXPECT_EQ(t.layer, "问题");
    EXPECT_EQ(t.fields, (std::vector<std::string>{"id", "lon", "unit_code", "category"}));
    // The blank row is skipped, and A3 keeps its spreadsheet row number.
    EXPECT_EQ(lines_of(t), (std::vector<long long>{2, 4}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].values, (std::vector<std::string>{"A1", "114.805", "411626001001", "09006"}));
    EXPECT_EQ(t.rows[1].values[2], "411626001");
    EXPECT_EQ(t.where(t.rows[1], 0).layer, "问题");
    // A sheet by name.
    EXPECT_EQ(read_table(path, "问题").rows.size(), 2u);
}

TEST(ReadTable, FindIgnoresCaseAndSpacesAndRequireNamesTheColumnsPresent) {
    TempDir dir;
    const std::string path = dir.file("t.csv");
    write_text(path, " Lon ,纬度,ID\n1,2,3\n");
    auto t = read_table(path);
    EXPECT_EQ(t.find({"lon"}), 0u);
    EXPECT_EQ(t.find({"lat", "纬度"}), 1u);
    EXPECT_EQ(t.find({"id"}), 2u);
    EXPECT_FALSE(t.find({"crs", "坐标系"}));
    try {
        (void)t.require({"crs", "坐标系"});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().field, "crs");
        EXPECT_EQ(e.where().file, path);
        EXPECT_NE(std::string(e.what()).find("纬度"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("ID"), std::string::npos) << e.what();
    }
}

TEST(ReadTable, MissingFileOrSheetIsAnInputError) {
    TempDir dir;
    const std::string missing = dir.file("nope.csv");
    try {
        (void)read_table(missing);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().file, missing);
    }
    const std::string xlsx = dir.file("book.xlsx");
    write_sheet(xlsx, "XLSX", "名册", {"id"}, {{"A"}});
    try {
        (void)read_table(xlsx, "花名册");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().layer, "花名册");
        EXPECT_NE(std::string(e.what()).find("名册"), std::string::npos) << "lists the sheets: " << e.what();
    }
}

// Issue 12 §2: a roster saved by Chinese Excel as "CSV" is GBK; it reads as the same UTF-8 text.
TEST(ReadTable, GbkCsvIsTranscodedToUtf8) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path, gbk("owner_id,kind,name\r\nT1,乡镇,城关街道\r\nV1,村,东关社区\r\nG1,网格员,张三\r\n"));
    auto t = read_table(path);
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0].values, (std::vector<std::string>{"T1", "乡镇", "城关街道"}));
    EXPECT_EQ(t.rows[1].values[2], "东关社区");
    EXPECT_EQ(t.rows[2].values[2], "张三");
    EXPECT_EQ(t.encoding, geo::TextEncoding::Gb18030);
}

// The encoding is decided for the whole file: "小叶" in GBK (D0 A1 D2 B6) is also valid UTF-8
// ("Сҷ"), so a decision per value would store that name garbled.
TEST(ReadTable, AGbkNameThatIsValidUtf8ByAccidentIsStillReadAsGbk) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    ASSERT_TRUE(geo::is_utf8(gbk("小叶")));
    write_text(path, gbk("编号,名称\nG1,小叶\nG2,王庄村\n"));
    auto t = read_table(path);
    EXPECT_EQ(t.fields, (std::vector<std::string>{"编号", "名称"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].values[1], "小叶");
    EXPECT_EQ(t.rows[1].values[1], "王庄村");
}

// Every record is checked, not only the header: text that is neither UTF-8 nor GB18030 on line 5
// (after a record spanning lines 3-4) is an InputError naming the file and that line.
TEST(ReadTable, TextThatIsNeitherUtf8NorGb18030IsRefusedNamingTheLine) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    write_text(path, "id,description\nA1,ok\nA2,\"two\nlines\"\nA3,bad \xFF byte\nA4,ok\n");
    try {
        (void)read_table(path);
        FAIL() << "text with a 0xFF byte was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().file, path);
        EXPECT_EQ(e.where().record, 5) << e.what();
        EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
    }
}

// A UTF-8 row pasted into a GBK file: transcoding the whole file as GBK would garble it.
TEST(ReadTable, AFileMixingGbkAndUtf8LinesIsRefusedNamingTheUtf8Line) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path, gbk("id,name\nA1,城关街道\n") + "A2,东关社区\n");
    try {
        (void)read_table(path);
        FAIL() << "a mixed-encoding file was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().record, 3) << e.what();
        EXPECT_NE(std::string(e.what()).find("mixes encodings"), std::string::npos) << e.what();
    }
}

// Issue 12 §7: GDAL's CSV driver ended the table at a value over ~10 MB (a base64 photo) and
// reported nothing; every row after it must still be read.
TEST(ReadTable, AValueOverTenMegabytesDoesNotEndTheTable) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    std::string text = "id,description,lon\n";
    for (int i = 1; i <= 200; ++i) {
        std::string description = i == 2 ? std::string(11u << 20, 'Q') : "row " + std::to_string(i);
        text += "A" + std::to_string(i) + "," + description + ",114.8\n";
    }
    write_text(path, text);
    auto t = read_table(path);
    ASSERT_EQ(t.rows.size(), 200u);
    EXPECT_EQ(t.rows[1].values[1].size(), 11u << 20);
    EXPECT_EQ(t.rows[199].values[0], "A200");
    EXPECT_EQ(t.rows[199].line, 201);
}

// Issue 12 §7: a quote inside an unquoted value made GDAL read the next row into this one. The
// strict reader rejects that one record, with its line, and reads on.
TEST(ReadTable, AStrayQuoteRejectsItsOwnRecordOnlyAndTheNextRowIsKept) {
    TempDir dir;
    const std::string path = dir.file("issues.csv");
    write_text(path, "id,description,lon\nA1,bare\"quote,114.8\nA2,next,114.9\nA3,\"never closed,115\nA4,last,115.1\n");
    auto t = read_table(path);
    std::vector<std::string> ids;
    for (const auto& r : t.rows) ids.push_back(r.values[0]);
    EXPECT_EQ(ids, (std::vector<std::string>{"A2", "A4"}));
    EXPECT_EQ(lines_of(t), (std::vector<long long>{3, 5}));
    ASSERT_EQ(t.rejects.size(), 2u);
    EXPECT_EQ(t.rejects[0].where.record, 2);
    EXPECT_NE(t.rejects[0].reason.find("broken quoting"), std::string::npos) << t.rejects[0].reason;
    EXPECT_EQ(t.rejects[0].text, "A1,bare\"quote,114.8");
    EXPECT_EQ(t.rejects[1].where.record, 4);
    EXPECT_NE(t.rejects[1].reason.find("not closed"), std::string::npos) << t.rejects[1].reason;
}

// More values than the header: an unquoted comma shifted every value after it.
TEST(ReadTable, ARowWithMoreValuesThanTheHeaderIsRejectedAndAShortOneIsPadded) {
    TempDir dir;
    const std::string path = dir.file("t.csv");
    write_text(path, "id,name,phone\nA1,城关,街道,138\nA2,东关\n");
    auto t = read_table(path);
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].values, (std::vector<std::string>{"A2", "东关", ""}));
    ASSERT_EQ(t.rejects.size(), 1u);
    EXPECT_EQ(t.rejects[0].where.record, 2);
    EXPECT_NE(t.rejects[0].reason.find("has 4 values but the header has 3"), std::string::npos);
}

TEST(Trim, RemovesAsciiWhiteSpaceAndNoBreakSpacesOnly) {
    EXPECT_EQ(trim(" \t a b \r\n"), "a b");
    EXPECT_EQ(trim("\xC2\xA0" "114.5\xC2\xA0"), "114.5");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim(" \r\n\t"), "");
    EXPECT_EQ(trim("东关 "), "东关");
    // U+5820 is E5 A0 A0: its last byte is not a no-break space.
    EXPECT_EQ(trim("x\xE5\xA0\xA0"), "x\xE5\xA0\xA0");
    EXPECT_EQ(trim("\xE5\xA0\xA0 "), "\xE5\xA0\xA0");
}

TEST(ParseNumber, AcceptsOnlyAWholeFiniteNumber) {
    EXPECT_EQ(parse_number(" 114.5 "), 114.5);
    EXPECT_EQ(parse_number("-33.25"), -33.25);
    EXPECT_EQ(parse_number("3730000"), 3730000.0);
    EXPECT_EQ(parse_number("1e3"), 1000.0);
    EXPECT_EQ(parse_number("\xC2\xA0" "12"), 12.0);
    for (const char* bad : {"1e", "NaN", "nan", "inf", "-inf", "", "   ", "12abc", "1,5", "114.5°", "0x1A", "1e999",
                            "--1", "东经114"}) {
        EXPECT_FALSE(parse_number(bad)) << "'" << bad << "'";
    }
}

}  // namespace
}  // namespace respgrid::test

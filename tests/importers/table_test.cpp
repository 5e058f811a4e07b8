// read_table, trim and parse_number (importers/table.hpp): CSV as county offices save it (BOM,
// CRLF, quoted commas and line breaks) and XLSX written by GDAL's XLSX driver; every value as
// text, line numbers as the user sees them.
#include <gtest/gtest.h>

#include <cmath>

#include "ogr_fixtures.hpp"
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

// table.hpp: rows are numbered as a spreadsheet shows the CSV: a quoted cell spanning two lines
// is one row, so A2 is row 3 although it starts on line 4 of the file.
TEST(ReadTable, CsvRowsAfterAQuotedLineBreakAreSpreadsheetRows) {
    TempDir dir;
    const std::string path = dir.file("t.csv");
    write_text(path, "id,description\nA1,\"第一行\n第二行\"\nA2,x\n");
    auto t = read_table(path);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].values[1], "第一行\n第二行");
    EXPECT_EQ(lines_of(t), (std::vector<long long>{2, 3}));
    EXPECT_EQ(t.where(t.rows[1], 0).record_label, "row");
}

// table.hpp: blank lines are not records (GDAL skips them without counting them).
TEST(ReadTable, CsvBlankLinesAreNotRecords) {
    TempDir dir;
    const std::string path = dir.file("t.csv");
    write_text(path, "id,lon\nA1,1\n\nA2,2\n");
    auto t = read_table(path);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[1].values[0], "A2");
    EXPECT_EQ(lines_of(t), (std::vector<long long>{2, 3}));
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

// write_csv and write_rejects (exporters/csv.hpp): what Excel and GDAL read back from our CSV
// files: exact text (commas, quotes, line breaks, Chinese, leading zeros), a UTF-8 BOM, files
// replaced rather than appended to, rejects in file and record order.
#include <gtest/gtest.h>

#include <filesystem>

#include "respgrid/exporters/csv.hpp"
#include "respgrid/geo/gdal.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using exporters::write_csv;
using exporters::write_rejects;

struct CsvContent {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

// Reads a CSV back with GDAL's CSV driver and its default options, as ogr2ogr or QGIS would.
CsvContent read_back(const std::string& path) {
    CsvContent out;
    auto ds = geo::open_vector(path);
    OGRLayer& layer = geo::layer_of(*ds, path, "");
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        out.header.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        EXPECT_EQ(defn->GetFieldDefn(i)->GetType(), OFTString) << "no .csvt typing the columns";
    }
    for (auto& f : layer) {
        std::vector<std::string> row;
        for (int i = 0; i < defn->GetFieldCount(); ++i) row.emplace_back(f->GetFieldAsString(i));
        out.rows.push_back(std::move(row));
    }
    return out;
}

TEST(WriteCsv, GdalReadsBackEveryValueExactly) {
    TempDir dir;
    const std::string path = dir.file("out.csv");
    const std::vector<std::string> header{"code", "名称", "note"};
    const std::vector<std::vector<std::string>> rows{
        {"09006", "占道经营", "a, b"},
        {"411626001001", "东关社区", "他说\"马上处理\""},
        {"0100", "第一行\n第二行", ""},
        {"007", "semi;colon", "tab\there"},
    };
    write_csv(path, header, rows);
    auto back = read_back(path);
    EXPECT_EQ(back.header, header);
    EXPECT_EQ(back.rows, rows);
}

TEST(WriteCsv, FileStartsWithTheUtf8BomAndKeepsCodesUnquoted) {
    TempDir dir;
    const std::string path = dir.file("out.csv");
    write_csv(path, {"code", "name"}, {{"09006", "占道经营"}});
    std::string text = read_text(path);
    ASSERT_GE(text.size(), 3u);
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(text.substr(3), "code,name\n09006,占道经营\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("out.csvt")));
}

TEST(WriteCsv, ReplacesAnExistingFile) {
    TempDir dir;
    const std::string path = dir.file("out.csv");
    write_text(path, "old,header,with,more,columns\n1,2,3,4,5\n6,7,8,9,10\n11,12,13,14,15\n");
    write_csv(path, {"a", "b"}, {{"1", "2"}});
    EXPECT_EQ(read_text(path), "\xEF\xBB\xBF" "a,b\n1,2\n");
    write_csv(path, {"x", "y"}, {});
    EXPECT_EQ(read_text(path), "\xEF\xBB\xBF" "x,y\n");
}

TEST(WriteCsv, UnwritablePathIsAnOutputErrorAndLeavesNoFile) {
    TempDir dir;
    const std::string path = dir.file("no_such_folder/out.csv");
    try {
        write_csv(path, {"a"}, {{"1"}});
        FAIL() << "expected OutputError";
    } catch (const OutputError& e) {
        EXPECT_EQ(e.path(), path);
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(WriteCsv, WritesAFileAtAPathWithoutTheCsvExtension) {
    TempDir dir;
    const std::string path = dir.file("located.txt");
    write_csv(path, {"a", "b"}, {{"1", "2"}});
    EXPECT_TRUE(std::filesystem::is_regular_file(path));
    EXPECT_EQ(read_text(path), "\xEF\xBB\xBF" "a,b\n1,2\n");
}

TEST(WriteRejects, SortedByFileThenRecordNumericallyKeepingTheOrderOfTies) {
    TempDir dir;
    const std::string path = dir.file("rejects.csv");
    std::vector<Reject> rejects{
        {{"b.csv", "", 10, "lon"}, "b10"},
        {{"a.csv", "", 9, "lat"}, "a9 first"},
        {{"a.csv", "", 10, "crs"}, "a10"},
        {{"b.csv", "", 2, "id"}, "b2"},
        {{"a.csv", "村", std::nullopt, ""}, "a without record"},
        {{"a.csv", "", 9, "lon"}, "a9 second, 中文\"引号\""},
    };
    write_rejects(path, rejects);
    auto back = read_back(path);
    EXPECT_EQ(back.header, (std::vector<std::string>{"file", "layer", "record", "field", "reason"}));
    std::vector<std::vector<std::string>> expected{
        {"a.csv", "村", "", "", "a without record"},
        {"a.csv", "", "9", "lat", "a9 first"},
        {"a.csv", "", "9", "lon", "a9 second, 中文\"引号\""},
        {"a.csv", "", "10", "crs", "a10"},
        {"b.csv", "", "2", "id", "b2"},
        {"b.csv", "", "10", "lon", "b10"},
    };
    EXPECT_EQ(back.rows, expected);
}

}  // namespace
}  // namespace respgrid::test

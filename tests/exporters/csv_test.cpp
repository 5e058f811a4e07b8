// write_csv, the rejects_csv pieces and write_layer_csv (exporters/csv.hpp): what Excel and GDAL read
// back from our CSV files: exact text (commas, quotes, line breaks, Chinese, leading zeros), a
// UTF-8 BOM, files replaced rather than appended to, rejects in file and record order, and no
// cell Excel would run as a formula.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "respgrid/exporters/csv.hpp"
#include "respgrid/geo/gdal.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using exporters::write_csv;

// A rejects file as respgrid writes one (apps' RejectsFile streams the same pieces): the header,
// a `text` column when any reject has the record's text, the rejects in file order.
void write_rejects(const std::string& path, const std::vector<Reject>& rejects) {
    namespace r = exporters::rejects_csv;
    const bool with_text = r::has_text(rejects);
    std::string text = r::header(with_text);
    for (const auto& reject : r::in_file_order(rejects)) r::append(text, reject, with_text);
    write_text(path, text);
}

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

// Cells Excel runs as formulas (OWASP's CSV injection list) and cells it reads as numbers.
TEST(CsvText, TextThatWouldStartAFormulaGetsAQuoteAndNumbersStayNumbers) {
    using exporters::csv_text;
    for (const std::string formula : {"=HYPERLINK(\"http://x\",\"点我\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                                      "\t=1", "\r=1", "\n=1", "-", "+86 138 0000 0000", "-E1", "=", "--1", "-1e"}) {
        EXPECT_EQ(csv_text(formula), "'" + formula) << formula;
    }
    for (const std::string kept : {"-12.5", "+3", "-0", "1e-3", "-1E+5", "-.5", "+7.", "12", "0394-1234567", "张三",
                                   "a=b", " =1", "", "'=1"}) {
        EXPECT_EQ(csv_text(kept), kept) << kept;
    }
}

TEST(CsvText, AppendedFieldsAreGuardedThenQuoted) {
    std::string line;
    exporters::append_csv_field(line, "=1+1");
    line += ',';
    exporters::append_csv_field(line, "=a,\"b\"");
    line += ',';
    exporters::append_csv_field(line, "-12.5");
    line += ',';
    exporters::append_csv_field(line, "x,y");
    EXPECT_EQ(line, "'=1+1,\"'=a,\"\"b\"\"\",-12.5,\"x,y\"");
}

// A record written whole (its one-pass copy when nothing needs care) is the fields written one by
// one, on every kind of cell: empty first and last cells, commas, quotes, line ends, formula
// starts and signed numbers.
TEST(CsvText, ARecordWrittenWholeIsItsFieldsWrittenOneByOne) {
    const std::vector<std::vector<std::string>> records = {
        {"", "411626202219329", "潘屯村第329网格", "32.76", ""},
        {"P1", "", "", "", "563.5"},
        {"a,b", "x", "y"},
        {"x", "say \"hi\"", "z"},
        {"=1+1", "ok"},
        {"ok", "-12.5", "+3", "@x"},
        {"line\nbreak", "\tlead"},
        {""},
        {"only"},
    };
    for (const auto& cells : records) {
        std::string text = "prefix";  // the record need not start the text
        const auto begin = static_cast<std::uint32_t>(text.size());
        std::vector<std::uint32_t> ends;
        std::string expected;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            text += cells[c];
            ends.push_back(static_cast<std::uint32_t>(text.size()));
            if (c) expected += ',';
            exporters::append_csv_field(expected, cells[c]);
        }
        expected += '\n';
        std::string got = "before;";
        exporters::append_csv_record(got, text, begin, ends.data(), ends.size());
        EXPECT_EQ(got, "before;" + expected) << cells.front();
    }
}

TEST(WriteCsv, FormulasFromTheDataArriveAsTextAndNumbersAsNumbers) {
    TempDir dir;
    const std::string path = dir.file("out.csv");
    write_csv(path, {"name", "phone", "count"},
              {{"=HYPERLINK(\"http://evil\",\"详情\")", "+86 139", "-12.5"}, {"@SUM(1+1)*cmd|' /C calc'!A0", "-", "3"}});
    auto back = read_back(path);
    EXPECT_EQ(back.rows, (std::vector<std::vector<std::string>>{
                             {"'=HYPERLINK(\"http://evil\",\"详情\")", "'+86 139", "-12.5"},
                             {"'@SUM(1+1)*cmd|' /C calc'!A0", "'-", "3"}}));
}

TEST(WriteRejects, TheRecordsOwnTextIsGuardedToo) {
    TempDir dir;
    const std::string path = dir.file("rejects.csv");
    Reject r{{"issues.csv", "", 2, "lon"}, "not a number"};
    r.text = "=cmd|' /C calc'!A0,114.8,33.7";
    write_rejects(path, {r});
    auto back = read_back(path);
    ASSERT_EQ(back.rows.size(), 1u);
    EXPECT_EQ(back.rows[0].back(), "'=cmd|' /C calc'!A0,114.8,33.7");
}

TEST(WriteLayerCsv, TextColumnsAreGuardedNumericColumnsAndGeometryAreNot) {
    TempDir dir;
    auto source = geo::create_vector("/vsimem/csv_test_source.gpkg", "GPKG");
    geo::RemovedOnExit removed("/vsimem/csv_test_source.gpkg");
    auto srs = geo::srs_from_epsg(4490);
    OGRLayer* layer = source->CreateLayer("grids", srs.get(), wkbPoint, nullptr);
    ASSERT_NE(layer, nullptr);
    for (auto [name, type] :
         {std::pair{"name", OFTString}, {"note", OFTString}, {"area_m2", OFTReal}, {"n", OFTInteger}}) {
        OGRFieldDefn field(name, type);
        ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
    }
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("name", "=1+1");
    f->SetField("note", "-12.5");
    f->SetField("area_m2", -12.5);
    f->SetField("n", -3);
    OGRPoint point(114.8, 33.7);
    f->SetGeometry(&point);
    ASSERT_EQ(layer->CreateFeature(f.get()), OGRERR_NONE);
    const std::string path = dir.file("grids.csv");
    EXPECT_EQ(exporters::write_layer_csv(*layer, path, {"WRITE_BOM=YES", "GEOMETRY=AS_WKT"}), 1);
    const std::string text = read_text(path);
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(text.find("WKT,name,note,area_m2,n\n"), std::string::npos) << text;
    // GDAL quotes text that looks like a number ("-12.5"); Excel still reads it as one.
    EXPECT_NE(text.find("\"POINT (114.8 33.7)\",'=1+1,\"-12.5\",-12.5,"), std::string::npos) << text;
}

}  // namespace
}  // namespace respgrid::test

// The files a county office really has (issue 12 §2, §6, §7), end to end through the binary: GBK
// CSVs saved by Chinese Excel, a GBK Shapefile without .cpg, text in no known encoding, a CSV
// with a 10 MB value and a stray quote, and issues as point layers. Nothing garbled is stored,
// nothing is lost silently, and `import issues` and batch locate agree.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "ogr_fixtures.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

std::string rect(double x0, double y0, double x1, double y1) {
    return "POLYGON ((" + std::to_string(x0) + " " + std::to_string(y0) + ", " + std::to_string(x1) + " " +
           std::to_string(y0) + ", " + std::to_string(x1) + " " + std::to_string(y1) + ", " + std::to_string(x0) + " " +
           std::to_string(y1) + ", " + std::to_string(x0) + " " + std::to_string(y0) + "))";
}

// One county, one township, two villages, in CGCS2000 lon/lat.
class OfficeFiles : public ::testing::Test {
protected:
    void SetUp() override {
        project = dir.file("county.rgproj");
        write_layer(dir.file("county.gpkg"), "GPKG", "county", 4490, wkbPolygon, {{"code"}, {"name"}},
                    {{{"411626", "测试县"}, rect(114.80, 33.70, 114.82, 33.72)}});
        write_layer(dir.file("townships.gpkg"), "GPKG", "townships", 4490, wkbPolygon, {{"code"}, {"name"}},
                    {{{"411626001", "城关街道"}, rect(114.80, 33.70, 114.82, 33.72)}});
        write_layer(dir.file("villages.gpkg"), "GPKG", "villages", 4490, wkbPolygon, {{"code"}, {"name"}},
                    {{{"411626001001", "小叶庄"}, rect(114.80, 33.70, 114.81, 33.72)},
                     {{"411626001002", "王庄村"}, rect(114.81, 33.70, 114.82, 33.72)}});
        ASSERT_EQ(run({"init", project, "--county-code", "411626", "--name", "测试县"}).exit_code, 0);
        for (const auto& [file, level] : std::vector<std::pair<std::string, std::string>>{
                 {"county.gpkg", "county"}, {"townships.gpkg", "township"}, {"villages.gpkg", "village"}}) {
            auto r = run({"import", "boundaries", project, dir.file(file), "--level", level});
            ASSERT_EQ(r.exit_code, 0) << r.err;
        }
    }
    CommandResult run(const std::vector<std::string>& args) {
        std::vector<std::string> quiet{"-q"};
        quiet.insert(quiet.end(), args.begin(), args.end());
        return run_respgrid(quiet);
    }
    std::map<std::string, std::string> owner_names() {
        auto p = store::Project::open(project);
        std::map<std::string, std::string> out;
        for (const auto& o : p.load_owners()) out[o.id] = o.name;
        return out;
    }

    TempDir dir;
    std::string project;
};

// The same villages again as older Chinese desktop GIS software leaves them: a GBK Shapefile
// without .cpg (GDAL then hands out the raw GBK bytes), with a Chinese field name.
TEST_F(OfficeFiles, AGbkShapefileWithoutCpgStoresTheRightVillageNamesAndSaysItTranscoded) {
    write_layer(dir.file("villages.shp"), "ESRI Shapefile", "villages", 4490, wkbPolygon, {{"code"}, {"name"}, {"名称"}},
                {{{"411626001001", "小叶庄", "小叶庄"}, rect(114.80, 33.70, 114.81, 33.72)},
                 {{"411626001002", "王庄村", "王庄村"}, rect(114.81, 33.70, 114.82, 33.72)}},
                {"ENCODING=CP936"});
    std::filesystem::remove(dir.file("villages.cpg"));
    for (const std::string field : {"name", "名称"}) {
        auto r = run(
            {"import", "boundaries", project, dir.file("villages.shp"), "--level", "village", "--name-field", field});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("villages.shp: read as GB18030"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("0 new, 2 updated"), std::string::npos) << r.out;
        auto p = store::Project::open(project);
        std::map<std::string, std::string> names;
        for (const auto& u : p.load_units(grids::AdminLevel::Village)) names[u.code] = u.name;
        EXPECT_EQ(names["411626001001"], "小叶庄") << field;
        EXPECT_EQ(names["411626001002"], "王庄村") << field;
    }
}

// The reproduction: a roster saved by Chinese Excel as CSV imported with exit 0 and stored
// mojibake for every owner name.
TEST_F(OfficeFiles, ARosterSavedByChineseExcelAsCsvStoresTheRightNames) {
    write_text(dir.file("roster.csv"), gbk("owner_id,kind,name,unit_code,contact,phone\r\n"
                                           "T1,township,城关街道,411626001,张三,13800000001\r\n"
                                           "V1,village,小叶庄,411626001001,李四,13800000002\r\n"
                                           "G1,grid_worker,钱七,411626001001,,13800000005\r\n"));
    auto r = run({"import", "roster", project, dir.file("roster.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string note = "roster.csv: read as GB18030 (GBK, Excel's Chinese CSV), transcoded to UTF-8";
    EXPECT_NE(r.out.find(note), std::string::npos) << r.out;
    auto names = owner_names();
    EXPECT_EQ(names["T1"], "城关街道");
    EXPECT_EQ(names["V1"], "小叶庄");
    EXPECT_EQ(names["G1"], "钱七");
}

// A GBK issues CSV with an ASCII header: batch locate wrote GBK values into a UTF-8 output.
TEST_F(OfficeFiles, AGbkIssuesCsvIsLocatedAndImportedAsUtf8) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    write_text(dir.file("issues.csv"), gbk("id,lon,lat,crs,description\r\n"
                                           "Q1,114.805,33.705,cgcs2000,东关路口占道经营\r\n"
                                           "Q2,114.815,33.715,cgcs2000,\"王庄村\r\n村口垃圾\"\r\n"));
    auto located = run({"locate", project, "--input", dir.file("issues.csv"), "--output", dir.file("located.csv")});
    ASSERT_EQ(located.exit_code, 0) << located.err;
    EXPECT_NE(located.out.find("issues.csv: read as GB18030"), std::string::npos) << located.out;
    std::string output = read_text(dir.file("located.csv"));
    EXPECT_TRUE(geo::is_utf8(output)) << "no GBK bytes in the output";
    EXPECT_NE(output.find("东关路口占道经营"), std::string::npos);
    EXPECT_NE(output.find("小叶庄"), std::string::npos) << "the village names come from the GBK Shapefile";

    auto imported = run({"import", "issues", project, dir.file("issues.csv")});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find("issues.csv: read as GB18030"), std::string::npos) << imported.out;
    auto p = store::Project::open(project);
    std::map<std::string, std::string> descriptions;
    for (const auto& i : p.load_issues()) descriptions[i.id] = i.description;
    EXPECT_EQ(descriptions["Q1"], "东关路口占道经营");
    EXPECT_EQ(descriptions["Q2"], "王庄村\r\n村口垃圾");
}

// Text that is neither UTF-8 nor GB18030 (0x80 starts no GB18030 character; FF is in neither):
// exit 4 naming the file and the line, and nothing stored.
TEST_F(OfficeFiles, TextThatIsNeitherUtf8NorGbkIsRefusedWithExit4NamingTheLine) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    write_text(dir.file("roster.csv"),
               "id,kind,name,unit_code\nT1,township,ok,411626001\nT2,township,\x80\xFF,411626001\n");
    auto roster = run({"import", "roster", project, dir.file("roster.csv")});
    EXPECT_EQ(roster.exit_code, 4) << roster.out;
    EXPECT_NE(roster.err.find("roster.csv"), std::string::npos) << roster.err;
    EXPECT_NE(roster.err.find("line=3"), std::string::npos) << roster.err;
    EXPECT_TRUE(owner_names().empty());

    write_text(dir.file("points.csv"), "id,lon,lat,crs,description\nQ1,114.805,33.705,cgcs2000,\xFF\n");
    auto located = run({"locate", project, "--input", dir.file("points.csv"), "--output", dir.file("located.csv")});
    EXPECT_EQ(located.exit_code, 4) << located.out;
    EXPECT_NE(located.err.find("line=2"), std::string::npos) << located.err;
}

// Issue 12 §7: GDAL's CSV driver ended `import issues` at a value over ~10 MB (2 of 200 rows, exit
// 0, "0 rejected"), and a stray quote swallowed the next row. Now every row is read, the stray
// quote rejects its own row only, and batch locate rejects the same line for the same reason.
TEST_F(OfficeFiles, ImportIssuesReadsPastAHugeValueAndAStrayQuoteLikeBatchLocate) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    std::string text = "id,lon,lat,crs,description\n";
    for (int i = 1; i <= 200; ++i) {
        std::string description = i == 2 ? std::string(11u << 20, 'A') : i == 50 ? "bare\"quote" : "row";
        text += "Q" + std::to_string(i) + ",114.805,33.705,cgcs2000," + description + "\n";
    }
    write_text(dir.file("issues.csv"), text);
    auto imported = run({"import", "issues", project, dir.file("issues.csv")});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find("imported 199 issue(s)"), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find("1 rejected"), std::string::npos) << imported.out;
    EXPECT_EQ(store::Project::open(project).load_issues().size(), 199u);
    std::string import_rejects = read_text(dir.file("issues.rejects.csv"));
    EXPECT_NE(import_rejects.find(",51,"), std::string::npos) << import_rejects;
    EXPECT_NE(import_rejects.find("broken quoting"), std::string::npos) << import_rejects;

    auto located = run({"locate", project, "--input", dir.file("issues.csv"), "--output", dir.file("located.csv")});
    EXPECT_EQ(located.exit_code, 8) << located.err;
    EXPECT_NE(located.out.find("located 199 point(s)"), std::string::npos) << located.out;
    std::string locate_rejects = read_text(dir.file("located.rejects.csv"));
    EXPECT_NE(locate_rejects.find(",51,"), std::string::npos) << locate_rejects;
    auto reason_of = [](const std::string& rejects) {
        std::size_t at = rejects.find("broken quoting");
        return at == std::string::npos ? std::string() : rejects.substr(at, rejects.find(',', at) - at);
    };
    EXPECT_EQ(reason_of(import_rejects), reason_of(locate_rejects));
}

// Issue 12 §6: issues as point layers (GeoPackage, GeoJSON, Shapefile) are imported and batch
// located, each in its layer's CRS.
TEST_F(OfficeFiles, PointLayersAreImportedAndBatchLocated) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    for (const auto& [file, driver] : std::vector<std::pair<std::string, std::string>>{
             {"reports.gpkg", "GPKG"}, {"reports.geojson", "GeoJSON"}, {"reports.shp", "ESRI Shapefile"}}) {
        write_layer(dir.file(file), driver, "reports", driver == "GeoJSON" ? 4326 : 4490, wkbPoint, {{"id"}, {"描述"}},
                    {{{file + "-1", "占道经营"}, "POINT (114.805 33.705)"},
                     {{file + "-2", "暴露垃圾"}, "POINT (114.815 33.715)"}},
                    driver == "ESRI Shapefile" ? std::vector<std::string>{"ENCODING=UTF-8"}
                                              : std::vector<std::string>{});
        auto imported = run({"import", "issues", project, dir.file(file)});
        ASSERT_EQ(imported.exit_code, 0) << file << ": " << imported.err;
        EXPECT_NE(imported.out.find("imported 2 issue(s)"), std::string::npos) << imported.out;

        const std::string out = dir.file(file + ".located.csv");
        auto located = run({"locate", project, "--input", dir.file(file), "--output", out});
        ASSERT_EQ(located.exit_code, 0) << file << ": " << located.err;
        EXPECT_NE(located.out.find("2 inside a grid"), std::string::npos) << located.out;
        std::string text = read_text(out);
        EXPECT_NE(text.find("小叶庄"), std::string::npos) << text;
        EXPECT_NE(text.find("王庄村"), std::string::npos) << text;
    }
    std::map<std::string, std::string> descriptions;
    for (const auto& i : store::Project::open(project).load_issues()) descriptions[i.id] = i.description;
    EXPECT_EQ(descriptions.size(), 6u);
    EXPECT_EQ(descriptions["reports.shp-2"], "暴露垃圾");
}

}  // namespace
}  // namespace respgrid::test

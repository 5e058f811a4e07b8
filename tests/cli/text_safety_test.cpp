// Text that leaves respgrid reaches other programs whole and harmless: names holding control
// characters, "]]>", markup, formulas and 5,000 characters (a red-team pass found each) go
// through the real binary into a GeoPackage QGIS opens styled, a KML any XML parser reads, CSV
// files Excel opens without running anything, and map sheets with file names every filesystem
// takes.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "qgis_probe.hpp"
#include "respgrid/geo/gdal.hpp"
#include "run_command.hpp"
#include "test_support.hpp"
#include "xml_check.hpp"

namespace respgrid::test {
namespace {

namespace fs = std::filesystem;

// A township name that starts a formula, ends a CDATA section, holds markup and a vertical tab
// (Excel's line break inside a cell).
const std::string kHostileTownship = "=白楼]]>镇 <&>\x0B";
// What XML can hold of it: the control character dropped.
const std::string kHostileTownshipInXml = "=白楼]]>镇 <&>";

nlohmann::json rectangle(const std::string& code, const std::string& name, double x0, double y0, double x1, double y1) {
    const nlohmann::json ring = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    return {{"type", "Feature"},
            {"properties", {{"code", code}, {"name", name}}},
            {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}};
}

std::string collection(std::vector<nlohmann::json> features) {
    return nlohmann::json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump();
}

// Three townships side by side, one village each: 城关街道, the hostile one, and one named
// with 5,000 characters and a line break.
class HostileNames : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        project_ = dir_->file("hostile.rgproj");
        std::string long_name = "长\n名/";
        while (long_name.size() < 5000) long_name += "很长的名字";
        write_text(dir_->file("county.geojson"),
                   collection({rectangle("411626", "测试县", 114.80, 33.70, 114.83, 33.72)}));
        write_text(dir_->file("townships.geojson"),
                   collection({rectangle("411626001", "城关街道", 114.80, 33.70, 114.81, 33.72),
                               rectangle("411626101", kHostileTownship, 114.81, 33.70, 114.82, 33.72),
                               rectangle("411626102", long_name, 114.82, 33.70, 114.83, 33.72)}));
        write_text(dir_->file("villages.geojson"),
                   collection({rectangle("411626001001", "东关社区", 114.80, 33.70, 114.81, 33.72),
                               rectangle("411626101201", "王庄村]]>", 114.81, 33.70, 114.82, 33.72),
                               rectangle("411626102201", "李楼村", 114.82, 33.70, 114.83, 33.72)}));
        write_text(dir_->file("roster.csv"), "owner_id,kind,name,unit_code,contact,title,phone,packages,active\n"
                                             "T1,township,城关街道,411626001,=张镇长,主任,+86 138 0000 0001,,1\n");
        write_text(dir_->file("categories.csv"),
                   "code,name,group,standard,department,deadline_hours\nC01,乱停\x0B乱放,市容环境类,,,24\n");
        write_text(dir_->file("issues.csv"), "id,reported_at,lon,lat,crs,category,description\n"
                                             "I1,2026-09-01T06:42:19+08:00,114.805,33.705,cgcs2000,C01,@SUM(1+1)\n"
                                             "I2,2026-09-01T06:42:19+08:00,114.815,33.705,cgcs2000,C01,路面破损\n");
        const std::string level = "--level", crs = "--crs", cgcs2000 = "cgcs2000";
        const std::vector<std::vector<std::string>> steps = {
            {"init", project_, "--county-code", "411626", "--name", "测试县"},
            {"import", "boundaries", project_, dir_->file("county.geojson"), level, "county", crs, cgcs2000},
            {"import", "boundaries", project_, dir_->file("townships.geojson"), level, "township", crs, cgcs2000},
            {"import", "boundaries", project_, dir_->file("villages.geojson"), level, "village", crs, cgcs2000},
            {"import", "roster", project_, dir_->file("roster.csv")},
            {"import", "categories", project_, dir_->file("categories.csv")},
            {"import", "issues", project_, dir_->file("issues.csv")},
            {"grid", project_, "--size", "200"},
            {"assign", project_},
        };
        for (auto s : steps) {
            s.insert(s.begin(), "-q");
            auto r = run_respgrid(s);
            if (r.exit_code != 0) {
                setup_failure_ = s[1] + " " + s[2] + " exited " + std::to_string(r.exit_code) + ": " + r.err;
                return;
            }
        }
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(setup_failure_.empty()) << setup_failure_; }

    static CommandResult run(std::vector<std::string> args) {
        args.insert(args.begin(), "-q");
        return run_respgrid(args);
    }

    static inline TempDir* dir_ = nullptr;
    static inline std::string project_;
    static inline std::string setup_failure_;
};

// The values of `field` in a CSV read back by GDAL as text, keyed by `key`.
std::map<std::string, std::string> column(const std::string& csv, const std::string& key, const std::string& field) {
    auto ds = geo::open_vector(csv, {"AUTODETECT_TYPE=NO"});
    std::map<std::string, std::string> out;
    for (auto& f : *ds->GetLayer(0)) out[f->GetFieldAsString(key.c_str())] = f->GetFieldAsString(field.c_str());
    return out;
}

TEST_F(HostileNames, StylesStayWellFormedAndQgisShowsTheFieldTitles) {
    const std::string gpkg = dir_->file("hostile.gpkg");
    auto r = run({"export", project_, "--output", gpkg});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // A strict XML parser reads every stored style (today: "not well-formed" for grids and issues).
    auto ds = geo::open_vector(gpkg);
    geo::SqlResult styles(*ds, "SELECT f_table_name, styleQML FROM layer_styles");
    ASSERT_NE(styles.get(), nullptr);
    std::size_t checked = 0;
    for (auto& f : *styles.get()) {
        EXPECT_EQ(xml_error(f->GetFieldAsString(1)), "") << f->GetFieldAsString(0);
        ++checked;
    }
    EXPECT_EQ(checked, 7u);  // county, townships, villages, grids, worker_areas, issues and the (empty) cases
    // And a real QGIS applies them, with the Chinese titles as field aliases (docs/cli.md).
    std::string why;
    auto seen = probe_in_qgis({"--gpkg", gpkg}, why);
    ASSERT_FALSE(seen.is_null()) << why;
    EXPECT_EQ(seen["layers"]["issues"]["renderer"], "categorizedSymbol");
    EXPECT_EQ(seen["layers"]["grids"]["renderer"], "categorizedSymbol");
    EXPECT_EQ(seen["layers"]["grids"]["aliases"].value("village_name", ""), "村/社区");
    EXPECT_EQ(seen["layers"]["issues"]["aliases"].value("category_name", ""), "问题类别");
    ASSERT_TRUE(seen["project"]["read"].get<bool>());
    for (const auto& l : seen["project"]["layers"]) {
        EXPECT_TRUE(l["valid"].get<bool>()) << l.dump();
        if (l["name"] == "网格") {
            EXPECT_EQ(l["aliases"].value("village_name", ""), "村/社区");
        }
    }
}

TEST_F(HostileNames, KmlIsWellFormedAndGdalReadsEveryNameBack) {
    for (const std::string file : {"hostile.kml", "hostile.kmz"}) {
        const std::string path = dir_->file(file);
        auto r = run({"export", project_, "--format", "kml", "--output", path});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const std::string kml = file == "hostile.kml" ? path : "/vsizip/" + path + "/doc.kml";
        std::vector<std::uint8_t> bytes = geo::read_whole_file(kml);
        // Today: "]]>" in a name ends libkml's CDATA section early.
        EXPECT_EQ(xml_error(std::string(bytes.begin(), bytes.end())), "") << file;
        auto ds = geo::open_vector(kml);
        OGRLayer* grids = ds->GetLayerByName((kHostileTownshipInXml + " (411626101)").c_str());
        ASSERT_NE(grids, nullptr) << file;
        EXPECT_GT(grids->GetFeatureCount(), 0) << file;
        OGRLayer* townships = ds->GetLayerByName("乡镇街道");
        ASSERT_NE(townships, nullptr) << file;
        std::set<std::string> names;
        for (auto& f : *townships) names.insert(f->GetFieldAsString("Name"));
        EXPECT_TRUE(names.count(kHostileTownshipInXml)) << file;
        EXPECT_TRUE(names.count("城关街道")) << file;
        OGRLayer* issues = ds->GetLayerByName("问题");
        ASSERT_NE(issues, nullptr) << file;
        // The balloon is HTML: the village's "]]>" arrives escaped for the browser to show it.
        std::size_t escaped = 0;
        for (auto& f : *issues) {
            escaped += std::string(f->GetFieldAsString("description")).find("王庄村]]&gt;") != std::string::npos;
        }
        EXPECT_EQ(escaped, 1u) << file;
    }
}

TEST_F(HostileNames, CsvOutputsHoldNoFormulaAndKeepNumbersAsNumbers) {
    const std::string folder = dir_->file("csv");
    auto r = run({"export", project_, "--format", "csv", "--output", folder});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto names = column(folder + "/townships.csv", "code", "name");
    EXPECT_EQ(names.at("411626101").substr(0, 2), "'=") << "Excel's text marker";
    EXPECT_EQ(column(folder + "/issues.csv", "id", "description").at("I1"), "'@SUM(1+1)");
    EXPECT_EQ(column(folder + "/townships.csv", "code", "contact").at("411626001"), "'=张镇长");
    EXPECT_EQ(column(folder + "/townships.csv", "code", "phone").at("411626001"), "'+86 138 0000 0001");

    // Batch locate copies the input's columns and adds the owners: both are guarded; a negative
    // number stays a number.
    write_text(dir_->file("points.csv"), "id,lon,lat,offset,note\n=1+1,114.805,33.705,-12.5,@SUM(1)\n"
                                         "-2,114.815,-33.705,-3,far away\n");
    r = run({"locate", project_, "--input", dir_->file("points.csv"), "--output", dir_->file("located.csv"), "--crs",
             "cgcs2000"});
    ASSERT_EQ(r.exit_code, 8) << r.err;  // the second row is 7,000 km away
    const std::string located = dir_->file("located.csv");
    EXPECT_EQ(column(located, "lon", "id").at("114.805"), "'=1+1");
    EXPECT_EQ(column(located, "lon", "offset").at("114.805"), "-12.5");
    EXPECT_EQ(column(located, "lon", "note").at("114.805"), "'@SUM(1)");
    EXPECT_EQ(column(located, "lon", "township_owner").at("114.805"), "'=张镇长");
    // The rejects file quotes the rejected record's own text.
    EXPECT_EQ(column(dir_->file("located.rejects.csv"), "field", "text").at("lon"), "'-2,114.815,-33.705,-3,far away");
}

TEST_F(HostileNames, MapAllDrawsEverySheetUnderAShortCleanName) {
    const std::string folder = dir_->file("maps");
    // Today: the 5,000-character name is longer than any filesystem takes, and the batch stops.
    auto r = run({"map", project_, "--all", "--format", "png", "--dpi", "30", "--output", folder});
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
    std::set<std::string> sheets;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        EXPECT_LE(name.size(), 143u) << "eCryptfs' limit, the smallest";
        EXPECT_EQ(name.find('\n'), std::string::npos);
        if (entry.path().extension() == ".png") sheets.insert(name.substr(0, 9));
    }
    EXPECT_EQ(sheets, (std::set<std::string>{"411626001", "411626101", "411626102", "county_ov"}));
}

// A folder where a sheet goes is found before any sheet is drawn (the output rule checks every
// sheet's file first); a sheet failing while drawn is exporters_map_sheet_test's
// ASheetThatCannotBeWrittenIsReportedAndTheOthersAreStillDrawn.
TEST_F(HostileNames, MapAllNamesASheetThatCannotBeWrittenBeforeDrawingAny) {
    const std::string folder = dir_->file("maps_blocked");
    fs::create_directories(folder + "/411626001_城关街道.png/in_the_way");
    auto r = run({"map", project_, "--all", "--format", "png", "--dpi", "30", "--output", folder});
    EXPECT_EQ(r.exit_code, 6) << r.err.substr(0, 2000);
    EXPECT_NE(r.err.find("411626001_城关街道.png"), std::string::npos) << r.err.substr(0, 2000);
    std::size_t drawn = 0;
    for (const auto& entry : fs::directory_iterator(folder)) {
        drawn += entry.is_regular_file() && entry.path().extension() == ".png";
    }
    EXPECT_EQ(drawn, 0u);
}

}  // namespace
}  // namespace respgrid::test

// The CLI on bad input and misuse: clear errors that name the file, line or feature and what is
// wrong; meaningful exit codes; batches keep their good rows and write the rejects beside the
// output; nothing already stored is lost.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "small_county.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

TEST(CliErrors, OpeningAFileThatIsNotAProjectFailsWithExit5AndLeavesItUntouched) {
    TempDir dir;
    std::string path = dir.file("notes.txt");
    write_text(path, "这不是数据库 — not a database\n");
    auto r = run_respgrid({"grid", path, "--size", "100"});
    EXPECT_EQ(r.exit_code, 5);
    EXPECT_NE(r.err.find("not a respgrid project"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(path), std::string::npos) << "the message must name the file: " << r.err;
    EXPECT_EQ(read_text(path), "这不是数据库 — not a database\n");
}

TEST(CliErrors, UnknownCrsIsAUsageError) {
    TempDir dir;
    auto r = run_respgrid({"init", dir.file("p.rgproj"), "--county-code", "411626", "--name", "x", "--crs", "mars"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("mars"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir.file("p.rgproj")));
}

TEST(CliErrors, EveryCommandHasHelp) {
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"--help"}, {"init", "--help"}, {"import", "boundaries", "--help"}, {"import", "roster", "--help"},
             {"import", "issues", "--help"}, {"grid", "--help"}, {"assign", "--help"}, {"locate", "--help"},
             {"audit", "--help"}, {"export", "--help"}, {"map", "--help"}}) {
        auto r = run_respgrid(args);
        EXPECT_EQ(r.exit_code, 0) << args[0];
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << args[0];
    }
    EXPECT_EQ(run_respgrid({"frobnicate"}).exit_code, 2);
}

TEST_F(SmallCounty, MapNeedsATownshipOrAllAndAGridGeneration) {
    auto r = run({"map", project, "--output", dir.file("maps")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--township CODE or --all"), std::string::npos) << r.err;
    r = run({"map", project, "--township", "411626001", "--all", "--output", dir.file("maps")});
    EXPECT_EQ(r.exit_code, 2) << "--township and --all exclude each other";
    r = run({"map", project, "--all", "--output", dir.file("maps")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no grids yet"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("maps")));
    // Worker and village sheets: one area, or --per with a township or the county.
    r = run({"map", project, "--per", "worker", "--output", dir.file("maps")});
    EXPECT_EQ(r.exit_code, 2) << "--per needs --township or --all";
    r = run({"map", project, "--worker", "GW1", "--township", "411626001", "--output", dir.file("maps")});
    EXPECT_EQ(r.exit_code, 2) << "--worker and --township exclude each other";
    r = run({"map", project, "--worker", "GW1", "--village", "411626001001", "--output", dir.file("maps")});
    EXPECT_EQ(r.exit_code, 2) << "--worker and --village exclude each other";
    r = run({"map", project, "--all", "--per", "street", "--output", dir.file("maps")});
    EXPECT_EQ(r.exit_code, 2);
    r = run({"map", project, "--worker", "GW1", "--output", dir.file("maps")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no grids yet"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("maps")));
}

TEST_F(SmallCounty, BadBoundaryFeaturesAreRejectedWithReasonsAndTheRestImport) {
    // feature 0 good; 1 empty geometry; 2 code too short; 3 repeats feature 0's code;
    // 4 a self-intersecting bow tie (repaired, kept); 5 a point; 6 parent township not in project.
    nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    auto& f = fc["features"];
    f.push_back(rect_feature({"411626001003", "新村", 114.80, 33.70, 114.805, 33.705}));
    f.push_back(feature("411626001004", "空村", nullptr));
    f.push_back(rect_feature({"41162600", "短码村", 114.80, 33.70, 114.801, 33.701}));
    f.push_back(rect_feature({"411626001003", "重复村", 114.80, 33.70, 114.801, 33.701}));
    f.push_back(feature("411626001005", "蝴蝶村",
                        polygon({{114.80, 33.70}, {114.802, 33.702}, {114.802, 33.70}, {114.80, 33.702}, {114.80, 33.70}})));
    f.push_back(feature("411626001006", "点村", {{"type", "Point"}, {"coordinates", {114.80, 33.70}}}));
    f.push_back(rect_feature({"411626999001", "孤村", 114.80, 33.70, 114.801, 33.701}));
    std::string input = dir.file("bad_villages.geojson");
    write_text(input, fc.dump());

    auto r = run({"import", "boundaries", project, input, "--level", "village", "--crs", "cgcs2000"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("repaired invalid geometry"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("for 411626001005"), std::string::npos) << r.err;

    auto rejects_path = dir.file("bad_villages.rejects.csv");
    ASSERT_TRUE(std::filesystem::exists(rejects_path)) << r.err;
    std::string rejects = read_text(rejects_path);
    EXPECT_NE(rejects.find("geometry is empty"), std::string::npos) << rejects;
    EXPECT_NE(rejects.find("is not 12 digits"), std::string::npos) << rejects;
    EXPECT_NE(rejects.find("repeats feature"), std::string::npos) << rejects;
    EXPECT_NE(rejects.find("not a polygon"), std::string::npos) << rejects;
    EXPECT_NE(rejects.find("411626999"), std::string::npos) << rejects;

    auto p = store::Project::open(project);
    auto villages = p.load_units(grids::AdminLevel::Village);
    std::set<std::string> codes;
    for (const auto& v : villages) codes.insert(v.code);
    EXPECT_EQ(codes, (std::set<std::string>{"411626001001", "411626001002", "411626001003", "411626001005",
                                            "411626101201", "411626101202"}));
    for (const auto& v : villages) {
        if (v.code == "411626001005") {
            EXPECT_TRUE(v.geometry.is_valid());
            EXPECT_EQ(v.geometry.num_geometries(), 2u) << "both lobes of the bow tie are kept";
        }
    }
}

TEST_F(SmallCounty, AFileWithNothingUsableFailsAndKeepsWhatWasStored) {
    std::string input = dir.file("all_bad.geojson");
    write_text(input, rect_collection({{"12", "坏", 114.80, 33.70, 114.81, 33.71}}));
    auto r = run({"import", "boundaries", project, input, "--level", "village", "--crs", "cgcs2000"});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_EQ(store::Project::open(project).count_units(grids::AdminLevel::Village), 4u);
}

TEST_F(SmallCounty, MalformedIssueRowsAreRejectedByLineAndTheGoodOnesKept) {
    std::string input = dir.file("issues.csv");
    write_text(input,
               "id,reported_at,lon,lat,crs,category,description\n"
               "A1,2026-11-01T08:00:00+08:00,114.805,33.705,cgcs2000,09006,好的\n"   // line 2: good
               "A2,2026-11-01T08:00:00+08:00,东经114,33.705,cgcs2000,09006,经度不是数字\n"  // line 3
               "A3,2026-11-01T08:00:00+08:00,114.805,33.705,mars,09006,未知坐标系\n"        // line 4
               ",2026-11-01T08:00:00+08:00,114.805,33.705,wgs84,09006,没有编号\n"          // line 5
               "A1,2026-11-01T08:00:00+08:00,114.805,33.705,wgs84,09006,重复编号\n"        // line 6
               "A6,2026-11-01T08:00:00+08:00,114.805,133.705,gcj02,09006,纬度超界\n"       // line 7
               "A7,2026-11-01T08:00:00+08:00,114.815,33.715,bd09,09009,\"逗号, 引号\"\"\"\n");  // line 8: good
    auto r = run({"import", "issues", project, input});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string rejects = read_text(dir.file("issues.rejects.csv"));
    for (const char* expected : {"3,lon,", "4,crs,", "5,id,", "6,id,", "7,lat,"}) {
        EXPECT_NE(rejects.find(expected), std::string::npos) << expected << " in\n" << rejects;
    }
    auto issues = store::Project::open(project).load_issues();
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].id, "A1");
    EXPECT_EQ(issues[1].description, "逗号, 引号\"");
    EXPECT_EQ(issues[1].crs, "bd09");
}

TEST_F(SmallCounty, IssuesBeforeAnyBoundaryAreRefusedWithAHint) {
    std::string other = dir.file("empty.rgproj");
    ASSERT_EQ(run({"init", other, "--county-code", "411626", "--name", "x"}).exit_code, 0);
    write_text(dir.file("i.csv"), "id,lon,lat,crs\nB1,114.8,33.7,wgs84\n");
    auto r = run({"import", "issues", other, dir.file("i.csv")});
    EXPECT_EQ(r.exit_code, 5);
    EXPECT_NE(r.err.find("import the county boundary first"), std::string::npos) << r.err;
}

TEST_F(SmallCounty, MissingColumnIsNamedWithTheColumnsPresent) {
    write_text(dir.file("roster.csv"), "编号,类型\nT1,township\n");
    auto r = run({"import", "roster", project, dir.file("roster.csv")});
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_NE(r.err.find("name"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("编号, 类型"), std::string::npos) << r.err;
}

TEST_F(SmallCounty, RosterFromExcelWorksLikeCsv) {
    // Write an .xlsx with GDAL's XLSX driver, as a county office would send it.
    std::string xlsx = dir.file("roster.xlsx");
    {
        auto ds = geo::create_vector(xlsx, "XLSX");
        OGRLayer* layer = ds->CreateLayer("名册", nullptr, wkbNone, nullptr);
        for (const char* name : {"编号", "类型", "名称", "单位代码", "负责人", "电话", "包联乡镇", "在岗"}) {
            OGRFieldDefn f(name, OFTString);
            ASSERT_EQ(layer->CreateField(&f), OGRERR_NONE);
        }
        std::vector<std::vector<std::string>> rows = {
            {"T411626001", "township", "城关街道", "411626001", "张三", "13800000001", "", "是"},
            {"V411626001001", "village", "东关社区", "411626001001", "李四", "13800000002", "", "1"},
            {"L01", "leader", "王五", "", "", "13800000003", "411626001；411626101", "1"},
            {"G1", "grid_worker", "赵六", "411626001001", "", "13800000004", "", "否"},
            {"X1", "wizard", "坏类型", "", "", "", "", "1"},
        };
        for (const auto& row : rows) {
            OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            for (std::size_t i = 0; i < row.size(); ++i) feature->SetField(static_cast<int>(i), row[i].c_str());
            ASSERT_EQ(layer->CreateFeature(feature.get()), OGRERR_NONE);
        }
    }
    auto r = run({"import", "roster", project, xlsx});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("unknown kind 'wizard'"), std::string::npos) << r.err;
    auto owners = store::Project::open(project).load_owners();
    ASSERT_EQ(owners.size(), 4u);
    std::map<std::string, grids::Owner> by_id;
    for (const auto& o : owners) by_id[o.id] = o;
    EXPECT_EQ(by_id["L01"].packages, (std::vector<std::string>{"411626001", "411626101"}));
    EXPECT_FALSE(by_id["G1"].active);
    EXPECT_EQ(by_id["T411626001"].contact, "张三");
}

TEST_F(SmallCounty, PointOutsideTheCountyIsReportedWithTheNearestGrid) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    // 0.001 degree of latitude south of the county: about 111 m.
    auto r = run({"locate", project, "--lon", "114.805", "--lat", "33.699", "--crs", "cgcs2000", "--json"});
    EXPECT_EQ(r.exit_code, 3);
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["status"], "outside");
    EXPECT_EQ(j["nearest_grid"].get<std::string>().substr(0, 12), "411626001001");
    EXPECT_NEAR(j["distance_m"].get<double>(), 110.9, 1.0);
}

TEST_F(SmallCounty, LocatingALocatedFileAgainReplacesItsColumnsAndAnyOutputNameWorks) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    write_text(dir.file("points.csv"), "id,lon,lat\nP1,114.805,33.705\nP2,114.815,33.715\n");
    auto first = run({"locate", project, "--input", dir.file("points.csv"), "--output", dir.file("once.txt"), "--crs", "cgcs2000"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    ASSERT_TRUE(std::filesystem::is_regular_file(dir.file("once.txt")));
    auto second = run({"locate", project, "--input", dir.file("once.txt"), "--output", dir.file("twice.csv"), "--crs", "cgcs2000"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    std::string header = read_text(dir.file("twice.csv")).substr(3);  // after the BOM
    header = header.substr(0, header.find('\n'));
    EXPECT_EQ(header, "id,lon,lat,status,grid_code,grid_name,village_code,village_name,township_code,township_name,"
                      "grid_worker,grid_worker_phone,village_owner,village_phone,township_owner,township_phone,"
                      "leader,leader_phone,"
                      "border_distance_m,runner_up_grid,nearest_grid,"
                      "distance_m,noise_gap_m");
    EXPECT_EQ(read_text(dir.file("once.txt")).substr(3), read_text(dir.file("twice.csv")).substr(3));
}

TEST_F(SmallCounty, GridCodesOverflowingTheFourteenDigitSchemeNameTheVillage) {
    // Each village is about 0.93 x 1.1 km: 90 m cells need ~150 sequence numbers, over 99 (and
    // near enough to be cut and checked: the up-front estimate only refuses twice the limit).
    auto r = run({"grid", project, "--size", "90", "--scheme", "14"});
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_NE(r.err.find("411626001001"), std::string::npos) << r.err;
    EXPECT_FALSE(store::Project::open(project).current_generation()) << "a failed run stores no generation";
}

// --- batch locate: bad rows, borders, single and batch alike ------------------------------------

// The rows of a CSV written by locate (after the BOM), as maps from column to value. Values here
// hold no commas or quotes.
std::vector<std::map<std::string, std::string>> read_rows(const std::string& path) {
    std::string text = read_text(path);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text = text.substr(3);
    std::vector<std::vector<std::string>> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::vector<std::string> values;
        std::string line = text.substr(pos, end - pos);
        std::size_t p = 0;
        for (;;) {
            std::size_t c = line.find(',', p);
            values.push_back(line.substr(p, c == std::string::npos ? std::string::npos : c - p));
            if (c == std::string::npos) break;
            p = c + 1;
        }
        lines.push_back(values);
        pos = end + 1;
    }
    std::vector<std::map<std::string, std::string>> rows;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::map<std::string, std::string> row;
        for (std::size_t k = 0; k < lines[0].size() && k < lines[i].size(); ++k) row[lines[0][k]] = lines[i][k];
        rows.push_back(row);
    }
    return rows;
}

TEST_F(SmallCounty, BatchKeepsGoodRowsWritesRejectsWithTheirTextAndExitsEight) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    write_text(dir.file("batch.csv"),
               "id,lon,lat,crs,category\n"
               "G1,114.805,33.705,cgcs2000,\n"
               "B1,114.805,,cgcs2000,\n"
               "B2,33.705,114.805,cgcs2000,\n"
               "B3,114.805,33.705,mars,\n"
               "B4,114.805,33.705,cgcs2000,X99\n"
               "B5,\"114.805,33.705,cgcs2000,\n"
               "G2,114.815,33.715,gcj02,\n");
    auto r = run({"locate", project, "--input", dir.file("batch.csv"), "--output", dir.file("located.csv")});
    EXPECT_EQ(r.exit_code, 8) << r.err;
    auto rows = read_rows(dir.file("located.csv"));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0]["id"], "G1");
    EXPECT_EQ(rows[0]["status"], "inside");
    // A category the catalogue does not know is no reject: the territory answers (属地兜底).
    EXPECT_EQ(rows[1]["id"], "B4");
    EXPECT_EQ(rows[1]["status"], "inside");
    EXPECT_EQ(rows[1]["category_match"], "unrecognised");
    EXPECT_EQ(rows[2]["id"], "G2");
    std::string rejects = read_text(dir.file("located.rejects.csv"));
    for (const char* expected : {"not a number", "look swapped", "unknown crs 'mars'", "broken quoting",
                                 "B1,114.805,,cgcs2000,"}) {
        EXPECT_NE(rejects.find(expected), std::string::npos) << expected << " missing from\n" << rejects;
    }
    EXPECT_EQ(rejects.find("X99"), std::string::npos) << rejects;
    EXPECT_NE(r.out.find("4 rejected"), std::string::npos) << r.out;
}

TEST_F(SmallCounty, PointsOnGridBordersGetTheSameGridAndRunnerUpInSingleAndBatchMode) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    geo::CoordinateTransform to_working(geo::Crs::cgcs2000(), geo::Crs::from_epsg(4547));
    geo::XY c = to_working({114.805, 33.705});
    const double gx = std::floor(c.x / 100) * 100, gy = std::floor(c.y / 100) * 100;
    const std::vector<geo::XY> points = {{gx, gy},       {gx + 50, gy},      {gx, gy + 50},     {gx + 0.3, gy + 50},
                                         {gx + 50, gy + 50}, {gx - 1e-3, gy}, {gx, gy - 1e-3}};
    std::string csv = "id,lon,lat\n";
    for (std::size_t i = 0; i < points.size(); ++i) {
        char line[128];
        std::snprintf(line, sizeof line, "P%zu,%.3f,%.3f\n", i, points[i].x, points[i].y);
        csv += line;
    }
    write_text(dir.file("border.csv"), csv);
    auto batch = run({"locate", project, "--input", dir.file("border.csv"), "--output", dir.file("border_out.csv"),
                      "--crs", "EPSG:4547", "--border-tolerance", "1"});
    ASSERT_EQ(batch.exit_code, 0) << batch.err;
    auto rows = read_rows(dir.file("border_out.csv"));
    ASSERT_EQ(rows.size(), points.size());
    std::set<std::string> grids;
    for (std::size_t i = 0; i < points.size(); ++i) {
        char x[32], y[32];
        std::snprintf(x, sizeof x, "%.3f", points[i].x);
        std::snprintf(y, sizeof y, "%.3f", points[i].y);
        auto one = run({"locate", project, "--lon", x, "--lat", y, "--crs", "EPSG:4547", "--json", "--border-tolerance", "1"});
        ASSERT_EQ(one.exit_code, 0) << one.err;
        auto j = nlohmann::json::parse(one.out);
        EXPECT_EQ(j["grid"]["code"], rows[i]["grid_code"]) << "point " << i;
        EXPECT_EQ(j["runner_up_grid"].is_null() ? "" : j["runner_up_grid"].get<std::string>(), rows[i]["runner_up_grid"])
            << "point " << i;
        grids.insert(rows[i]["grid_code"]);
    }
    // The vertex and the two edge points belong to the cell north-east of the vertex, like the
    // centre of that cell; points a millimetre west or south of it belong to other cells.
    EXPECT_EQ(rows[0]["grid_code"], rows[4]["grid_code"]);
    EXPECT_EQ(rows[1]["grid_code"], rows[4]["grid_code"]);
    EXPECT_EQ(rows[2]["grid_code"], rows[4]["grid_code"]);
    EXPECT_NE(rows[5]["grid_code"], rows[4]["grid_code"]);
    EXPECT_NE(rows[6]["grid_code"], rows[4]["grid_code"]);
    EXPECT_NE(rows[5]["grid_code"], rows[6]["grid_code"]);
    // 0.3 m from the west edge: its distance, and the cell across it as runner-up.
    EXPECT_EQ(rows[3]["border_distance_m"], "0.30");
    EXPECT_EQ(rows[3]["runner_up_grid"], rows[5]["grid_code"]);
    EXPECT_EQ(rows[4]["runner_up_grid"], "") << "50 m from every border: no runner-up within 1 m";
}

TEST_F(SmallCounty, AssignNearestTakesOutsidePointsOnlyWithinTheDistance) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    geo::CoordinateTransform to_working(geo::Crs::cgcs2000(), geo::Crs::from_epsg(4547));
    geo::XY west = to_working({114.80, 33.705});  // on the county's west edge
    char near_x[32], far_x[32], y[32];
    std::snprintf(near_x, sizeof near_x, "%.3f", west.x - 30);
    std::snprintf(far_x, sizeof far_x, "%.3f", west.x - 300);
    std::snprintf(y, sizeof y, "%.3f", west.y);
    auto near = run({"locate", project, "--lon", near_x, "--lat", y, "--crs", "EPSG:4547", "--json", "--assign-nearest", "50"});
    EXPECT_EQ(near.exit_code, 0) << near.err;
    auto j = nlohmann::json::parse(near.out);
    EXPECT_EQ(j["status"], "assigned_nearest");
    EXPECT_EQ(j["grid"]["code"], j["nearest_grid"]);
    EXPECT_NEAR(j["distance_m"].get<double>(), 30.0, 0.5);
    auto far = run({"locate", project, "--lon", far_x, "--lat", y, "--crs", "EPSG:4547", "--json", "--assign-nearest", "50"});
    EXPECT_EQ(far.exit_code, 3);
    EXPECT_EQ(nlohmann::json::parse(far.out)["status"], "outside");
}

TEST_F(SmallCounty, RowsWithATimeAreLocatedInTheGenerationOfThatTime) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    ASSERT_EQ(run({"grid", project, "--size", "200"}).exit_code, 0);
    {
        auto p = store::Project::open(project);
        p.connection().exec("UPDATE grid_generations SET created_at = '2025-01-01T00:00:00.000Z' WHERE id = 1");
        p.connection().exec("UPDATE grid_generations SET created_at = '2026-06-01T00:00:00.000Z' WHERE id = 2");
    }
    write_text(dir.file("timed.csv"),
               "id,reported_at,lon,lat,crs\n"
               "A,2026-03-01T10:00:00+08:00,114.8047,33.7053,cgcs2000\n"
               "B,2026-09-01,114.8047,33.7053,cgcs2000\n"
               "C,,114.8047,33.7053,cgcs2000\n"
               "D,yesterday,114.8047,33.7053,cgcs2000\n"
               "E,2024-01-01,114.8047,33.7053,cgcs2000\n");
    auto batch = run({"locate", project, "--input", dir.file("timed.csv"), "--output", dir.file("timed_out.csv")});
    EXPECT_EQ(batch.exit_code, 8) << batch.err;  // D
    auto rows = read_rows(dir.file("timed_out.csv"));
    ASSERT_EQ(rows.size(), 4u);
    auto single = [&](const std::string& at) {
        auto r = run({"locate", project, "--lon", "114.8047", "--lat", "33.7053", "--at", at, "--json"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return nlohmann::json::parse(r.out)["grid"]["code"].get<std::string>();
    };
    const std::string first = single("2026-03-01T10:00:00+08:00"), second = single("2026-09-01");
    EXPECT_NE(first, second) << "100 m and 200 m grids number the point differently";
    EXPECT_EQ(rows[0]["grid_code"], first);   // A: before the second generation
    EXPECT_EQ(rows[1]["grid_code"], second);  // B
    EXPECT_EQ(rows[2]["grid_code"], second);  // C: no time, now
    EXPECT_EQ(rows[3]["grid_code"], first);   // E: older than every generation: the oldest
    EXPECT_NE(read_text(dir.file("timed_out.rejects.csv")).find("'yesterday' is not a date or time"), std::string::npos);
    // --at fixes one time for every row, whatever their own.
    auto fixed = run({"locate", project, "--input", dir.file("timed.csv"), "--output", dir.file("fixed_out.csv"), "--at",
                      "2026-03-01"});
    EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
    for (const auto& row : read_rows(dir.file("fixed_out.csv"))) EXPECT_EQ(row.at("grid_code"), first) << row.at("id");
}

TEST_F(SmallCounty, OwnerColumnsListOnlyTheOwnersServingAtTheRowsTime) {
    write_text(dir.file("roster.csv"),
               "owner_id,kind,name,unit_code,phone,valid_from,valid_to\n"
               "T1,township,城关街道,411626001,,,\n"
               "V1,village,东关社区,411626001001,,,\n"
               "W1,grid_worker,张三,411626001001,13800000001,2026-01-01,2026-06-30\n");
    ASSERT_EQ(run({"import", "roster", project, dir.file("roster.csv")}).exit_code, 0);
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    ASSERT_EQ(run({"assign", project}).exit_code, 0);
    write_text(dir.file("worker.csv"),
               "id,reported_at,lon,lat,crs\n"
               "IN,2026-03-01,114.8047,33.7053,cgcs2000\n"
               "OUT,2026-09-01,114.8047,33.7053,cgcs2000\n");
    auto batch = run({"locate", project, "--input", dir.file("worker.csv"), "--output", dir.file("worker_out.csv")});
    EXPECT_EQ(batch.exit_code, 0) << batch.err;
    auto rows = read_rows(dir.file("worker_out.csv"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["grid_worker"], "张三");
    EXPECT_EQ(rows[0]["grid_worker_phone"], "13800000001");
    EXPECT_EQ(rows[1]["grid_worker"], "") << "the worker's service ended on 2026-06-30";
    EXPECT_EQ(rows[1]["village_owner"], rows[0]["village_owner"]);
    EXPECT_NE(rows[1]["village_owner"], "");
}

TEST_F(SmallCounty, EveryFileFormatRoundTripsTheLayersWithTheirChineseNames) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    ASSERT_EQ(run({"export", project, "--format", "gpkg", "--output", dir.file("all.gpkg")}).exit_code, 0);
    auto reference = geo::open_vector(dir.file("all.gpkg"));
    for (const std::string format : {"shp", "geojson", "fgb", "csv"}) {
        const std::string folder = dir.file("out_" + format);
        auto r = run({"export", project, "--format", format, "--output", folder});
        ASSERT_EQ(r.exit_code, 0) << format << ": " << r.err;
        EXPECT_FALSE(std::filesystem::exists(folder + ".export.gpkg")) << "the staging GeoPackage is removed";
        EXPECT_FALSE(std::filesystem::exists(folder + "/layer_styles." + format)) << "styles travel as .qml";
        for (int i = 0; i < reference->GetLayerCount(); ++i) {
            OGRLayer* expected = reference->GetLayer(i);
            const std::string name = expected->GetName();
            if (expected->GetGeomType() == wkbNone) continue;  // layer_styles
            const std::string file = folder + "/" + name + "." + format;
            ASSERT_TRUE(std::filesystem::exists(file)) << file;
            EXPECT_EQ(std::filesystem::exists(folder + "/" + name + ".qml"), format != "csv") << file;
            auto ds = geo::open_vector(file);
            OGRLayer* layer = ds->GetLayer(0);
            EXPECT_EQ(layer->GetFeatureCount(), expected->GetFeatureCount()) << file;
            // And back through ogr2ogr into a GeoPackage: nothing lost on the way.
            const std::string back = dir.file("back_" + format + "_" + name + ".gpkg");
            auto copied = run_program("/usr/bin/ogr2ogr", {"-f", "GPKG", back, file});
            ASSERT_EQ(copied.exit_code, 0) << copied.err;
            EXPECT_EQ(geo::open_vector(back)->GetLayer(0)->GetFeatureCount(), expected->GetFeatureCount()) << back;
            if (name == "villages") {
                std::set<std::string> names;
                for (auto& f : *layer) names.insert(f->GetFieldAsString("name"));
                EXPECT_TRUE(names.count("东关社区")) << file;
            }
            if (format != "csv") {
                ASSERT_NE(layer->GetSpatialRef(), nullptr) << file;
                OGRSpatialReference srs(*layer->GetSpatialRef());
                srs.AutoIdentifyEPSG();
                const char* code = srs.GetAuthorityCode(nullptr);
                // GeoJSON is RFC 7946: WGS 84 lon/lat; the others keep CGCS2000 (EPSG:4490).
                EXPECT_STREQ(code ? code : "", format == "geojson" ? "4326" : "4490") << file;
            }
        }
    }
    EXPECT_EQ(read_text(dir.file("out_shp/grids.cpg")).substr(0, 5), "UTF-8");
    // The shapefile's style names the shapefile's field, not the GeoPackage's.
    EXPECT_NE(read_text(dir.file("out_shp/grids.qml")).find("attr=\"township_c\""), std::string::npos);
    EXPECT_NE(read_text(dir.file("out_geojson/grids.qml")).find("attr=\"township_code\""), std::string::npos);
    EXPECT_NE(read_text(dir.file("out_shp/fields.csv")).find("grids,village_code,village_co"), std::string::npos);
    EXPECT_EQ(read_text(dir.file("out_csv/villages.csv")).substr(0, 3), "\xEF\xBB\xBF") << "BOM for Excel";

    // Vector tiles: a z/x/y folder GDAL reads back, every layer present, names intact.
    auto r = run({"export", project, "--format", "mvt", "--output", dir.file("tiles")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir.file("tiles/metadata.json")));
    EXPECT_TRUE(std::filesystem::is_directory(dir.file("tiles/14")));
    // GDAL 3.6 reads tiles one by one: gather the layers and village names of every zoom-14 tile.
    std::set<std::string> layers, village_names;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.file("tiles/14"))) {
        if (entry.path().extension() != ".pbf") continue;
        auto tile = geo::open_vector(entry.path().string());
        for (int i = 0; i < tile->GetLayerCount(); ++i) {
            OGRLayer* layer = tile->GetLayer(i);
            layers.insert(layer->GetName());
            if (std::string(layer->GetName()) != "villages") continue;
            for (auto& f : *layer) village_names.insert(f->GetFieldAsString("name"));
        }
    }
    EXPECT_EQ(layers, (std::set<std::string>{"county", "townships", "villages", "grids"}));  // no issues here
    EXPECT_TRUE(village_names.count("东关社区"));
}

TEST_F(SmallCounty, KmlHasAFolderOfGridsPerTownshipWithTheirOwnersInTheBalloon) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    write_text(dir.file("roster.csv"), "owner_id,kind,name,unit_code,contact,title,phone,packages,active\n"
                                       "T1,township,城关街道,411626001,张镇长,主任,13800000001,,1\n");
    ASSERT_EQ(run({"import", "roster", project, dir.file("roster.csv")}).exit_code, 0);
    ASSERT_EQ(run({"assign", project}).exit_code, 0);
    ASSERT_EQ(run({"export", project, "--output", dir.file("all.gpkg")}).exit_code, 0);
    auto reference = geo::open_vector(dir.file("all.gpkg"));
    for (const std::string file : {"grids.kml", "grids.kmz"}) {
        auto r = run({"export", project, "--format", "kml", "--output", dir.file(file)});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        auto kml = geo::open_vector(dir.file(file));
        std::map<std::string, GIntBig> folders;
        for (int i = 0; i < kml->GetLayerCount(); ++i) folders[kml->GetLayer(i)->GetName()] = kml->GetLayer(i)->GetFeatureCount();
        OGRLayer* grids = reference->GetLayerByName("grids");
        grids->SetAttributeFilter("township_code = '411626001'");
        const GIntBig chengguan = grids->GetFeatureCount();
        grids->SetAttributeFilter("township_code = '411626101'");
        const GIntBig bailou = grids->GetFeatureCount();
        EXPECT_EQ(folders, (std::map<std::string, GIntBig>{{"县界", 1},
                                                            {"乡镇街道", 2},
                                                            {"网格员责任区", 0},  // the roster has no grid worker
                                                            {"城关街道 (411626001)", chengguan},
                                                            {"白楼镇 (411626101)", bailou},
                                                            {"问题", 0},
                                                            {"督办案卷", 0}}))
            << file;
        OGRLayer* folder = kml->GetLayerByName("城关街道 (411626001)");
        ASSERT_NE(folder, nullptr);
        OGRFeatureUniquePtr placemark(folder->GetNextFeature());
        ASSERT_TRUE(placemark);
        EXPECT_EQ(std::string(placemark->GetFieldAsString("Name")).substr(0, 9), "411626001");
        const std::string balloon = placemark->GetFieldAsString("description");
        EXPECT_NE(balloon.find("城关街道"), std::string::npos) << balloon;
        EXPECT_NE(balloon.find("张镇长"), std::string::npos) << balloon;
        EXPECT_NE(balloon.find("13800000001"), std::string::npos) << balloon;
        ASSERT_NE(placemark->GetGeometryRef(), nullptr);
        EXPECT_EQ(wkbFlatten(placemark->GetGeometryRef()->getGeometryType()), wkbPolygon);
        // Round trip through ogr2ogr.
        auto copied = run_program("/usr/bin/ogr2ogr", {"-f", "GPKG", dir.file(file + ".gpkg"), dir.file(file)});
        ASSERT_EQ(copied.exit_code, 0) << copied.err;
        EXPECT_EQ(geo::open_vector(dir.file(file + ".gpkg"))->GetLayerByName("城关街道 (411626001)")->GetFeatureCount(),
                  chengguan);
    }
    const std::string text = read_text(dir.file("grids.kml"));
    EXPECT_NE(text.find("<Folder id="), std::string::npos) << "folders, not nested documents";
    EXPECT_NE(text.find("<styleUrl>#t0</styleUrl>"), std::string::npos) << "a shared style per township";
    EXPECT_NE(text.find("<color>ffff00ff</color>"), std::string::npos) << "magenta grid borders";
}

TEST_F(SmallCounty, ExportCarriesTheLatestAuditsDefectsOnlyWhileTheyAreAboutTheCurrentGrids) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    // No roster: every grid lacks its owners, so the audit has an ownership layer to keep.
    ASSERT_EQ(run({"audit", project}).exit_code, 3);
    ASSERT_EQ(run({"export", project, "--output", dir.file("a.gpkg")}).exit_code, 0);
    auto exported = geo::open_vector(dir.file("a.gpkg"));
    ASSERT_NE(exported->GetLayerByName("ownership"), nullptr);
    EXPECT_GT(exported->GetLayerByName("ownership")->GetFeatureCount(), 0);
    EXPECT_EQ(exported->GetLayerByName("gaps"), nullptr) << "empty defect kinds are left out";
    // New grids: the old audit no longer describes them.
    ASSERT_EQ(run({"grid", project, "--size", "200"}).exit_code, 0);
    auto r = run_respgrid({"export", project, "--output", dir.file("b.gpkg")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("run audit again"), std::string::npos) << r.err;
    EXPECT_EQ(geo::open_vector(dir.file("b.gpkg"))->GetLayerByName("ownership"), nullptr);
}

}  // namespace
}  // namespace respgrid::test

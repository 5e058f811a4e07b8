// Noise means the same everywhere (noise.hpp): two villages drawn 4 mm apart leave a sliver the
// audit ignores as datum noise; a point in it used to come back `in_gap` with no owner from
// locate. Now the border rule gives it to a grid (the east one), single and batch alike, and the
// output says it lay in no grid.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

// Rectangles in EPSG:4547 metres: {code, name, x0, y0, x1, y1}.
struct Box {
    std::string code, name;
    double x0, y0, x1, y1;
};

std::string boxes_file(const TempDir& dir, const std::string& name, const std::vector<Box>& boxes, bool with_parent) {
    nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    for (const auto& b : boxes) {
        nlohmann::json ring = nlohmann::json::array(
            {{b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}, {b.x0, b.y1}, {b.x0, b.y0}});
        nlohmann::json properties = {{"code", b.code}, {"name", b.name}};
        if (with_parent) properties["parent"] = b.code.substr(0, 9);
        fc["features"].push_back({{"type", "Feature"},
                                  {"properties", properties},
                                  {"geometry", {{"type", "Polygon"}, {"coordinates", nlohmann::json::array({ring})}}}});
    }
    const std::string path = dir.file(name);
    write_text(path, fc.dump());
    return path;
}

class NoiseSliver : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        project_ = dir_->file("noise.rgproj");
        const double x0 = 500000, y0 = 3700000;
        const std::string county = boxes_file(*dir_, "county.geojson", {{"411626", "淮阳县", x0, y0, x0 + 200, y0 + 100}}, false);
        const std::string town = boxes_file(*dir_, "town.geojson", {{"411626001", "城关镇", x0, y0, x0 + 200, y0 + 100}}, false);
        // 4 mm between the villages: under the 1 cm noise width.
        const std::string villages = boxes_file(*dir_, "villages.geojson",
                                                {{"411626001001", "西村", x0, y0, x0 + 100, y0 + 100},
                                                 {"411626001002", "东村", x0 + 100.004, y0, x0 + 200, y0 + 100}},
                                                true);
        failure_ = run_steps({
            {"-q", "init", project_, "--county-code", "411626", "--name", "淮阳县", "--crs", "EPSG:4547"},
            {"-q", "import", "boundaries", project_, county, "--level", "county", "--crs", "EPSG:4547"},
            {"-q", "import", "boundaries", project_, town, "--level", "township", "--crs", "EPSG:4547"},
            {"-q", "import", "boundaries", project_, villages, "--level", "village", "--parent-field", "parent", "--crs",
             "EPSG:4547"},
            {"-q", "grid", project_, "--method", "square", "--size", "50"},
        });
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(failure_.empty()) << failure_; }

    static inline TempDir* dir_ = nullptr;
    static inline std::string project_;
    static inline std::string failure_;
};

TEST_F(NoiseSliver, TheAuditCountsTheSliverAsNoise) {
    auto r = run_respgrid({"-q", "audit", project_, "--layer", "villages"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("ignored as noise"), std::string::npos) << r.out;
}

TEST_F(NoiseSliver, APointInTheSliverIsGivenToTheEastGridAndSaysSo) {
    auto r = run_respgrid({"locate", project_, "--lon", "500100.002", "--lat", "3700050", "--crs", "EPSG:4547", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["status"], "inside");
    EXPECT_EQ(j["grid"]["village_code"], "411626001002");
    EXPECT_NEAR(j["noise_gap_m"].get<double>(), 0.002, 1e-6);
    EXPECT_EQ(j["claims"], 0);

    auto text = run_respgrid({"locate", project_, "--lon", "500100.002", "--lat", "3700050", "--crs", "EPSG:4547"});
    EXPECT_NE(text.out.find("in no grid, 2.0 mm outside this one"), std::string::npos) << text.out;

    // --noise-width 0: the strict rule alone, the point is in a gap.
    auto strict = run_respgrid({"locate", project_, "--lon", "500100.002", "--lat", "3700050", "--crs", "EPSG:4547",
                                "--noise-width", "0", "--json"});
    EXPECT_EQ(strict.exit_code, 3);
    EXPECT_EQ(nlohmann::json::parse(strict.out)["status"], "in_gap");
}

TEST_F(NoiseSliver, BatchLocateGivesTheSameGridWithTheNoiseGapColumn) {
    const std::string input = dir_->file("points.csv");
    write_text(input, "id,x,y,crs\n1,500100.002,3700050,EPSG:4547\n2,500060,3700050,EPSG:4547\n3,500100.012,3700050,EPSG:4547\n");
    const std::string output = dir_->file("located.csv");
    auto r = run_respgrid({"-q", "locate", project_, "--input", input, "--output", output});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string csv = read_text(output);
    std::vector<std::string> lines;
    for (std::size_t start = 0, end; (end = csv.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(csv.substr(start, end - start));
    }
    ASSERT_EQ(lines.size(), 4u) << csv;
    EXPECT_NE(lines[0].find(",distance_m,noise_gap_m"), std::string::npos) << lines[0];
    // Row 1: in the sliver, 2 mm from the east village's grid.
    EXPECT_NE(lines[1].find(",inside,411626001002"), std::string::npos) << lines[1];
    EXPECT_EQ(lines[1].substr(lines[1].size() - 7), ",0.0020") << lines[1];
    // Row 2: in a grid, no noise gap.
    EXPECT_NE(lines[2].find(",inside,411626001001"), std::string::npos) << lines[2];
    EXPECT_EQ(lines[2].back(), ',') << lines[2];
    // Row 3: 8 mm east of the sliver, inside the east village.
    EXPECT_NE(lines[3].find(",inside,411626001002"), std::string::npos) << lines[3];
}

TEST(NoiseVillage, AVillageThatIsNoiseStopsTheGridCommandNamingItAndNothingIsStored) {
    // A 5 x 5 mm village (a crumb of digitising): no grid may be noise, and it cannot merge into
    // another village's grid. grid exits 7 naming it; the project keeps no generation.
    TempDir dir;
    const std::string project = dir.file("crumb.rgproj");
    const double x0 = 500000, y0 = 3700000;
    const std::string county = boxes_file(dir, "county.geojson", {{"411626", "淮阳县", x0, y0, x0 + 200, y0 + 100}}, false);
    const std::string town = boxes_file(dir, "town.geojson", {{"411626001", "城关镇", x0, y0, x0 + 200, y0 + 100}}, false);
    const std::string villages = boxes_file(dir, "villages.geojson",
                                            {{"411626001001", "西村", x0, y0, x0 + 200, y0 + 100},
                                             {"411626001002", "碎村", x0 + 200, y0, x0 + 200.005, y0 + 0.005}},
                                            true);
    ASSERT_EQ(run_steps({
                  {"-q", "init", project, "--county-code", "411626", "--name", "淮阳县", "--crs", "EPSG:4547"},
                  {"-q", "import", "boundaries", project, county, "--level", "county", "--crs", "EPSG:4547"},
                  {"-q", "import", "boundaries", project, town, "--level", "township", "--crs", "EPSG:4547"},
                  {"-q", "import", "boundaries", project, villages, "--level", "village", "--parent-field", "parent",
                   "--crs", "EPSG:4547"},
              }),
              "");
    auto r = run_respgrid({"-q", "grid", project, "--method", "square", "--size", "50"});
    EXPECT_EQ(r.exit_code, 7) << r.out << r.err;
    EXPECT_NE(r.err.find("411626001002"), std::string::npos) << r.err;
    auto after = run_respgrid({"-q", "locate", project, "--lon", "500050", "--lat", "3700050", "--crs", "EPSG:4547"});
    EXPECT_EQ(after.exit_code, 2) << after.out;
    EXPECT_NE(after.err.find("no grids yet"), std::string::npos) << after.err;
}

// --- the audit measures overlaps on the drawn shapes --------------------------------------------

nlohmann::json ring_json(const std::vector<std::pair<double, double>>& points) {
    nlohmann::json ring = nlohmann::json::array();
    for (const auto& [x, y] : points) ring.push_back({x, y});
    return nlohmann::json::array({ring});
}

// Two villages in one township; the county and the township are the rectangle they should tile.
std::string audit_villages(const TempDir& dir, const std::string& crs, const std::vector<std::pair<double, double>>& outline,
                           const std::vector<std::pair<double, double>>& west, const std::vector<std::pair<double, double>>& east) {
    auto collection = [](std::vector<std::pair<nlohmann::json, nlohmann::json>> features) {
        nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
        for (auto& [properties, rings] : features) {
            fc["features"].push_back({{"type", "Feature"},
                                      {"properties", properties},
                                      {"geometry", {{"type", "Polygon"}, {"coordinates", rings}}}});
        }
        return fc.dump();
    };
    write_text(dir.file("c.geojson"), collection({{{{"code", "411626"}, {"name", "淮阳县"}}, ring_json(outline)}}));
    write_text(dir.file("t.geojson"), collection({{{{"code", "411626001"}, {"name", "城关镇"}}, ring_json(outline)}}));
    write_text(dir.file("v.geojson"), collection({{{{"code", "411626001001"}, {"name", "西村"}}, ring_json(west)},
                                                  {{{"code", "411626001002"}, {"name", "东村"}}, ring_json(east)}}));
    const std::string project = dir.file("drawn.rgproj");
    const std::string failed = run_steps({
        {"-q", "init", project, "--county-code", "411626", "--name", "淮阳县", "--crs", "EPSG:4547"},
        {"-q", "import", "boundaries", project, dir.file("c.geojson"), "--level", "county", "--crs", crs},
        {"-q", "import", "boundaries", project, dir.file("t.geojson"), "--level", "township", "--crs", crs},
        {"-q", "import", "boundaries", project, dir.file("v.geojson"), "--level", "village", "--crs", crs},
    });
    EXPECT_EQ(failed, "");
    auto r = run_respgrid({"-q", "audit", project, "--layer", "villages", "--report", dir.file("audit.json")});
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    return read_text(dir.file("audit.json"));
}

TEST(DrawnOverlap, AnOverlapAVillagesRingClaimsTwiceIsReportedThoughItsRepairDropsIt) {
    // 东村's ring loops twice around 18 x 59 m inside 西村. MakeValid (even-odd) leaves that area out
    // of 东村's repair, which the audit measures: only the loop's 1 m band was reported (138 m²).
    TempDir dir;
    const double x = 500000, y = 3700000;
    auto at = [&](std::vector<std::pair<double, double>> points) {
        for (auto& [px, py] : points) px += x, py += y;
        return points;
    };
    auto report = nlohmann::json::parse(audit_villages(
        dir, "EPSG:4547", at({{0, 0}, {200, 0}, {200, 100}, {0, 100}, {0, 0}}), at({{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}}),
        at({{100, 0}, {200, 0}, {200, 100}, {100, 100}, {100, 60}, {40, 60}, {40, 40}, {100.5, 40}, {100.5, 59}, {41, 59},
            {41, 41}, {100, 41}, {100, 0}})));
    double as_drawn = 0.0;
    for (const auto& d : report["defects"]) {
        if (d["kind"] == "overlap" && d["detail"].get<std::string>().find("as drawn") != std::string::npos) {
            as_drawn += d["area_m2"].get<double>();
        }
    }
    EXPECT_NEAR(as_drawn, 59.0 * 18.0, 0.01);
    EXPECT_GT(report["summary"]["layers"]["villages"]["overlap_area_m2"].get<double>(), 59.0 * 18.0 + 100.0);
}

TEST(DrawnOverlap, AnOverlapWiderThanNoiseSurvivesTheImportsDensification) {
    // Drawn in lon/lat, 东村's western border pokes 3e-7° (2.8 cm) into 西村 half-way along an edge
    // 0.02° long; the import densifies both to 0.001° before the datum shift. Still an overlap.
    TempDir dir;
    const double x0 = 114.9, y0 = 33.7, m = x0 + 0.01;
    auto report = nlohmann::json::parse(
        audit_villages(dir, "wgs84", {{x0, y0}, {x0 + 0.02, y0}, {x0 + 0.02, y0 + 0.02}, {x0, y0 + 0.02}, {x0, y0}},
                       {{x0, y0}, {m, y0}, {m, y0 + 0.02}, {x0, y0 + 0.02}, {x0, y0}},
                       {{m, y0}, {x0 + 0.02, y0}, {x0 + 0.02, y0 + 0.02}, {m, y0 + 0.02}, {m - 3e-7, y0 + 0.01}, {m, y0}}));
    const auto& s = report["summary"]["layers"]["villages"];
    EXPECT_EQ(s["overlap_count"], 1);
    // Half of 2.2 km by 2.8 cm.
    EXPECT_NEAR(s["overlap_area_m2"].get<double>(), 0.5 * 2218.0 * 0.028, 3.0);
}

}  // namespace
}  // namespace respgrid::test

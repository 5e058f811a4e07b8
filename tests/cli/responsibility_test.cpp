// The responsibility model through the real binary on a small project: `import roster` with a
// category table, a road-section line layer and a rules file; `owners --category --json` then
// puts the section's department first exactly where the rules say, and the territory elsewhere.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

class Responsibility : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        project_ = dir_->file("small.rgproj");
        const auto& d = *dir_;
        write_text(d.file("county.geojson"), square_geojson("411626", "淮阳县"));
        write_text(d.file("townships.geojson"), square_geojson("411626001", "城关镇"));
        write_text(d.file("villages.geojson"), square_geojson("411626001001", "东村"));
        write_text(d.file("roster.csv"),
                   "owner_id,kind,name,unit_code,contact,phone,packages,active,valid_from,valid_to\n"
                   "T1,township,城关镇,411626001,镇长甲,1,,1,,\n"
                   "V1,village,东村,411626001001,村书记乙,2,,1,,\n"
                   "GW_OLD,grid_worker,老网格员,411626001001,,3,,1,2015-01-01,2020-12-31\n"
                   "GW_NEW,grid_worker,新网格员,411626001001,,4,,1,2021-01-01,\n"
                   "L1,leader,王县长,,,5,411626001,1,,\n"
                   "D01,department,县城市管理局,,,6,,1,,\n"
                   "D02,department,县住房和城乡建设局,,,7,,1,,\n"
                   "D04,department,县交通运输局,,,8,,1,,\n");
        write_text(d.file("categories.csv"),
                   "code,name,department,deadline_hours,territory_answers\n"
                   "06013,道路破损,D02,72,1\n"
                   "09006,占道经营,D01,4,0\n");
        // A road along y = 3730550 (working CRS): section owned by 交通运输局 for 道路破损; a second
        // feature names an owner the roster does not have and is rejected.
        write_text(d.file("road_sections.geojson"),
                   R"({"type": "FeatureCollection", "features": [
                     {"type": "Feature", "properties": {"owner_id": "D04", "name": "S207 K12-K15", "categories": "06013"},
                      "geometry": {"type": "LineString", "coordinates": [[500000, 3730550], [501000, 3730550]]}},
                     {"type": "Feature", "properties": {"owner_id": "D99", "name": "S207 K15-K18"},
                      "geometry": {"type": "LineString", "coordinates": [[500000, 3730850], [501000, 3730850]]}}]})");
        write_text(d.file("rules.json"),
                   R"({"rules": [
                     {"category": "06013", "layers": ["road_sections"], "mode": "sole", "territory": "fallback"},
                     {"category": "*", "layers": ["road_sections", "category"], "mode": "shared"}]})");
        write_text(d.file("bad_rules.json"), R"({"rules": [{"category": "*", "layers": ["road_section"]}]})");
        std::vector<std::vector<std::string>> steps = {
            {"-q", "init", project_, "--county-code", "411626", "--name", "淮阳县", "--crs", "EPSG:4547"},
            {"-q", "import", "boundaries", project_, d.file("county.geojson"), "--level", "county", "--crs", "EPSG:4547"},
            {"-q", "import", "boundaries", project_, d.file("townships.geojson"), "--level", "township", "--crs", "EPSG:4547"},
            {"-q", "import", "boundaries", project_, d.file("villages.geojson"), "--level", "village", "--crs", "EPSG:4547"},
            {"-q", "import", "roster", project_, d.file("roster.csv"), "--categories", d.file("categories.csv"), "--line",
             "road_sections=" + d.file("road_sections.geojson"), "--buffer", "10", "--crs", "EPSG:4547", "--rules",
             d.file("rules.json")},
            {"-q", "grid", project_, "--size", "100"},
            {"-q", "assign", project_},
        };
        for (const auto& s : steps) {
            auto r = run_respgrid(s);
            if (r.exit_code != 0) {
                failure_ = "step failed (" + std::to_string(r.exit_code) + "): " + s[1] + " " + s[2] + "\n" + r.err;
                return;
            }
        }
        // A grid whose representative point lies on the road, and one 450 m away from it.
        auto project = store::Project::open(project_);
        for (const auto& g : project.load_grids(project.current_generation()->id)) {
            geo::XY p = grids::interior_point(g.cell.shape());
            if (std::abs(p.y - 3730550) < 10 && on_road_.empty()) on_road_ = g.cell.code;
            if (p.y < 3730100 && off_road_.empty()) off_road_ = g.cell.code;
        }
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override {
        ASSERT_TRUE(failure_.empty()) << failure_;
        ASSERT_FALSE(on_road_.empty());
        ASSERT_FALSE(off_road_.empty());
    }

    static nlohmann::json owners(const std::vector<std::string>& extra, int expected_exit = 0) {
        std::vector<std::string> args{"owners", project_};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back("--json");
        auto r = run_respgrid(args);
        EXPECT_EQ(r.exit_code, expected_exit) << r.err;
        return nlohmann::json::parse(r.out);
    }
    static std::vector<std::string> ids(const nlohmann::json& j) {
        std::vector<std::string> out;
        for (const auto& o : j["owners"]) out.push_back(o["owner_id"].is_null() ? "-" : o["owner_id"].get<std::string>());
        return out;
    }

    static inline TempDir* dir_ = nullptr;
    static inline std::string project_, failure_, on_road_, off_road_;
};

TEST_F(Responsibility, SectionDepartmentAnswersAloneOnTheRoadAndTheTerritoryAwayFromIt) {
    auto on = owners({"--grid", on_road_, "--category", "06013"});
    EXPECT_EQ(ids(on), (std::vector<std::string>{"D04"}));
    EXPECT_EQ(on["owners"][0]["layer"], "road_sections");
    EXPECT_EQ(on["owners"][0]["label"], "S207 K12-K15");
    const std::string rule = on["owners"][0]["rule"];
    EXPECT_NE(rule.find("rules.json"), std::string::npos) << rule;
    EXPECT_NE(rule.find("category 06013 (sole) -> layer road_sections -> S207 K12-K15 owned by 县交通运输局"), std::string::npos)
        << rule;
    EXPECT_FALSE(on["territory_listed"].get<bool>());
    EXPECT_EQ(on["deadline_hours"], 72.0);

    // Away from the road the territory answers (属地兜底); the grid worker is the one serving now.
    auto off = owners({"--grid", off_road_, "--category", "06013"});
    EXPECT_EQ(ids(off), (std::vector<std::string>{"GW_NEW", "V1", "T1", "L1"}));
    EXPECT_NE(off["owners"][0]["rule"].get<std::string>().find("属地兜底"), std::string::npos);

    // 占道经营: the catalogue's department; territory_answers = 0, so the territory is not listed.
    EXPECT_EQ(ids(owners({"--grid", on_road_, "--category", "09006"})), (std::vector<std::string>{"D01"}));
    // No category: the section is for 06013 only; the territory answers.
    EXPECT_EQ(ids(owners({"--grid", on_road_})), (std::vector<std::string>{"GW_NEW", "V1", "T1", "L1"}));
}

TEST_F(Responsibility, RejectsAreWrittenBesideTheProjectAndBadRulesNameTheKey) {
    auto rejects = read_text(dir_->file("road_sections.rejects.csv"));
    EXPECT_NE(rejects.find("D99"), std::string::npos) << rejects;
    auto bad = run_respgrid({"-q", "import", "rules", project_, dir_->file("bad_rules.json")});
    EXPECT_EQ(bad.exit_code, 4) << bad.err;
    EXPECT_NE(bad.err.find("bad_rules.json"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("rules[0].layers"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("road_section'"), std::string::npos) << bad.err;
    // The stored rules are unchanged.
    EXPECT_EQ(store::Project::open(project_).load_rules()->source, "rules.json");
}

TEST_F(Responsibility, AtATimeBeforeEveryGenerationIsAUsageErrorAndABadTimeToo) {
    auto r = run_respgrid({"owners", project_, "--grid", on_road_, "--at", "2019-06-01"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("2019-06-01"), std::string::npos) << r.err;
    auto bad = run_respgrid({"owners", project_, "--grid", on_road_, "--at", "yesterday"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--at"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace respgrid::test

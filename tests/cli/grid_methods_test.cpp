// Every grid method on the sample county, with roads, rivers, households and institutions
// imported: the grids tile the county, never overlap, never cross a village boundary, carry
// unique codes in numbering order, and a rerun with the same inputs gives identical grids.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

class GridMethods : public ::testing::TestWithParam<std::string> {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        base_ = dir_->file("base.rgproj");
        auto data = [](const std::string& f) { return sample_file(f); };
        std::vector<std::vector<std::string>> steps = {
            {"-q", "init", base_, "--county-code", "411626", "--name", "淮阳县"},
            {"-q", "import", "boundaries", base_, data("huaiyang_county.geojson"), "--level", "county", "--crs", "gcj02"},
            {"-q", "import", "boundaries", base_, data("townships.geojson"), "--level", "township", "--crs", "gcj02"},
            {"-q", "import", "boundaries", base_, data("villages.geojson"), "--level", "village", "--crs", "gcj02"},
            {"-q", "import", "lines", base_, data("roads.geojson"), "--kind-field", "kind", "--crs", "gcj02"},
            {"-q", "import", "lines", base_, data("rivers.geojson"), "--kind", "river", "--crs", "gcj02"},
            {"-q", "import", "weights", base_, data("households.geojson"), "--weight-field", "households", "--crs", "gcj02"},
            {"-q", "import", "dedicated", base_, data("institutions.geojson"), "--crs", "gcj02"},
        };
        for (const auto& s : steps) {
            auto r = run_respgrid(s);
            if (r.exit_code != 0) {
                failure_ = "set-up step failed: " + s[1] + " " + s[2] + "\n" + r.err;
                return;
            }
        }
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(failure_.empty()) << failure_; }

    static inline TempDir* dir_ = nullptr;
    static inline std::string base_;
    static inline std::string failure_;
};

TEST_P(GridMethods, GridsTileTheCountyWithStableCodesAndRerunsAreIdentical) {
    const std::string method = GetParam();
    const std::string project = dir_->file(method + ".rgproj");
    std::filesystem::copy_file(base_, project);
    for (int run = 0; run < 2; ++run) {
        auto r = run_respgrid({"-q", "grid", project, "--method", method});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    // Coverage: the audit finds no gap, overlap or spill above 0.01 m², and the union of the
    // grids is the county within 1 m² per 1,000 km².
    auto audit = run_respgrid({"-q", "audit", project, "--layer", "grids", "--report", dir_->file(method + ".json")});
    // Exit 3: no roster is imported here, so grids have no owners; coverage is what is checked.
    ASSERT_EQ(audit.exit_code, 3) << audit.err;
    auto report = nlohmann::json::parse(read_text(dir_->file(method + ".json")));
    const auto& s = report["summary"]["layers"]["grids"];
    EXPECT_EQ(s["gap_count"], 0) << method;
    EXPECT_EQ(s["overlap_count"], 0) << method;
    EXPECT_EQ(s["spill_count"], 0) << method;
    EXPECT_EQ(s["nesting_count"], 0) << method;  // every grid inside its own village
    double county = s["county_area_m2"].get<double>();
    EXPECT_NEAR(s["union_area_m2"].get<double>(), county, county / 1e9) << method;
    EXPECT_NEAR(s["polygons_area_m2"].get<double>(), s["union_area_m2"].get<double>(), 0.01) << method;

    auto p = store::Project::open(project);
    auto generations = p.generations();
    ASSERT_EQ(generations.size(), 2u);
    auto first = p.load_grids(generations[0].id);
    auto second = p.load_grids(generations[1].id);
    ASSERT_GT(first.size(), 460u) << "at least one grid per village";

    // A rerun with the same inputs gives the same grids, bit for bit.
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        ASSERT_EQ(first[i].cell.code, second[i].cell.code);
        ASSERT_EQ(first[i].cell.name, second[i].cell.name);
        ASSERT_EQ(first[i].cell.wkb, second[i].cell.wkb) << first[i].cell.code;
    }

    // Codes: 15 digits, unique, prefixed by the village; rows run north -> south in code order.
    std::map<std::string, geo::Geometry> villages;
    for (auto& v : p.load_units(grids::AdminLevel::Village)) villages.emplace(v.code, std::move(v.geometry));
    std::set<std::string> codes;
    std::size_t dedicated = 0;
    for (std::size_t i = 0; i < first.size(); ++i) {
        const auto& c = first[i].cell;
        ASSERT_EQ(c.code.size(), 15u);
        ASSERT_TRUE(codes.insert(c.code).second) << "duplicate " << c.code;
        ASSERT_EQ(c.code.substr(0, 12), c.village_code);
        if (i > 0 && first[i - 1].cell.village_code == c.village_code) {
            ASSERT_GE(first[i - 1].cell.row, c.row) << "numbering order at " << c.code;
        }
        dedicated += c.dedicated ? 1 : 0;
    }
    // Every grid inside its village (up to the rounding of vertices inserted on its edges).
    std::map<std::string, std::vector<const store::StoredGrid*>> by_village;
    for (const auto& g : first) by_village[g.cell.village_code].push_back(&g);
    std::size_t checked = 0;
    for (const auto& [code, grids_of_village] : by_village) {
        ASSERT_TRUE(villages.count(code)) << code;
        const geo::Geometry& village = villages.at(code);
        geo::PreparedGeometry prepared(village);
        for (const auto* g : grids_of_village) {
            const geo::Geometry shape = g->cell.shape();
            if (!prepared.covers(shape)) {
                ASSERT_LT(shape.difference(village).area(), 1e-6) << g->cell.code << " crosses its village";
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, first.size());
    // The 56 institutions become dedicated grids (three of them cross a village border).
    EXPECT_GE(dedicated, 56u) << method;

    // What each method is for.
    double general_area = 0, in_range = 0, general = 0;
    for (const auto& g : first) {
        if (g.cell.dedicated) continue;
        ++general;
        general_area += g.cell.area_m2;
        in_range += (g.cell.weight >= 300 && g.cell.weight <= 500) ? 1 : 0;
    }
    if (method == "blocks" || method == "square") {
        EXPECT_NEAR(general_area / general, 10000.0, 2000.0) << "unit grids of about 10,000 m²";
    }
    if (method == "balanced") {
        EXPECT_GT(in_range / general, 0.75) << "most grids hold 300-500 households";
    }
}

INSTANTIATE_TEST_SUITE_P(SampleCounty, GridMethods, ::testing::Values("square", "hex", "blocks", "balanced"));

// The commands of tests/data/cases/hex_lattice_township/README.md: hexagons of 500 m used to
// leave grids of village 411600005011 in its neighbours (exit 0; the audit then found 86
// overlaps, a 9.6 km² gap and 80 spills).
TEST(HexLatticeTownship, HexGridsTileEveryVillageAndTheAuditFindsNoGapOverlapOrSpill) {
    TempDir dir;
    const std::string project = dir.file("hex.rgproj");
    auto data = [](const std::string& f) { return test_data_file("cases/hex_lattice_township/" + f); };
    ASSERT_EQ(run_steps({
        {"-q", "init", project, "--county-code", "411600", "--name", "周口市"},
        {"-q", "import", "boundaries", project, data("county.geojson"), "--level", "county", "--crs", "wgs84"},
        {"-q", "import", "boundaries", project, data("township.geojson"), "--level", "township", "--code-field", "code9",
         "--crs", "wgs84"},
        {"-q", "import", "boundaries", project, data("villages.geojson"), "--level", "village", "--code-field", "code12",
         "--parent-field", "parent9", "--crs", "wgs84"},
        {"-q", "grid", project, "--method", "hex", "--size", "500"},
    }), "");
    auto audit = run_respgrid({"-q", "audit", project, "--layer", "grids", "--report", dir.file("audit.json")});
    ASSERT_EQ(audit.exit_code, 3) << audit.err;  // grids without owners: no roster here
    auto report = nlohmann::json::parse(read_text(dir.file("audit.json")));
    const auto& s = report["summary"]["layers"]["grids"];
    EXPECT_EQ(s["gap_count"], 0);
    EXPECT_EQ(s["overlap_count"], 0);
    EXPECT_EQ(s["spill_count"], 0);
    EXPECT_EQ(s["nesting_count"], 0);
    EXPECT_NEAR(s["polygons_area_m2"].get<double>(), s["county_area_m2"].get<double>(), 1.0);
}

}  // namespace
}  // namespace respgrid::test

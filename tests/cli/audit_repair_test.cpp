// `respgrid audit` and `respgrid repair` through the real binary: on the ten Zhoukou units as
// shipped (all invalid, with gaps and overlaps between them), checked against an independent
// GEOS computation done here, and on a hand-made village half outside its township.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "respgrid/geo/gdal.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using nlohmann::json;

json read_json(const std::string& path) { return json::parse(read_text(path)); }

// The Zhoukou units as townships 411600001..010 (in the order of their ids), geometry as shipped;
// and the county: the outline (outer rings only) of the union of their MakeValid repairs.
void write_zhoukou_inputs(const std::string& townships_path, const std::string& county_path) {
    json src = read_json((source_dir() / "data" / "zhoukou_counties.geojson").string());
    auto features = src["features"];
    std::sort(features.begin(), features.end(),
              [](const json& a, const json& b) { return a["id"].get<std::string>() < b["id"].get<std::string>(); });
    json townships = {{"type", "FeatureCollection"}, {"features", json::array()}};
    std::vector<geo::Geometry> repaired;
    int n = 0;
    for (const auto& f : features) {
        char code[32];
        std::snprintf(code, sizeof code, "411600%03d", ++n);
        townships["features"].push_back({{"type", "Feature"},
                                         {"properties", {{"code", code}, {"name", f["properties"]["name"]}}},
                                         {"geometry", f["geometry"]}});
        OGRGeometryUniquePtr ogr(OGRGeometryFactory::createFromGeoJson(f["geometry"].dump().c_str()));
        repaired.push_back(geo::to_geos(*ogr).make_valid().polygonal());
    }
    geo::Geometry all = geo::Geometry::union_all(std::move(repaired));
    std::vector<geo::PolygonRings> outline;
    for (const auto& rings : all.polygons()) outline.push_back({rings.front()});
    geo::Geometry county = geo::Geometry::from_polygons(outline);
    OGRGeometryUniquePtr county_ogr = geo::to_ogr(county);
    char* county_json = county_ogr->exportToJson();
    json county_fc = {{"type", "FeatureCollection"},
                      {"features",
                       {{{"type", "Feature"},
                         {"properties", {{"code", "411600"}, {"name", "周口市"}}},
                         {"geometry", json::parse(county_json)}}}}};
    CPLFree(county_json);
    write_text(townships_path, townships.dump());
    write_text(county_path, county_fc.dump());
}

class ZhoukouAudit : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        project_ = dir_->file("zhoukou.rgproj");
        write_zhoukou_inputs(dir_->file("townships.geojson"), dir_->file("county.geojson"));
        for (const auto& s : std::vector<std::vector<std::string>>{
                 {"-q", "init", project_, "--county-code", "411600", "--name", "周口市"},
                 {"-q", "import", "boundaries", project_, dir_->file("county.geojson"), "--level", "county", "--crs", "gcj02"},
                 {"-q", "import", "boundaries", project_, dir_->file("townships.geojson"), "--level", "township", "--crs",
                  "gcj02"}}) {
            auto r = run_respgrid(s);
            ASSERT_EQ(r.exit_code, 0) << r.err;
        }
        std::filesystem::copy_file(project_, dir_->file("as_imported.rgproj"));
        audit_ = run_respgrid({"-q", "audit", project_, "--layer", "townships", "--report", dir_->file("audit.json"),
                               "--defects", dir_->file("defects.gpkg")});
    }
    static void TearDownTestSuite() { delete dir_; }

    static inline TempDir* dir_ = nullptr;
    static inline std::string project_;
    static inline CommandResult audit_;
};

TEST_F(ZhoukouAudit, ReportsAllTenUnitsInvalidAndMeasuresOnTheirRepair) {
    ASSERT_EQ(audit_.exit_code, 3) << audit_.out << audit_.err;
    auto report = read_json(dir_->file("audit.json"));
    const auto& s = report["summary"]["layers"]["townships"];
    EXPECT_EQ(s["polygons"], 10);
    EXPECT_EQ(s["invalid_count"], 10);
    EXPECT_EQ(s["measured_on_repair_count"], 10);
    EXPECT_NE(report["summary"]["measured_repair"].get<std::string>().find("MakeValid"), std::string::npos);
    std::set<std::string> invalid_units;
    for (const auto& d : report["defects"]) {
        if (d["kind"] != "invalid") continue;
        invalid_units.insert(d["units"][0].get<std::string>());
        EXPECT_NE(d["detail"].get<std::string>().find("intersection"), std::string::npos) << d["detail"];
        // GEOS's location, in lon/lat inside Zhoukou.
        EXPECT_GT(d["lon"].get<double>(), 114.0);
        EXPECT_LT(d["lon"].get<double>(), 116.0);
        EXPECT_GT(d["lat"].get<double>(), 33.0);
        EXPECT_LT(d["lat"].get<double>(), 34.5);
    }
    EXPECT_EQ(invalid_units.size(), 10U);
}

TEST_F(ZhoukouAudit, GapAndOverlapTotalsMatchAnIndependentGeosComputation) {
    ASSERT_EQ(audit_.exit_code, 3) << audit_.err;
    // Independent: each unit as stored (the drawn rings, in the working CRS) repaired here with
    // GEOS MakeValid, then one union: gaps = county - union, overlaps = sum of areas - union.
    auto project = store::Project::open(dir_->file("as_imported.rgproj"));
    std::vector<geo::Geometry> units;
    double sum = 0.0;
    {
        store::Statement st(project.connection(), "SELECT as_shipped FROM admin_units WHERE level = 'township'");
        while (st.step()) {
            ASSERT_FALSE(st.is_null(0)) << "every Zhoukou unit is invalid as shipped";
            auto wkb = st.blob(0);
            geo::Geometry g = geo::Geometry::from_wkb(wkb).make_valid().polygonal();
            sum += g.area();
            units.push_back(std::move(g));
        }
    }
    ASSERT_EQ(units.size(), 10U);
    geo::Geometry county = project.load_units(grids::AdminLevel::County).front().geometry.clone();
    geo::Geometry all = geo::Geometry::union_all(std::move(units));
    double gaps = county.difference(all).area();
    double overlaps = sum - all.area();
    ASSERT_GT(gaps, 1000.0) << "the shipped units leave gaps";
    ASSERT_GT(overlaps, 1000.0) << "the shipped units overlap";

    auto report = read_json(dir_->file("audit.json"));
    const auto& s = report["summary"]["layers"]["townships"];
    double noise = s["noise_area_m2"].get<double>();
    // Repairing before or after the datum shift moves a crossing by millimetres: 1 m² of slack.
    EXPECT_NEAR(s["gap_area_m2"].get<double>(), gaps, 1.0 + noise);
    EXPECT_NEAR(s["overlap_area_m2"].get<double>(), overlaps, 1.0 + noise);
    EXPECT_GT(s["gap_count"].get<int>(), 0);
    EXPECT_GT(s["overlap_count"].get<int>(), 0);
}

TEST_F(ZhoukouAudit, DefectsGeoPackageHasOneLayerPerKindInCgcs2000) {
    auto report = read_json(dir_->file("audit.json"));
    std::map<std::string, int> expected;
    for (const auto& d : report["defects"]) ++expected[d["kind"].get<std::string>()];
    auto ds = geo::open_vector(dir_->file("defects.gpkg"));
    std::map<std::string, std::string> layer_of = {{"invalid", "invalid"}, {"gap", "gaps"}, {"overlap", "overlaps"},
                                                   {"spill", "spill"},     {"nesting", "nesting"}};
    for (const auto& [kind, layer_name] : layer_of) {
        OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
        ASSERT_NE(layer, nullptr) << layer_name;
        EXPECT_EQ(layer->GetFeatureCount(), expected[kind]) << layer_name;
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        ASSERT_NE(srs, nullptr);
        EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4490");
    }
    EXPECT_NE(ds->GetLayerByName("ownership"), nullptr);
    EXPECT_EQ(ds->GetLayerByName("invalid")->GetGeomType(), wkbPoint);
    // A gap polygon holds the point the report gives for it.
    OGRLayer* gaps = ds->GetLayerByName("gaps");
    gaps->ResetReading();
    OGRFeatureUniquePtr first(gaps->GetNextFeature());
    ASSERT_TRUE(first);
    OGRPoint at(first->GetFieldAsDouble("x"), first->GetFieldAsDouble("y"));
    EXPECT_TRUE(first->GetGeometryRef()->Intersects(&at));
}

TEST_F(ZhoukouAudit, RepairProposesFirstThenAppliedPassesTheAuditAndKeepsTheArea) {
    const std::string p = dir_->file("repair.rgproj");
    std::filesystem::copy_file(dir_->file("as_imported.rgproj"), p);
    // Without --apply: the change list is written and the project is not touched.
    auto proposed = run_respgrid({"-q", "repair", p, "--layer", "townships", "--output", dir_->file("plan")});
    ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
    auto plan = read_json(dir_->file("plan.json"));
    EXPECT_FALSE(plan["applied"].get<bool>());
    std::map<std::string, int> rules;
    for (const auto& c : plan["changes"]) ++rules[c["rule"].get<std::string>()];
    EXPECT_EQ(rules["make_valid"], 10);
    EXPECT_GT(rules["gap"], 0);
    EXPECT_GT(rules["overlap"], 0);
    EXPECT_EQ(rules["unassigned"], 0);
    auto pieces = geo::open_vector(dir_->file("plan.gpkg"));
    ASSERT_NE(pieces->GetLayerByName("changes"), nullptr);
    EXPECT_EQ(pieces->GetLayerByName("changes")->GetFeatureCount(), rules["gap"] + rules["overlap"] + rules["clip_spill"]);
    {
        auto untouched = store::Project::open(p);
        EXPECT_EQ(untouched.connection().query_integer(
                      "SELECT count(*) FROM admin_units WHERE level = 'township' AND as_shipped IS NOT NULL"),
                  10);
    }

    auto applied = run_respgrid({"-q", "repair", p, "--layer", "townships", "--output", dir_->file("applied"), "--apply"});
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
    auto after = run_respgrid({"-q", "audit", p, "--layer", "townships", "--report", dir_->file("after.json")});
    EXPECT_EQ(after.exit_code, 0) << after.out;
    auto report = read_json(dir_->file("after.json"));
    const auto& s = report["summary"]["layers"]["townships"];
    double county = s["county_area_m2"].get<double>();
    EXPECT_NEAR(s["polygons_area_m2"].get<double>(), county, county * 1e-4);  // within 0.01%
    EXPECT_NEAR(s["union_area_m2"].get<double>(), county, county * 1e-4);
    auto project = store::Project::open(p);
    EXPECT_EQ(project.connection().query_integer("SELECT count(*) FROM repair_runs"), 1);
    EXPECT_EQ(project.connection().query_integer("SELECT count(*) FROM admin_units WHERE as_shipped IS NOT NULL"), 0);
}

// --- a small hand-made project in metres (EPSG:4547): a village half outside its township

const char* const kTownships = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"411626001","name":"西镇"},"geometry":{"type":"Polygon","coordinates":[[[500000,3700000],[501000,3700000],[501000,3702000],[500000,3702000],[500000,3700000]]]}},
{"type":"Feature","properties":{"code":"411626002","name":"东镇"},"geometry":{"type":"Polygon","coordinates":[[[501000,3700000],[502000,3700000],[502000,3702000],[501000,3702000],[501000,3700000]]]}}]})";
const char* const kCounty = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"411626","name":"淮阳县"},"geometry":{"type":"Polygon","coordinates":[[[500000,3700000],[502000,3700000],[502000,3702000],[500000,3702000],[500000,3700000]]]}}]})";
// 西村 reaches 500 m into 东镇; 南村 and 东村 fill the rest.
const char* const kVillages = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"411626001001","name":"西村"},"geometry":{"type":"Polygon","coordinates":[[[500000,3701000],[501500,3701000],[501500,3702000],[500000,3702000],[500000,3701000]]]}},
{"type":"Feature","properties":{"code":"411626001002","name":"南村"},"geometry":{"type":"Polygon","coordinates":[[[500000,3700000],[501000,3700000],[501000,3701000],[500000,3701000],[500000,3700000]]]}},
{"type":"Feature","properties":{"code":"411626002001","name":"东村"},"geometry":{"type":"Polygon","coordinates":[[[501000,3700000],[502000,3700000],[502000,3702000],[501000,3702000],[501000,3700000]]]}}]})";

TEST(VillageOutsideItsTownship, AuditFindsSpillAndNestingAndRepairClipsIt) {
    TempDir dir;
    const std::string p = dir.file("small.rgproj");
    write_text(dir.file("county.geojson"), kCounty);
    write_text(dir.file("townships.geojson"), kTownships);
    write_text(dir.file("villages.geojson"), kVillages);
    for (const auto& s : std::vector<std::vector<std::string>>{
             {"-q", "init", p, "--county-code", "411626", "--name", "淮阳县", "--crs", "EPSG:4547"},
             {"-q", "import", "boundaries", p, dir.file("county.geojson"), "--level", "county", "--crs", "EPSG:4547"},
             {"-q", "import", "boundaries", p, dir.file("townships.geojson"), "--level", "township", "--crs", "EPSG:4547"},
             {"-q", "import", "boundaries", p, dir.file("villages.geojson"), "--level", "village", "--crs", "EPSG:4547"}}) {
        auto r = run_respgrid(s);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    auto audit = run_respgrid({"-q", "audit", p, "--report", dir.file("audit.json")});
    ASSERT_EQ(audit.exit_code, 3) << audit.out << audit.err;
    auto report = read_json(dir.file("audit.json"));
    EXPECT_TRUE(report["summary"]["layers"]["townships"]["passed"].get<bool>());
    const auto& v = report["summary"]["layers"]["villages"];
    EXPECT_EQ(v["spill_count"], 1);
    EXPECT_NEAR(v["spill_area_m2"].get<double>(), 500000.0, 1e-3);
    EXPECT_EQ(v["overlap_count"], 1);  // the spilled half lies on 东村
    EXPECT_EQ(v["nesting_count"], 1);  // 2/3 inside its township, below the 99% share
    for (const auto& d : report["defects"]) {
        if (d["kind"] == "spill") {
            EXPECT_EQ(d["units"], json({"411626001001", "411626001"}));
        }
        if (d["kind"] == "nesting") {
            EXPECT_EQ(d["units"], json({"411626001001", "411626001", "411626002"}));
            EXPECT_NEAR(d["share"].get<double>(), 2.0 / 3.0, 1e-9);
        }
    }

    auto repair = run_respgrid({"-q", "repair", p, "--layer", "villages", "--apply"});
    ASSERT_EQ(repair.exit_code, 0) << repair.err;
    EXPECT_TRUE(std::filesystem::exists(dir.file("small.repair-villages.json")));
    auto again = run_respgrid({"-q", "audit", p, "--layer", "villages"});
    EXPECT_EQ(again.exit_code, 0) << again.out;
}

}  // namespace
}  // namespace respgrid::test

// The whole pipeline on the sample county (data/), run through the real binary once, then its
// real outputs checked: the project store, the located CSV, the audit report, the GeoPackage.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "respgrid/geo/gdal.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"
#include "qgis_probe.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

// Rows of a CSV keyed by the column `key`, every value as text.
std::map<std::string, std::map<std::string, std::string>> read_csv(const std::string& path, const std::string& key) {
    auto ds = geo::open_vector(path, {"HEADERS=YES", "AUTODETECT_TYPE=NO"});
    OGRLayer* layer = ds->GetLayer(0);
    std::map<std::string, std::map<std::string, std::string>> rows;
    for (auto& f : *layer) {
        std::map<std::string, std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i) row[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
        rows[row[key]] = row;
    }
    return rows;
}

class SamplePipeline : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        project_ = dir_->file("huaiyang.rgproj");
        auto data = [](const std::string& f) { return sample_file(f); };
        std::vector<std::vector<std::string>> steps = {
            {"-q", "init", project_, "--county-code", "411626", "--name", "淮阳县"},
            {"-q", "import", "boundaries", project_, data("huaiyang_county.geojson"), "--level", "county", "--crs", "gcj02"},
            {"-q", "import", "boundaries", project_, data("townships.geojson"), "--level", "township", "--crs", "gcj02"},
            {"-q", "import", "boundaries", project_, data("villages.geojson"), "--level", "village", "--crs", "gcj02"},
            {"-q", "import", "roster", project_, data("roster.csv")},
            {"-q", "import", "categories", project_, data("categories.csv")},
            {"-q", "import", "issues", project_, data("issues.csv")},
            {"-q", "grid", project_, "--size", "100"},
            {"-q", "assign", project_},
            {"-q", "locate", project_, "--input", data("issues.csv"), "--output", dir_->file("located.csv")},
        };
        for (const auto& s : steps) {
            auto r = run_respgrid_binary(s);
            if (r.exit_code != 0) {
                setup_failure_ = "step failed (" + std::to_string(r.exit_code) + "): " + s[1] + " " + s[2] + "\n" + r.err;
                return;
            }
        }
        add_ledger_cases();
        audit_ = run_respgrid_binary({"-q", "audit", project_, "--report", dir_->file("audit.json"), "--defects",
                               dir_->file("defects.gpkg")});
        export_ = run_respgrid_binary({"-q", "export", project_, "--format", "gpkg", "--output", dir_->file("huaiyang.gpkg")});
    }
    // A few cases on the ledger, in the first grids, stored directly (the ledger's import comes
    // with its own command): one long overdue, one due in 2099, one closed. Their statuses and
    // overdue flags do not depend on the day the test runs.
    static void add_ledger_cases() {
        auto project = store::Project::open(project_);
        const auto stored = project.load_grids(project.current_generation()->id);
        struct Spec {
            grids::CaseStatus status;
            const char* deadline;
        };
        const Spec specs[] = {{grids::CaseStatus::Dispatched, "2020-01-01T12:00:00"},
                              {grids::CaseStatus::InProgress, "2099-01-01T12:00:00"},
                              {grids::CaseStatus::Closed, "2020-01-01T12:00:00"}};
        project.in_one_transaction([&] {
            store::Ledger ledger(project);
            for (std::size_t i = 0; i < std::size(specs); ++i) {
                const auto& cell = stored.at(i * 50).cell;
                grids::LedgerCase c;
                c.number = "HY-20260901-000" + std::to_string(i + 1);
                c.status = specs[i].status;
                c.found_at = grids::parse_time("2019-12-31T09:00:00").value->instant(grids::kChinaTime);
                c.logged_at = c.found_at;
                c.deadline = grids::parse_time(specs[i].deadline).value->instant(grids::kChinaTime);
                c.dispatched_at = c.found_at;
                c.crs = "EPSG:4490";
                c.position = cell.envelope.centre();
                c.generation_id = project.current_generation()->id;
                c.grid_code = cell.code;
                c.village_code = cell.village_code;
                c.township_code = cell.township_code;
                c.category_name = "垃圾满溢";
                ledger.add_case(c);
            }
        });
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(setup_failure_.empty()) << setup_failure_; }

    static inline TempDir* dir_ = nullptr;
    static inline std::string project_;
    static inline std::string setup_failure_;
    static inline CommandResult audit_;
    static inline CommandResult export_;
};

TEST_F(SamplePipeline, GridsTileTheCountyAreaWithinOneTenThousandth) {
    auto project = store::Project::open(project_);
    auto county = project.load_units(grids::AdminLevel::County);
    ASSERT_EQ(county.size(), 1u);
    auto generation = project.current_generation();
    ASSERT_TRUE(generation);
    auto stored = project.load_grids(generation->id);
    double sum = 0;
    std::set<std::string> codes;
    for (const auto& g : stored) {
        sum += g.cell.shape().area();
        codes.insert(g.cell.code);
        ASSERT_EQ(g.cell.code.size(), 15u);
        ASSERT_EQ(g.cell.code.substr(0, 12), g.cell.village_code);
    }
    double county_area = county.front().geometry.area();
    EXPECT_NEAR(sum, county_area, county_area * 1e-4);
    EXPECT_EQ(codes.size(), stored.size()) << "grid codes must be unique";
    // 100 m cells: at least one per hectare of county, plus the cells cut at village borders.
    EXPECT_GT(stored.size(), static_cast<std::size_t>(county_area / 10000.0));
    EXPECT_EQ(stored.size(), generation->cell_count);
}

TEST_F(SamplePipeline, EveryIssueInsideTheCountyIsLocatedToExactlyOneGrid) {
    auto expected = read_csv(sample_file("issues_expected.csv"), "id");
    auto located = read_csv(dir_->file("located.csv"), "id");
    ASSERT_EQ(located.size(), expected.size());
    auto project = store::Project::open(project_);
    auto generation = project.current_generation();
    // SpatiaLite answers independently which stored grids cover each issue's stored position.
    store::Statement position(project.connection(), "SELECT X(geom), Y(geom) FROM issues WHERE id = ?");
    const int srid = project.working_crs().epsg;
    store::Statement covering(project.connection(),
                              "SELECT code FROM grids WHERE ROWID IN (SELECT ROWID FROM SpatialIndex WHERE "
                              "f_table_name = 'grids' AND search_frame = MakePoint(?, ?, ?)) AND generation_id = ? "
                              "AND ST_Covers(geom, MakePoint(?, ?, ?))");
    std::size_t inside = 0, border = 0, outside = 0;
    for (const auto& [id, e] : expected) {
        const auto& row = located.at(id);
        position.reset();
        position.bind(id);
        ASSERT_TRUE(position.step()) << id;
        const double x = position.real(0), y = position.real(1);
        covering.reset();
        covering.bind(x).bind(y).bind(srid).bind(generation->id).bind(x).bind(y).bind(srid);
        std::set<std::string> covers;
        while (covering.step()) covers.insert(covering.text(0));
        const std::string placement = e.at("placement");
        if (placement == "outside") {
            ++outside;
            EXPECT_EQ(row.at("status"), "outside") << id;
            EXPECT_TRUE(row.at("grid_code").empty()) << id;
            EXPECT_FALSE(row.at("nearest_grid").empty()) << id;
            EXPECT_GT(std::stod(row.at("distance_m")), 100.0) << id;
            EXPECT_TRUE(covers.empty()) << id;
            continue;
        }
        EXPECT_EQ(row.at("status"), "inside") << id;
        EXPECT_EQ(covers.count(row.at("grid_code")), 1u) << id << " located to a grid that does not cover it";
        if (placement == "inside") {
            ++inside;
            EXPECT_EQ(covers.size(), 1u) << id;
        } else {
            ++border;
            // On a vertex shared by two or three townships: several grids touch it, one owns it.
            EXPECT_GE(covers.size(), 2u) << id;
        }
        EXPECT_FALSE(row.at("village_name").empty()) << id;
        EXPECT_FALSE(row.at("township_name").empty()) << id;
        EXPECT_FALSE(row.at("leader").empty()) << id;
    }
    EXPECT_GT(inside, 1900u);
    EXPECT_GE(border, 4u);
    EXPECT_GE(outside, 3u);
}

TEST_F(SamplePipeline, BorderPointGetsTheSameGridInSingleAndBatchMode) {
    auto expected = read_csv(sample_file("issues_expected.csv"), "id");
    auto issues = read_csv(sample_file("issues.csv"), "id");
    auto located = read_csv(dir_->file("located.csv"), "id");
    int checked = 0;
    for (const auto& [id, e] : expected) {
        if (e.at("placement") != "border") continue;
        const auto& issue = issues.at(id);
        auto r = run_respgrid_binary({"-q", "locate", project_, "--lon", issue.at("lon"), "--lat", issue.at("lat"), "--crs",
                               issue.at("crs"), "--json"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j["status"], "inside");
        EXPECT_EQ(j["claims"], 1) << "a point on a shared vertex must have exactly one owner";
        EXPECT_EQ(j["grid"]["code"], located.at(id).at("grid_code")) << id;
        ASSERT_EQ(j["owners"].size(), 4u);
        EXPECT_EQ(j["owners"][0]["role"], "grid_worker");
        EXPECT_EQ(j["owners"][3]["role"], "leader");
        ++checked;
    }
    EXPECT_GE(checked, 4);
}

TEST_F(SamplePipeline, AuditFindsFullCoverageAndReportsGridsWithoutAGridWorker) {
    // The sample roster has grid workers who left (active = 0): their villages' grids have no
    // grid worker, which the audit must report (exit 3), while coverage itself is complete.
    ASSERT_EQ(audit_.exit_code, 3) << audit_.out << audit_.err;
    auto report = nlohmann::json::parse(read_text(dir_->file("audit.json")));
    // Every layer tiles the county; only the county outline as drawn is invalid (a
    // self-intersecting ring, data/README.md), which the townships layer reports.
    for (const char* layer : {"townships", "villages", "grids"}) {
        const auto& s = report["summary"]["layers"][layer];
        for (const char* kind : {"gap", "overlap", "spill", "nesting"}) {
            EXPECT_EQ(s[std::string(kind) + "_count"], 0) << layer << " " << kind;
        }
        EXPECT_EQ(s["invalid_count"], std::string(layer) == "townships" ? 1 : 0) << layer;
        EXPECT_NEAR(s["union_area_m2"].get<double>(), s["county_area_m2"].get<double>(), 1.0) << layer;
    }
    std::size_t invalid_county = 0;
    for (const auto& d : report["defects"]) {
        if (d["kind"] == "invalid" && d["units"][0] == "411626") ++invalid_county;
    }
    EXPECT_EQ(invalid_county, 1U);
    const auto& s = report["summary"]["ownership"];
    EXPECT_EQ(s["unowned_grids"], 0);
    EXPECT_GT(s["grids_missing_role"]["grid_worker"].get<int>(), 0);
    EXPECT_EQ(s["grids_missing_role"]["village"], 0);

    // Hire a grid worker for every village the audit names, and the audit passes.
    auto project = store::Project::open(project_);
    std::map<std::string, std::string> grid_village;
    for (const auto& g : project.load_grids(project.current_generation()->id)) grid_village[g.cell.code] = g.cell.village_code;
    std::set<std::string> villages;
    for (const auto& d : report["defects"]) {
        if (d["kind"] != "missing_grid_worker") continue;
        villages.insert(d["village"].get<std::string>());
        if (d["whole_village"].get<bool>()) {
            EXPECT_TRUE(d["units"].empty());
            EXPECT_EQ(d["grids"].get<std::size_t>(),
                      std::count_if(grid_village.begin(), grid_village.end(), [&](const auto& kv) { return kv.second == d["village"]; }));
        } else {
            EXPECT_EQ(d["units"].size(), d["grids"].get<std::size_t>());
            for (const auto& code : d["units"]) EXPECT_EQ(grid_village.at(code.get<std::string>()), d["village"]);
        }
    }
    ASSERT_FALSE(villages.empty());
    std::string roster = "owner_id,kind,name,unit_code,title,phone,active\n";
    int n = 0;
    for (const auto& v : villages) {
        std::string k = std::to_string(++n);
        roster += "GNEW" + k + ",grid_worker,新网格员" + k + "," + v + ",网格员,13900000000,1\n";
    }
    write_text(dir_->file("new_workers.csv"), roster);
    ASSERT_EQ(run_respgrid_binary({"-q", "import", "roster", project_, dir_->file("new_workers.csv")}).exit_code, 0);
    ASSERT_EQ(run_respgrid_binary({"-q", "assign", project_}).exit_code, 0);
    auto again = run_respgrid_binary({"-q", "audit", project_, "--layer", "grids"});
    EXPECT_EQ(again.exit_code, 0) << again.out;
    EXPECT_NE(again.out.find("PASS"), std::string::npos);
    // Both runs are recorded in the store.
    auto runs = store::Project::open(project_).audit_runs();
    ASSERT_GE(runs.size(), 2u);
    EXPECT_FALSE(runs[runs.size() - 2].passed);
    EXPECT_TRUE(runs.back().passed);
}

TEST_F(SamplePipeline, OwnersPrintsTheStoredChainOfAGridAndPutsTheCategoryDepartmentFirst) {
    auto project = store::Project::open(project_);
    auto generation = project.current_generation()->id;
    // A grid with a complete chain (the first one in code order that has four links).
    std::string code;
    grids::GridAssignment stored;
    for (auto& a : project.load_assignments(generation)) {
        if (a.chain.size() == 4) {
            code = a.grid_code;
            stored = a;
            break;
        }
    }
    ASSERT_FALSE(code.empty());
    auto r = run_respgrid_binary({"owners", project_, "--grid", code, "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["owners"].size(), 4u);
    for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_EQ(j["owners"][k]["owner_id"], stored.chain[k].owner_id);
        // The rule names the rules that listed the territory, then the chain's own rule.
        const std::string rule = j["owners"][k]["rule"];
        EXPECT_NE(rule.find("属地兜底"), std::string::npos) << rule;
        EXPECT_TRUE(rule.ends_with(stored.chain[k].rule)) << rule;
    }
    // With a category, its department answers first; the territory follows as the fallback.
    auto categories = project.load_categories();
    auto with_dept = std::find_if(categories.begin(), categories.end(), [](const auto& c) { return !c.department_id.empty(); });
    ASSERT_NE(with_dept, categories.end());
    auto rc = run_respgrid_binary({"owners", project_, "--grid", code, "--category", with_dept->code, "--json"});
    ASSERT_EQ(rc.exit_code, 0) << rc.err;
    auto jc = nlohmann::json::parse(rc.out);
    ASSERT_EQ(jc["owners"].size(), 5u);
    EXPECT_EQ(jc["owners"][0]["role"], "department");
    EXPECT_EQ(jc["owners"][0]["owner_id"], with_dept->department_id);
    EXPECT_NE(jc["owners"][1]["rule"].get<std::string>().find("属地兜底"), std::string::npos);
    // An unknown grid is a usage error naming it.
    auto bad = run_respgrid_binary({"owners", project_, "--grid", "411626999999999"});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.err.find("411626999999999"), std::string::npos);
}

TEST_F(SamplePipeline, ExportedGeoPackageHasEveryLayerInCgcs2000LonLat) {
    ASSERT_EQ(export_.exit_code, 0) << export_.err;
    auto ds = geo::open_vector(dir_->file("huaiyang.gpkg"));
    auto project = store::Project::open(project_);
    auto expected_grids = static_cast<GIntBig>(project.load_grids(project.current_generation()->id).size());
    auto townships_in = geo::open_vector(sample_file("townships.geojson"));
    auto villages_in = geo::open_vector(sample_file("villages.geojson"));
    std::map<std::string, GIntBig> counts = {{"county", 1},
                                             {"townships", townships_in->GetLayer(0)->GetFeatureCount()},
                                             {"villages", villages_in->GetLayer(0)->GetFeatureCount()},
                                             {"grids", expected_grids},
                                             {"issues", 2000},
                                             {"cases", 3}};
    for (const auto& [name, n] : counts) {
        OGRLayer* layer = ds->GetLayerByName(name.c_str());
        ASSERT_NE(layer, nullptr) << name;
        EXPECT_EQ(layer->GetFeatureCount(), n) << name;
        ASSERT_NE(layer->GetSpatialRef(), nullptr) << name;
        EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "4490") << name;
        OGREnvelope e;
        ASSERT_EQ(layer->GetExtent(&e), OGRERR_NONE);
        // x = longitude, y = latitude, around 淮阳 (issues include a few points outside).
        EXPECT_GT(e.MinX, 114.5) << name;
        EXPECT_LT(e.MaxX, 115.2) << name;
        EXPECT_GT(e.MinY, 33.3) << name;
        EXPECT_LT(e.MaxY, 34.0) << name;
    }
    // Owner attributes travel with the grids; Chinese text intact.
    OGRLayer* grids_layer = ds->GetLayerByName("grids");
    grids_layer->SetAttributeFilter("township_name = '陈州街道'");
    OGRFeatureUniquePtr f(grids_layer->GetNextFeature());
    ASSERT_TRUE(f);
    EXPECT_FALSE(std::string(f->GetFieldAsString("leader")).empty());
    EXPECT_EQ(std::string(f->GetFieldAsString("code")).substr(0, 9), "411626001");
}

// The distinct non-null values of `field` in a layer, counted by GDAL (not by QGIS).
std::set<std::string> distinct_values(OGRLayer& layer, const char* field) {
    std::set<std::string> values;
    for (auto& f : layer) {
        const int i = f->GetFieldIndex(field);
        values.insert(i >= 0 && f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
    }
    return values;
}

TEST_F(SamplePipeline, ExportedGeoPackageOpensStyledInARealQgisWithItsProject) {
    ASSERT_EQ(export_.exit_code, 0) << export_.err;
    const std::string gpkg = dir_->file("huaiyang.gpkg");
    auto r = run_respgrid_binary({"-q", "export", project_, "--format", "shp", "--output", dir_->file("shp")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    auto seen = probe_in_qgis({"--gpkg", gpkg, "--png", dir_->file("project.png"), "--shp", dir_->file("shp"),
                               "--layouts", dir_->file("layout_")},
                              why);
    ASSERT_FALSE(seen.is_null()) << why;

    // What the file holds, counted by GDAL.
    auto ds = geo::open_vector(gpkg);
    const std::set<std::string> townships = distinct_values(*ds->GetLayerByName("grids"), "township_code");
    const std::set<std::string> categories = distinct_values(*ds->GetLayerByName("issues"), "category");

    // Every layer: valid, all features, CGCS2000, the default style from layer_styles.
    // The fixture's audit ran on these grids: its non-empty defect layers come along (the sample
    // county's outline is drawn self-intersecting; its roster leaves grids without a grid
    // worker), the empty ones do not.
    std::set<std::string> expected_layers{"county", "townships",    "villages", "grids",
                                          "issues", "cases",        "worker_areas"};
    std::size_t defect_layers = 0;
    auto audit_file = geo::open_vector(dir_->file("defects.gpkg"));
    for (OGRLayer* l : audit_file->GetLayers()) {
        if (l->GetGeomType() == wkbNone || l->GetFeatureCount() == 0) continue;
        expected_layers.insert(l->GetName());
        ++defect_layers;
        ASSERT_NE(ds->GetLayerByName(l->GetName()), nullptr) << l->GetName();
        EXPECT_EQ(ds->GetLayerByName(l->GetName())->GetFeatureCount(), l->GetFeatureCount()) << l->GetName();
    }
    ASSERT_TRUE(expected_layers.count("ownership"));
    EXPECT_EQ(seen["sublayers"].get<std::set<std::string>>(), expected_layers) << "QGIS hides layer_styles";
    EXPECT_EQ(seen["layers"]["ownership"]["colour"], "#ffc800");
    for (const std::string& name : expected_layers) {
        const auto& layer = seen["layers"][name];
        EXPECT_TRUE(layer["valid"].get<bool>()) << name;
        EXPECT_EQ(layer["features"].get<long long>(), ds->GetLayerByName(name.c_str())->GetFeatureCount()) << name;
        EXPECT_EQ(layer["authid"], "EPSG:4490") << name;
        EXPECT_EQ(layer["labels"].get<bool>(), name != "county") << name;  // defect layers are labelled too
        // Valid geometry, checked by GEOS through GDAL on every feature.
        OGRLayer* written = ds->GetLayerByName(name.c_str());
        std::size_t invalid = 0;
        for (auto& f : *written) invalid += f->GetGeometryRef() && !f->GetGeometryRef()->IsValid();
        EXPECT_EQ(invalid, 0u) << name;
    }
    const auto& grids = seen["layers"]["grids"];
    EXPECT_EQ(grids["renderer"], "categorizedSymbol");
    EXPECT_EQ(grids["attribute"], "township_code");
    EXPECT_EQ(grids["categories"].get<std::size_t>(), townships.size());
    EXPECT_NE(grids["label_expression"].get<std::string>().find("\"code\""), std::string::npos);
    const auto& issues = seen["layers"]["issues"];
    EXPECT_EQ(issues["renderer"], "categorizedSymbol");
    EXPECT_EQ(issues["attribute"], "category");
    EXPECT_EQ(issues["categories"].get<std::size_t>(), categories.size());
    // The ledger's cases: a rule per status (QGIS's own parse of the filters), then the red ring,
    // which QGIS's expression engine finds on exactly the cases GDAL reads as overdue.
    const auto& cases = seen["layers"]["cases"];
    EXPECT_EQ(cases["renderer"], "RuleRenderer");
    const std::set<std::string> statuses = distinct_values(*ds->GetLayerByName("cases"), "status");
    ASSERT_EQ(cases["rules"].size(), statuses.size() + 1) << cases.dump();
    std::set<std::string> filters;
    for (std::size_t i = 0; i < statuses.size(); ++i) filters.insert(cases["rules"][i]["filter"].get<std::string>());
    std::set<std::string> expected_filters;
    for (const auto& status : statuses) expected_filters.insert("\"status\" = '" + status + "'");
    EXPECT_EQ(filters, expected_filters);
    const auto& ring = cases["rules"].back();
    EXPECT_EQ(ring["filter"], "\"overdue\" = 1");
    EXPECT_EQ(ring["stroke"], "#e60000");
    OGRLayer* cases_layer = ds->GetLayerByName("cases");
    cases_layer->SetAttributeFilter("overdue = 1");
    EXPECT_EQ(cases["rule_features"].back().get<GIntBig>(), cases_layer->GetFeatureCount());
    EXPECT_EQ(cases_layer->GetFeatureCount(), 1) << "only the dispatched case is late: the closed one is off the clock";
    cases_layer->SetAttributeFilter(nullptr);
    EXPECT_EQ(cases["aliases"].value("status_zh", ""), "状态");
    // A layer QGIS styles by itself gets a random colour; ours are fixed.
    EXPECT_EQ(seen["layers"]["county"]["renderer"], "singleSymbol");
    // The fields' Chinese titles reach QGIS as field aliases (docs/cli.md), every field that has
    // one: GDAL 3.6 stores none in a GeoPackage, the styles carry them.
    EXPECT_EQ(grids["aliases"].value("village_name", ""), "村/社区");
    EXPECT_EQ(grids["aliases"].value("grid_worker_phone", ""), "网格员电话");
    EXPECT_EQ(issues["aliases"].value("category_name", ""), "问题类别");
    EXPECT_EQ(seen["layers"]["villages"]["aliases"].value("name", ""), "名称");
    EXPECT_EQ(grids["aliases"].size(), ds->GetLayerByName("grids")->GetLayerDefn()->GetFieldCount());

    // The project stored in the file: CGCS2000, every layer valid, read from this very file.
    const auto& project = seen["project"];
    ASSERT_TRUE(project["read"].get<bool>()) << why;
    EXPECT_EQ(project["crs"], "EPSG:4490");
    std::vector<std::string> titles;
    for (const auto& l : project["layers"]) {
        titles.push_back(l["name"]);
        EXPECT_TRUE(l["valid"].get<bool>()) << l.dump();
        EXPECT_EQ(l["source"].get<std::string>().rfind(gpkg + "|layername=", 0), 0u) << l.dump();
        EXPECT_FALSE(l["aliases"].empty()) << "the project's layers carry the field titles too: " << l.dump();
    }
    // Defects on top, then the ledger's cases, issues, outlines, and the grids at the bottom.
    ASSERT_EQ(titles.size(), defect_layers + 7);
    EXPECT_EQ(std::vector<std::string>(titles.end() - 7, titles.end()),
              (std::vector<std::string>{"督办案卷", "问题", "县界", "乡镇/街道", "村/社区", "网格员责任区", "网格"}));
    EXPECT_EQ(titles[defect_layers - 1], "责任人缺失");
    // Rendered: not blank, the townships' colours and more, no layer failed.
    const auto& render = seen["render"];
    EXPECT_GT(render["painted_share"].get<double>(), 0.3);
    EXPECT_GT(render["distinct_colours"].get<int>(), static_cast<int>(townships.size()));
    EXPECT_TRUE(render["errors"].empty()) << render.dump();
    // Zoomed in to the grids, their codes are drawn inside the township and village outlines.
    const auto& zoomed = seen["zoomed"];
    EXPECT_LT(zoomed["scale"].get<double>(), 20000.0);
    EXPECT_GT(zoomed["labels"].value("网格", 0), 10) << zoomed.dump();

    // The print layouts of the stored project (docs/cli.md "export"): the wall sheet's atlas has a
    // page per township, the worker sheet's a page per grid worker with grids, and the first page
    // of each, exported by QGIS itself, is a map with its furniture, not a blank sheet.
    auto project_store = store::Project::open(project_);
    const auto stored_townships = project_store.load_units(grids::AdminLevel::Township);
    std::set<std::string> workers_with_grids;
    for (auto& g : *ds->GetLayerByName("grids")) {
        const int i = g->GetFieldIndex("grid_worker");
        if (g->IsFieldSetAndNotNull(i)) workers_with_grids.insert(g->GetFieldAsString(i));
    }
    ASSERT_GT(workers_with_grids.size(), 100u) << "the sample's roster has hundreds of grid workers";
    EXPECT_EQ(ds->GetLayerByName("worker_areas")->GetFeatureCount(), static_cast<GIntBig>(workers_with_grids.size()))
        << "workers are told apart by name in the sample";
    const std::map<std::string, std::pair<std::string, std::size_t>> sheets{
        {"乡镇网格责任图", {"乡镇/街道", stored_townships.size()}},
        {"网格员责任区图", {"网格员责任区", workers_with_grids.size()}}};
    ASSERT_EQ(seen["layouts"].size(), sheets.size()) << seen["layouts"].dump();
    for (const auto& layout : seen["layouts"]) {
        const std::string name = layout["name"];
        ASSERT_TRUE(sheets.count(name)) << name;
        const auto& [coverage, pages] = sheets.at(name);
        EXPECT_TRUE(layout["atlas_enabled"].get<bool>()) << name;
        EXPECT_EQ(layout["coverage"], coverage) << name;
        EXPECT_TRUE(layout["coverage_valid"].get<bool>()) << name;
        EXPECT_EQ(layout["coverage_features"].get<std::size_t>(), pages) << name;
        EXPECT_EQ(layout["atlas_pages"].get<std::size_t>(), pages) << name;
        EXPECT_EQ(layout["items"].get<std::set<std::string>>(),
                  (std::set<std::string>{"QgsLayoutItemLabel", "QgsLayoutItemLegend", "QgsLayoutItemMap",
                                         "QgsLayoutItemPage", "QgsLayoutItemPicture", "QgsLayoutItemScaleBar"}))
            << name;
        EXPECT_EQ(layout["export_result"], 0) << name << ": QgsLayoutExporter::Success";
        const auto& png = layout["png"];
        EXPECT_GT(png["painted_share"].get<double>(), 0.3) << name << " is nearly blank";
        EXPECT_GT(png["distinct_colours"].get<int>(), 100) << name;
        // The title is the atlas feature's: a township's name, a worker's name.
        bool titled = false;
        for (const auto& label : layout["labels"]) {
            const std::string text = label;
            titled |= text.find(name == "乡镇网格责任图" ? "网格责任分布图" : " 网格员责任区图") != std::string::npos &&
                      text.find("[%") == std::string::npos && text.size() > std::string("网格责任分布图").size();
        }
        EXPECT_TRUE(titled) << layout["labels"].dump();
    }

    // The shapefiles: styled by their .qml (with the 10-character names), Chinese intact.
    const auto& shp = seen["shp"];
    EXPECT_EQ(shp["grids"]["renderer"], "categorizedSymbol");
    EXPECT_EQ(shp["grids"]["attribute"], "township_c");
    EXPECT_EQ(shp["grids"]["categories"].get<std::size_t>(), townships.size());
    EXPECT_EQ(shp["grids"]["aliases"].value("village_na", ""), "村/社区") << "by the shapefile's 10-character name";
    const auto names = distinct_values(*ds->GetLayerByName("villages"), "name");
    EXPECT_EQ(shp["villages"]["values"]["name"].get<std::set<std::string>>(), names);
    EXPECT_TRUE(names.count("东关社区"));
    EXPECT_EQ(shp["grids"]["values"]["township_n"].get<std::set<std::string>>(),
              distinct_values(*ds->GetLayerByName("townships"), "name"));

    // The audit's defects open in alarm colours.
    ASSERT_EQ(audit_.exit_code, 3) << audit_.err;  // the sample has grids without a grid worker
    auto defects = probe_in_qgis({"--gpkg", dir_->file("defects.gpkg")}, why);
    ASSERT_FALSE(defects.is_null()) << why;
    EXPECT_EQ(defects["layers"]["gaps"]["colour"], "#e60000");
    EXPECT_EQ(defects["layers"]["overlaps"]["colour"], "#ff8c00");
    EXPECT_TRUE(defects["layers"]["ownership"]["labels"].get<bool>());
    EXPECT_EQ(defects["layers"]["gaps"]["aliases"].value("kind", ""), "问题类型");
    EXPECT_TRUE(defects["project"]["read"].get<bool>());
}

TEST_F(SamplePipeline, GeoPackageProjectStillOpensAfterTheFileIsCopiedButNotAfterItIsRenamed) {
    ASSERT_EQ(export_.exit_code, 0) << export_.err;
    namespace fs = std::filesystem;
    TempDir elsewhere, other;
    const std::string copied = elsewhere.file("huaiyang.gpkg");
    const std::string renamed = other.file("renamed.gpkg");
    fs::copy_file(dir_->file("huaiyang.gpkg"), copied);
    fs::copy_file(dir_->file("huaiyang.gpkg"), renamed);
    std::string why;
    auto seen = probe_in_qgis({"--gpkg", copied}, why);
    ASSERT_FALSE(seen.is_null()) << why;
    ASSERT_TRUE(seen["project"]["read"].get<bool>());
    for (const auto& l : seen["project"]["layers"]) {
        EXPECT_TRUE(l["valid"].get<bool>()) << l.dump();
        EXPECT_EQ(l["source"].get<std::string>().rfind(copied + "|", 0), 0u) << "the copy, not the original";
    }
    // The project names ./huaiyang.gpkg: under another name its layers are unavailable (the
    // README says so), while the layers opened directly still come styled.
    seen = probe_in_qgis({"--gpkg", renamed}, why);
    ASSERT_FALSE(seen.is_null()) << why;
    ASSERT_TRUE(seen["project"]["read"].get<bool>());
    for (const auto& l : seen["project"]["layers"]) EXPECT_FALSE(l["valid"].get<bool>()) << l.dump();
    EXPECT_EQ(seen["layers"]["grids"]["renderer"], "categorizedSymbol");
}

// The share of pixels that are not white (any of red, green, blue below 250), read by GDAL's PNG
// driver, every 4th pixel of every 4th row.
double ink_share(const std::string& png) {
    geo::ensure_gdal();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(png.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds || ds->GetRasterCount() < 3) return -1;
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    std::vector<GByte> rgb(static_cast<std::size_t>(w) * 3);
    std::size_t ink = 0, seen = 0;
    for (int y = 0; y < h; y += 4) {
        if (ds->RasterIO(GF_Read, 0, y, w, 1, rgb.data(), w, 1, GDT_Byte, 3, nullptr, 3, 3 * w, 1, nullptr) != CE_None) {
            return -1;
        }
        for (int x = 0; x < w; x += 4, ++seen) {
            const GByte* p = &rgb[static_cast<std::size_t>(x) * 3];
            ink += p[0] < 250 || p[1] < 250 || p[2] < 250;
        }
    }
    return static_cast<double>(ink) / static_cast<double>(seen);
}

TEST_F(SamplePipeline, MapDrawsOnePngSheetPerTownshipAndACountyOverview) {
    TempDir out;
    const std::string maps = out.file("maps");
    auto r = run_respgrid_binary({"-q", "map", project_, "--all", "--format", "png", "--output", maps, "--date", "2026-11-28"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto project = store::Project::open(project_);
    std::set<std::string> expected{"county_overview.png"};
    for (const auto& t : project.load_units(grids::AdminLevel::Township)) expected.insert(t.code + "_" + t.name + ".png");
    std::set<std::string> written;
    for (const auto& f : std::filesystem::directory_iterator(maps)) written.insert(f.path().filename().string());
    EXPECT_EQ(written, expected);
    // Townships' codes sort before "county_overview.png": the first is a township sheet.
    for (const auto& name : {std::string("county_overview.png"), *expected.begin()}) {
        const double ink = ink_share(maps + "/" + name);
        EXPECT_GT(ink, 0.1) << name << " is nearly blank";  // title, frame and legend alone are 2%
        EXPECT_LT(ink, 0.95) << name;
    }
}

TEST_F(SamplePipeline, MapOfAnUnknownTownshipFailsWithAUsageErrorNamingIt) {
    TempDir out;
    auto r = run_respgrid_binary({"map", project_, "--township", "411626999", "--format", "png", "--output", out.file("maps")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--township 411626999: no such township"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out.file("maps/411626999.png")));
}

}  // namespace
}  // namespace respgrid::test

// Issue 17, tables people open in Excel and packages per township and for web base maps, on the
// office county (two townships of two villages, a grid worker per village, 100 m grids):
// export --format xlsx read back through GDAL (codes string cells, Chinese titles, a roster per
// township), --headers zh on CSV outputs, export --township holding only its township's features,
// and export --crs gcj02|bd09 going back to the stored grids through the inverse offsets.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "office_county.hpp"
#include "respgrid/exporters/tables_workbook.hpp"
#include "respgrid/geo/china_offsets.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

constexpr const char* kTownship = "411626001";

CommandResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "-q");
    return run_respgrid(args);
}

// The office county with issues in both townships and an audit, copied into `dir`.
std::string county_with_issues(const TempDir& dir) {
    if (!office_county().failure.empty()) throw std::runtime_error(office_county().failure);
    const std::string copy = copy_of_office_county(dir);
    write_text(dir.file("issues.csv"),
               "id,reported_at,lon,lat,crs,category,description\n"
               "I1,2026-09-01T08:00:00+08:00,114.805,33.705,cgcs2000,乱停乱放,路口车辆乱停\n"
               "I2,2026-09-01T09:00:00+08:00,114.815,33.705,cgcs2000,06010,垃圾散落\n"
               "I3,2026-09-01T10:00:00+08:00,114.815,33.715,cgcs2000,06010,垃圾散落\n");
    auto imported = run({"import", "issues", copy, dir.file("issues.csv")});
    if (imported.exit_code != 0) throw std::runtime_error(imported.err);
    run({"audit", copy});  // its exit code says whether defects were found; the run is stored either way
    return copy;
}

// The stored grids of the current generation: code -> township code.
std::map<std::string, std::string> stored_townships(const std::string& project) {
    auto p = store::Project::open(project);
    std::map<std::string, std::string> out;
    for (const auto& g : p.load_grid_refs(p.current_generation()->id)) out[g.code] = g.township_code;
    return out;
}

std::vector<std::string> layer_names(GDALDataset& ds) {
    std::vector<std::string> names;
    for (int i = 0; i < ds.GetLayerCount(); ++i) names.emplace_back(ds.GetLayer(i)->GetName());
    return names;
}

TEST(TablesWorkbook, ARostersCodesAreRunsOfConsecutiveCodesCutToFitAnExcelCell) {
    EXPECT_EQ(exporters::code_ranges({"411626001001001", "411626001001002", "411626001001003", "411626001001005",
                                      "411626001001099", "411626001001100"}),
              "411626001001001～411626001001003、411626001001005、411626001001099～411626001001100");
    EXPECT_EQ(exporters::code_ranges({"411626001001009"}), "411626001001009");
    EXPECT_EQ(exporters::code_ranges({}), "");
    // Of another length (a code that is not the next): no run.
    EXPECT_EQ(exporters::code_ranges({"99", "100"}), "99、100");
    // Every other code of a worker with 5,000 grids: cut with "…" within Excel's 32,767 characters.
    std::vector<std::string> sparse;
    for (long long n = 0; n < 5000; ++n) sparse.push_back(std::to_string(411626001001000LL + 2 * n));
    const std::string cell = exporters::code_ranges(sparse);
    EXPECT_LE(cell.size(), 32000u);
    EXPECT_EQ(cell.substr(cell.size() - std::string("…").size()), "…");
    EXPECT_EQ(cell.rfind("411626001001000、411626001001002、", 0), 0u);
}

TEST(TablesWorkbook, RostersPerTownshipGridListAndAuditWithCodesAsTextAndChineseTitles) {
    TempDir dir;
    const std::string project = county_with_issues(dir);
    const std::string xlsx = dir.file("tables.xlsx");
    auto r = run({"export", project, "--format", "xlsx", "--output", xlsx});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    // Read as any GDAL user reads it: each sheet's header row recognised as such.
    auto ds = geo::open_vector(xlsx);
    EXPECT_EQ(layer_names(*ds),
              (std::vector<std::string>{"城关街道花名册", "白楼镇花名册", "网格清单", "问题定位", "审计摘要"}));

    const auto stored = stored_townships(project);
    OGRLayer& grids = geo::layer_of(*ds, xlsx, "网格清单");
    const int code = grids.GetLayerDefn()->GetFieldIndex("网格编码");
    ASSERT_GE(code, 0);
    EXPECT_EQ(grids.GetLayerDefn()->GetFieldDefn(code)->GetType(), OFTString);  // never 4.11626E+14
    for (const char* title : {"村/社区代码", "乡镇/街道代码", "网格员", "网格员电话", "包联领导"}) {
        const int i = grids.GetLayerDefn()->GetFieldIndex(title);
        ASSERT_GE(i, 0) << title;
        EXPECT_EQ(grids.GetLayerDefn()->GetFieldDefn(i)->GetType(), OFTString) << title;
    }
    std::vector<std::string> codes;
    for (auto& f : grids) codes.emplace_back(f->GetFieldAsString(code));
    ASSERT_EQ(codes.size(), stored.size());
    auto s = stored.begin();
    for (const auto& c : codes) EXPECT_EQ(c, (s++)->first);  // exact, in code order
    EXPECT_EQ(codes.front(), "411626001001001");

    // The township's roster: one row per grid worker and village, with every grid counted once.
    OGRLayer& roster = geo::layer_of(*ds, xlsx, "城关街道花名册");
    OGRFeatureDefn* defn = roster.GetLayerDefn();
    for (const char* title : {"序号", "村/社区代码", "村/社区", "网格员", "网格员电话", "网格数", "网格编码",
                              "面积(平方米)", "户数(工作量)"}) {
        EXPECT_GE(defn->GetFieldIndex(title), 0) << title;
    }
    EXPECT_EQ(defn->GetFieldDefn(defn->GetFieldIndex("村/社区代码"))->GetType(), OFTString);
    EXPECT_EQ(defn->GetFieldDefn(defn->GetFieldIndex("网格员电话"))->GetType(), OFTString);
    std::size_t in_township = 0;
    for (const auto& [c, t] : stored) in_township += t == kTownship;
    long long counted = 0;
    std::vector<std::string> workers;
    for (auto& f : roster) {
        workers.emplace_back(f->GetFieldAsString("网格员"));
        counted += f->GetFieldAsInteger64("网格数");
        EXPECT_EQ(std::string(f->GetFieldAsString("网格编码")).rfind(f->GetFieldAsString("村/社区代码"), 0), 0u);
    }
    EXPECT_EQ(workers, (std::vector<std::string>{"网格员一", "网格员二"}));
    EXPECT_EQ(counted, static_cast<long long>(in_township));
    roster.ResetReading();
    OGRFeatureUniquePtr first(roster.GetNextFeature());
    EXPECT_EQ(std::string(first->GetFieldAsString("网格员电话")), "13900000001");
    EXPECT_EQ(std::string(first->GetFieldAsString("网格编码")).rfind("411626001001001～", 0), 0u);

    EXPECT_EQ(geo::layer_of(*ds, xlsx, "问题定位").GetFeatureCount(), 3);
    OGRLayer& audit = geo::layer_of(*ds, xlsx, "审计摘要");
    EXPECT_GE(audit.GetLayerDefn()->GetFieldIndex("检查项"), 0);
    EXPECT_GT(audit.GetFeatureCount(), 3);
    ds.reset();

    // An existing workbook is refused without --overwrite, and left as it was.
    const std::string before = read_text(xlsx);
    auto again = run({"export", project, "--format", "xlsx", "--output", xlsx});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.err.find("--overwrite"), std::string::npos) << again.err;
    EXPECT_EQ(read_text(xlsx), before);
    EXPECT_EQ(run({"export", project, "--format", "xlsx", "--output", xlsx, "--overwrite"}).exit_code, 0);
}

TEST(TownshipPackage, HoldsOnlyItsTownshipsFeaturesInEveryFormat) {
    TempDir dir;
    const std::string project = county_with_issues(dir);
    const std::string gpkg = dir.file("township.gpkg");
    auto r = run({"export", project, "--township", kTownship, "--output", gpkg});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t in_township = 0;
    for (const auto& [c, t] : stored_townships(project)) in_township += t == kTownship;
    ASSERT_GT(in_township, 0u);

    auto ds = geo::open_vector(gpkg);
    EXPECT_EQ(geo::layer_of(*ds, gpkg, "county").GetFeatureCount(), 1);  // the outline, for orientation
    OGRLayer& townships = geo::layer_of(*ds, gpkg, "townships");
    ASSERT_EQ(townships.GetFeatureCount(), 1);
    for (auto& f : townships) EXPECT_EQ(std::string(f->GetFieldAsString("code")), kTownship);
    OGRLayer& villages = geo::layer_of(*ds, gpkg, "villages");
    EXPECT_EQ(villages.GetFeatureCount(), 2);
    for (auto& f : villages) EXPECT_EQ(std::string(f->GetFieldAsString("parent_code")), kTownship);
    OGRLayer& grids = geo::layer_of(*ds, gpkg, "grids");
    EXPECT_EQ(grids.GetFeatureCount(), static_cast<GIntBig>(in_township));
    for (auto& f : grids) {
        EXPECT_EQ(std::string(f->GetFieldAsString("code")).rfind(kTownship, 0), 0u);
        EXPECT_EQ(std::string(f->GetFieldAsString("township_code")), kTownship);
    }
    OGRLayer& issues = geo::layer_of(*ds, gpkg, "issues");
    ASSERT_EQ(issues.GetFeatureCount(), 1);  // I1, at 114.805 E; the two others are in 白楼镇
    for (auto& f : issues) EXPECT_EQ(std::string(f->GetFieldAsString("id")), "I1");
    ds.reset();

    // The same selection in a folder format, and in the workbook.
    auto shp = run({"export", project, "--township", kTownship, "--format", "geojson", "--output", dir.file("gj")});
    ASSERT_EQ(shp.exit_code, 0) << shp.err;
    auto geojson = geo::open_vector(dir.file("gj/grids.geojson"));
    EXPECT_EQ(geojson->GetLayer(0)->GetFeatureCount(), static_cast<GIntBig>(in_township));
    auto xlsx = run({"export", project, "--township", kTownship, "--format", "xlsx", "--output", dir.file("t.xlsx")});
    ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
    auto book = geo::open_vector(dir.file("t.xlsx"));
    EXPECT_EQ(layer_names(*book), (std::vector<std::string>{"城关街道花名册", "网格清单", "问题定位", "审计摘要"}));

    // An unknown code is a usage error naming the project's townships.
    auto unknown = run({"export", project, "--township", "411626999", "--output", dir.file("x.gpkg")});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("411626001 城关街道"), std::string::npos) << unknown.err;
    EXPECT_NE(unknown.err.find("411626101 白楼镇"), std::string::npos) << unknown.err;
}

// Every vertex of the exported grids, taken back through the inverse offset into the working CRS,
// lies within 0.01 m of a vertex of the stored grid (GeoJSON may turn a ring's direction).
void expect_round_trip(const std::string& project, const std::string& geojson, geo::XY (*inverse)(geo::XY)) {
    auto p = store::Project::open(project);
    const geo::CoordinateTransform to_working(geo::Crs::wgs84(), p.working_crs());
    std::map<std::string, std::vector<geo::XY>> stored;
    p.for_each_grid_row(p.current_generation()->id, [&](const grids::GridRowView& row) {
        auto& points = stored[std::string(row.code)];
        for (const auto& polygon : row.polygons) {
            for (const auto& ring : polygon) points.insert(points.end(), ring.begin(), ring.end());
        }
    });
    const auto fc = nlohmann::json::parse(read_text(geojson));
    ASSERT_EQ(fc["features"].size(), stored.size());
    double worst = 0.0;
    for (const auto& f : fc["features"]) {
        const auto& points = stored.at(f["properties"]["code"].get<std::string>());
        const auto& g = f["geometry"];
        const auto polygons = g["type"] == "Polygon" ? nlohmann::json::array({g["coordinates"]}) : g["coordinates"];
        for (const auto& polygon : polygons) {
            for (const auto& ring : polygon) {
                for (const auto& c : ring) {
                    const geo::XY back = to_working(inverse({c[0].get<double>(), c[1].get<double>()}));
                    double nearest = std::numeric_limits<double>::infinity();
                    for (const auto& s : points) nearest = std::min(nearest, std::hypot(s.x - back.x, s.y - back.y));
                    worst = std::max(worst, nearest);
                }
            }
        }
    }
    EXPECT_LT(worst, 0.01) << geojson;
}

TEST(DisplayOffsets, Gcj02AndBd09GoBackToTheStoredGridsThroughTheInverse) {
    TempDir dir;
    if (!office_county().failure.empty()) FAIL() << office_county().failure;
    const std::string project = copy_of_office_county(dir);
    for (const auto& [crs, inverse] : std::vector<std::pair<std::string, geo::XY (*)(geo::XY)>>{
             {"gcj02", &geo::gcj02_to_wgs84}, {"bd09", &geo::bd09_to_wgs84}}) {
        const std::string out = dir.file(crs);
        auto r = run({"export", project, "--format", "geojson", "--crs", crs, "--output", out});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        expect_round_trip(project, out + "/grids.geojson", inverse);
        // Shifted indeed: hundreds of metres from the plain lon/lat in this part of China.
        const auto fc = nlohmann::json::parse(read_text(out + "/grids.geojson"));
        const auto& g = fc["features"][0]["geometry"];
        const auto& c = g["type"] == "Polygon" ? g["coordinates"][0][0] : g["coordinates"][0][0][0];
        const geo::XY shifted{c[0].get<double>(), c[1].get<double>()};
        const geo::XY plain = inverse(shifted);
        EXPECT_GT(std::hypot(shifted.x - plain.x, shifted.y - plain.y), 1e-3) << crs;
    }
    EXPECT_EQ(run({"export", project, "--format", "kml", "--crs", "gcj02", "--output", dir.file("g.kmz")}).exit_code, 0);
    EXPECT_EQ(run({"export", project, "--format", "mvt", "--crs", "bd09", "--output", dir.file("tiles")}).exit_code, 0);
    // Not a CRS a GIS can carry: refused for the GIS formats, nothing written.
    for (const char* format : {"gpkg", "shp", "fgb", "csv", "xlsx"}) {
        const std::string out = dir.file(std::string("refused_") + format);
        auto refused = run({"export", project, "--format", format, "--crs", "gcj02", "--output", out});
        EXPECT_EQ(refused.exit_code, 2) << format;
        EXPECT_NE(refused.err.find("geojson, kml or mvt"), std::string::npos) << refused.err;
        EXPECT_FALSE(std::filesystem::exists(out)) << format;
    }
}

std::string first_line(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

TEST(ChineseHeaders, LocateAndExportCsvWriteTheTitlesWithHeadersZh) {
    TempDir dir;
    if (!office_county().failure.empty()) FAIL() << office_county().failure;
    const std::string& project = office_county().project;
    write_text(dir.file("points.csv"), "id,lon,lat,crs\nP1,114.805,33.705,cgcs2000\n");
    auto zh = run({"locate", project, "--input", dir.file("points.csv"), "--output", dir.file("zh.csv"), "--headers", "zh"});
    ASSERT_EQ(zh.exit_code, 0) << zh.err;
    const std::string header = first_line(dir.file("zh.csv"));
    for (const char* title : {"id", "定位结果", "网格编码", "网格名称", "村/社区代码", "网格员", "网格员电话", "包联领导",
                              "距网格边界(米)"}) {
        EXPECT_NE(header.find(title), std::string::npos) << title << " in " << header;
    }
    EXPECT_EQ(header.find("grid_code"), std::string::npos) << header;
    auto en = run({"locate", project, "--input", dir.file("points.csv"), "--output", dir.file("en.csv")});
    ASSERT_EQ(en.exit_code, 0) << en.err;
    EXPECT_NE(first_line(dir.file("en.csv")).find("status,grid_code,grid_name"), std::string::npos);
    // The located row's code is the same either way.
    EXPECT_NE(read_text(dir.file("zh.csv")).find("411626001001"), std::string::npos);

    auto csv = run({"export", project, "--format", "csv", "--headers", "zh", "--output", dir.file("csv")});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    const std::string grids = first_line(dir.file("csv/grids.csv"));
    EXPECT_NE(grids.find("网格编码,网格名称,村/社区代码"), std::string::npos) << grids;
    EXPECT_NE(read_text(dir.file("csv/grids.csv")).find(",\"411626001001001\","), std::string::npos);
    EXPECT_EQ(run({"locate", project, "--input", dir.file("points.csv"), "--output", dir.file("x.csv"), "--headers",
                   "fr"}).exit_code,
              2);
    // The layer formats keep their fields' names (the titles are QGIS aliases): refused, not ignored.
    EXPECT_EQ(run({"export", project, "--headers", "zh", "--output", dir.file("zh.gpkg")}).exit_code, 2);
    EXPECT_FALSE(std::filesystem::exists(dir.file("zh.gpkg")));
}

}  // namespace
}  // namespace respgrid::test

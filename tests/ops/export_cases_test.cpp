// ops::ProjectExport and the ledger: the GeoPackage's cases layer (fields, every case where it is,
// overdue as of the export's time), its style in layer_styles (a rule per status, a ring on the
// overdue ones), and the layer in the other formats as the issues layer goes there.
// The cases and what is expected of them are in dispatch_fixture.hpp.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "dispatch_fixture.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/ops/export.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

using test::TempDir;

ExportResult export_cases(const std::string& project, const std::string& output, grids::Instant at,
                          std::optional<exporters::CopyFormat> format = std::nullopt) {
    ExportOptions options;
    options.project = project;
    options.output = output;
    options.at = at;
    options.copy_format = format;
    ProjectExport job(options);
    return job.write();
}

// The cases layer's features by number: every field as text ("" for null).
std::map<std::string, std::map<std::string, std::string>> cases_by_number(const std::string& gpkg) {
    auto ds = geo::open_vector(gpkg);
    OGRLayer& layer = geo::layer_of(*ds, gpkg, "cases");
    std::map<std::string, std::map<std::string, std::string>> out;
    for (auto& f : layer) {
        auto& row = out[f->GetFieldAsString("number")];
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            row[f->GetFieldDefnRef(i)->GetNameRef()] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
        }
    }
    return out;
}

TEST(ExportCases, TheGeoPackageHasACasesLayerWithItsFieldsAndEveryCaseWhereItIs) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    const auto result = export_cases(project, dir.file("out.gpkg"), test::kDispatchNoon);
    EXPECT_EQ(result.counts.cases, test::dispatch_fixture_cases().size());

    auto ds = geo::open_vector(dir.file("out.gpkg"));
    OGRLayer& layer = geo::layer_of(*ds, dir.file("out.gpkg"), "cases");
    EXPECT_EQ(layer.GetFeatureCount(), static_cast<GIntBig>(test::dispatch_fixture_cases().size()));
    EXPECT_EQ(wkbFlatten(layer.GetGeomType()), wkbPoint);
    ASSERT_NE(layer.GetSpatialRef(), nullptr);
    EXPECT_STREQ(layer.GetSpatialRef()->GetAuthorityCode(nullptr), "4490");
    std::vector<std::string> fields;
    for (int i = 0; i < layer.GetLayerDefn()->GetFieldCount(); ++i) fields.push_back(layer.GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    EXPECT_EQ(fields, (std::vector<std::string>{"number", "status", "status_zh", "category", "category_name", "source",
                                                "source_zh", "found_at", "deadline", "overdue", "hours_overdue",
                                                "escalation_level", "grid_code", "village_code", "village_name",
                                                "township_code", "township_name", "responsible_id", "responsible",
                                                "report_count", "location", "description"}));

    const auto cases = cases_by_number(dir.file("out.gpkg"));
    const auto& first = cases.at("HY-20260901-0001");
    EXPECT_EQ(first.at("status"), "dispatched");
    EXPECT_EQ(first.at("status_zh"), "已派遣");
    EXPECT_EQ(first.at("deadline"), "2026-09-01T18:00:00+08:00");
    EXPECT_EQ(first.at("grid_code"), "411626001001001");
    EXPECT_EQ(first.at("township_name"), "城关镇");
    EXPECT_EQ(first.at("responsible"), "城管局");
    EXPECT_EQ(first.at("report_count"), "3");
    EXPECT_EQ(first.at("escalation_level"), "1");

    // Where the case is: its working-CRS position (EPSG:4547) as CGCS2000 lon/lat, by GDAL here.
    OGRSpatialReference from, to;
    from.importFromEPSG(4547);
    to.importFromEPSG(4490);
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> transform(OGRCreateCoordinateTransformation(&from, &to));
    const auto expected = test::dispatch_case(test::dispatch_fixture_cases().front());
    double x = expected.position.x, y = expected.position.y;
    ASSERT_TRUE(transform->Transform(1, &x, &y));
    layer.SetAttributeFilter("number = 'HY-20260901-0001'");
    OGRFeatureUniquePtr f(layer.GetNextFeature());
    ASSERT_TRUE(f);
    const auto* point = f->GetGeometryRef()->toPoint();
    EXPECT_NEAR(point->getX(), x, 1e-8);
    EXPECT_NEAR(point->getY(), y, 1e-8);
}

TEST(ExportCases, OverdueIsAsOfTheExportsTimeAndOnlyForCasesAwaitingTheFix) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    export_cases(project, dir.file("noon.gpkg"), test::kDispatchNoon);
    const auto noon = cases_by_number(dir.file("noon.gpkg"));
    std::set<std::string> overdue;
    for (const auto& [number, row] : noon) {
        if (row.at("overdue") == "1") overdue.insert(number);
    }
    // 0003 (closed) and 0007 (fixed) are past their deadline too, but no longer awaiting the fix.
    EXPECT_EQ(overdue, (std::set<std::string>{"HY-20260901-0001", "HY-20260901-0005"}));
    EXPECT_DOUBLE_EQ(std::stod(noon.at("HY-20260901-0001").at("hours_overdue")), 18.0);
    EXPECT_DOUBLE_EQ(std::stod(noon.at("HY-20260901-0005").at("hours_overdue")), 4.0);
    EXPECT_EQ(noon.at("HY-20260901-0002").at("hours_overdue"), "");

    // The evening before, 0001 (due 18:00) was still on time.
    export_cases(project, dir.file("evening.gpkg"), test::beijing_time("2026-09-01T17:59:59"));
    EXPECT_EQ(cases_by_number(dir.file("evening.gpkg")).at("HY-20260901-0001").at("overdue"), "0");
}

TEST(ExportCases, TheStyleInLayerStylesHasARulePerStatusAndARedRingOnOverdueCases) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    export_cases(project, dir.file("out.gpkg"), test::kDispatchNoon);
    auto ds = geo::open_vector(dir.file("out.gpkg"));
    OGRLayer& styles = geo::layer_of(*ds, dir.file("out.gpkg"), "layer_styles");
    styles.SetAttributeFilter("f_table_name = 'cases'");
    OGRFeatureUniquePtr row(styles.GetNextFeature());
    ASSERT_TRUE(row);
    EXPECT_STREQ(row->GetFieldAsString("f_geometry_column"), "geom");
    EXPECT_STREQ(row->GetFieldAsString("f_table_schema"), "");
    const std::string qml = row->GetFieldAsString("styleQML");
    EXPECT_NE(qml.find("type=\"RuleRenderer\""), std::string::npos);
    // One rule per status the layer has, labelled in Chinese; the ring's rule after them.
    std::set<std::string> statuses;
    for (const auto& f : test::dispatch_fixture_cases()) statuses.insert(std::string(grids::to_string(f.status)));
    for (const auto& s : statuses) {
        const std::string rule = "filter=\"&quot;status&quot; = '" + s + "'\"";
        EXPECT_NE(qml.find(rule), std::string::npos) << s;
        EXPECT_NE(qml.find("label=\"" + std::string(grids::label_zh(*grids::parse_case_status(s))) + "\""), std::string::npos) << s;
    }
    EXPECT_EQ(qml.find("'in_progress'") != std::string::npos, true);
    EXPECT_EQ(qml.find("'checked'"), std::string::npos) << "no case is checked: no rule for it";
    const auto ring = qml.find("filter=\"&quot;overdue&quot; = 1\"");
    ASSERT_NE(ring, std::string::npos);
    EXPECT_GT(ring, qml.find("'reopened'"));
    EXPECT_NE(qml.find("<alias field=\"status_zh\" name=\"状态\" />"), std::string::npos);
}

TEST(ExportCases, AProjectWithoutCasesGetsAnEmptyLayerAsItGetsAnEmptyIssuesLayer) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project, false);
    const auto result = export_cases(project, dir.file("out.gpkg"), test::kDispatchNoon);
    EXPECT_EQ(result.counts.cases, 0u);
    auto ds = geo::open_vector(dir.file("out.gpkg"));
    EXPECT_EQ(geo::layer_of(*ds, dir.file("out.gpkg"), "cases").GetFeatureCount(), 0);
    EXPECT_EQ(geo::layer_of(*ds, dir.file("out.gpkg"), "issues").GetFeatureCount(), 0);
}

TEST(ExportCases, TheOtherFormatsGetTheLayerAsTheyGetTheIssues) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    const auto shp = export_cases(project, dir.file("shp"), test::kDispatchNoon, exporters::CopyFormat::Shapefile);
    std::map<std::string, long long> copied;
    for (const auto& c : shp.copies) copied[c.layer] = c.features;
    EXPECT_EQ(copied.at("cases"), static_cast<long long>(test::dispatch_fixture_cases().size()));
    EXPECT_TRUE(copied.count("issues"));
    // Its style beside it, with the shapefile's field names.
    std::ifstream qml(dir.file("shp/cases.qml"));
    std::stringstream text;
    text << qml.rdbuf();
    EXPECT_NE(text.str().find("&quot;overdue&quot; = 1"), std::string::npos);
    EXPECT_NE(text.str().find("&quot;status&quot; = 'dispatched'"), std::string::npos);

    export_cases(project, dir.file("out.kml"), test::kDispatchNoon, exporters::CopyFormat::Kml);
    auto kml = geo::open_vector(dir.file("out.kml"));
    OGRLayer* folder = kml->GetLayerByName("督办案卷");
    ASSERT_NE(folder, nullptr);
    EXPECT_EQ(folder->GetFeatureCount(), static_cast<GIntBig>(test::dispatch_fixture_cases().size()));
}

}  // namespace
}  // namespace respgrid::ops

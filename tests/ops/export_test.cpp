// ops::ProjectExport: the GeoPackage and its copies written from plain options, with the owners
// serving on the export's day (grids::ServingRoster), not the chains `assign` stored.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "export_map_fixture.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/export.hpp"

namespace respgrid::ops {
namespace {

using test::make_served_project;
using test::noon_of;
using test::TempDir;

// The values of `field` in a layer of the GeoPackage at `path` ("" for null), as a set.
std::set<std::string> layer_values(const std::string& path, const std::string& layer_name, const std::string& field) {
    auto ds = geo::open_vector(path);
    OGRLayer& layer = geo::layer_of(*ds, path, layer_name);
    const int index = layer.GetLayerDefn()->GetFieldIndex(field.c_str());
    EXPECT_GE(index, 0) << field;
    std::set<std::string> values;
    for (auto& f : layer) values.insert(index >= 0 && f->IsFieldSetAndNotNull(index) ? f->GetFieldAsString(index) : "");
    return values;
}

std::set<std::string> grid_values(const std::string& path, const std::string& field) {
    return layer_values(path, "grids", field);
}

ExportResult export_at(const std::string& project, const std::string& output, const std::string& day) {
    ExportOptions options;
    options.project = project;
    options.output = output;
    options.at = noon_of(day);
    ProjectExport job(options);
    return job.write();
}

TEST(ExportProject, GridsShowTheWorkerServingOnTheExportsDayNotTheOneAssignStored) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, grids::Date::from_iso("2026-08-15"));  // `assign` stored GW_OLD
    auto stored = store::Project::open(project).load_assignments(1);
    ASSERT_EQ(stored.size(), 2u);
    ASSERT_EQ(stored[0].chain.front().owner_id, "GW_OLD");

    // On the day `assign` ran, the export shows what it stored.
    const auto before = export_at(project, dir.file("before.gpkg"), "2026-08-20");
    EXPECT_EQ(before.counts.grids, 2u);
    EXPECT_EQ(grid_values(dir.file("before.gpkg"), "grid_worker"), std::set<std::string>{"老网格员"});
    // GW_OLD's service ended on 08-31: from 09-01 the grids are GW_NEW's.
    export_at(project, dir.file("after.gpkg"), "2026-09-02");
    EXPECT_EQ(grid_values(dir.file("after.gpkg"), "grid_worker"), std::set<std::string>{"新网格员"});
    // The rest of the chain does not change with the worker.
    EXPECT_EQ(grid_values(dir.file("after.gpkg"), "leader"), std::set<std::string>{"王县长"});
    EXPECT_EQ(grid_values(dir.file("after.gpkg"), "missing_roles"), std::set<std::string>{""});
}

TEST(ExportProject, AVillagesContactIsTheOwnerServingOnTheExportsDay) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, grids::Date::from_iso("2026-08-15"));
    test::change_unit_owner(project, "V1", grids::OwnerKind::Village, "411626001001");
    export_at(project, dir.file("before.gpkg"), "2026-08-20");
    EXPECT_EQ(layer_values(dir.file("before.gpkg"), "villages", "contact"), std::set<std::string>{"旧负责人"});
    EXPECT_EQ(grid_values(dir.file("before.gpkg"), "village_owner"), std::set<std::string>{"旧负责人"});
    export_at(project, dir.file("after.gpkg"), "2026-09-02");
    EXPECT_EQ(layer_values(dir.file("after.gpkg"), "villages", "contact"), std::set<std::string>{"新负责人"});
    EXPECT_EQ(grid_values(dir.file("after.gpkg"), "village_owner"), std::set<std::string>{"新负责人"});
}

TEST(ExportProject, GridsOfAGenerationAssignNeverRanOnHaveNoOwners) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, std::nullopt);
    export_at(project, dir.file("out.gpkg"), "2026-09-02");
    EXPECT_EQ(grid_values(dir.file("out.gpkg"), "grid_worker"), std::set<std::string>{""});
    EXPECT_EQ(grid_values(dir.file("out.gpkg"), "missing_roles"),
              std::set<std::string>{"grid_worker,village,township,leader"});
}

TEST(ExportProject, ACopyFormatReturnsEachLayersFileAndFeatureCount) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, grids::Date::from_iso("2026-08-15"));
    ExportOptions options;
    options.project = project;
    options.output = dir.file("csv");
    options.copy_format = exporters::CopyFormat::Csv;
    ProjectExport job(options);
    EXPECT_FALSE(job.stale_audit());
    const auto result = job.write();
    EXPECT_EQ(result.counts.county, 1u);
    EXPECT_EQ(result.counts.villages, 1u);
    std::map<std::string, long long> features;
    for (const auto& c : result.copies) {
        EXPECT_TRUE(std::filesystem::is_regular_file(c.path)) << c.path;
        features[c.layer] = c.features;
    }
    EXPECT_EQ(features["grids"], 2);
    EXPECT_EQ(features["townships"], 1);
    // The GeoPackage the copies were made from is not left beside them.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_NE(entry.path().extension(), ".gpkg") << entry.path();
    }
}

TEST(ExportProject, ACrsThatIsNotAnEpsgCodeIsAUsageErrorAndNothingIsWritten) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, std::nullopt);
    ExportOptions options;
    options.project = project;
    options.output = dir.file("out.gpkg");
    options.crs = geo::Crs::gcj02();
    EXPECT_THROW(ProjectExport{options}, UsageError);
    EXPECT_FALSE(std::filesystem::exists(options.output));
}

TEST(ExportProject, TheDefectsOfAnAuditOfAnotherGenerationAreLeftOutAndSaid) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, grids::Date::from_iso("2026-08-15"));
    {
        auto p = store::Project::open(project);
        const long long run = p.record_audit({"grids", "{}", false, 7, R"({"generation": 7})"});
        p.store_audit_defects(run, std::vector<std::uint8_t>{1, 2, 3});  // never read: the audit is stale
    }
    ExportOptions options;
    options.project = project;
    options.output = dir.file("out.gpkg");
    ProjectExport job(options);
    ASSERT_TRUE(job.stale_audit());
    EXPECT_EQ(job.stale_audit()->audited_generation, 7);
    EXPECT_EQ(job.stale_audit()->current_generation, 1);
    EXPECT_EQ(job.write().counts.defects, 0u);
}

}  // namespace
}  // namespace respgrid::ops

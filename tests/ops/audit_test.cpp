// ops::Audit: the certificate of a project's layers and owners, recorded in the project with a
// typed grid generation, its report and its defect layers.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "audit_test_project.hpp"
#include "respgrid/ops/audit.hpp"
#include "respgrid/ops/errors.hpp"

namespace respgrid::ops {
namespace {

using test::box;


AuditOptions options_for(const std::string& path, std::optional<AuditLayer> layer = std::nullopt) {
    AuditOptions options;
    options.project = path;
    options.layer = layer;
    return options;
}

TEST(Audit, FindsTheGapOfTheVillagesAndRecordsTheRunWithItsDefectLayers) {
    test::TempDir dir;
    const std::string path = dir.file("a.rgproj");
    // The east village stops 10 m short of the county's east edge: a 10 m x 1 km gap.
    test::make_audit_project(path, test::two_villages(1000, 1000, 1990));
    AuditOptions options = options_for(path, AuditLayer::Villages);
    options.defects = dir.file("defects.gpkg");
    Audit audit(options);
    EXPECT_FALSE(audit.grids_not_cut());
    const auto findings = audit.run();

    ASSERT_EQ(findings.layers.size(), 1U);
    EXPECT_EQ(findings.layers[0].layer, AuditLayer::Villages);
    const auto& report = findings.layers[0].report;
    ASSERT_EQ(report.count(grids::DefectKind::Gap), 1U);
    EXPECT_NEAR(report.area(grids::DefectKind::Gap), 10000.0, 1e-6);
    EXPECT_FALSE(findings.passed);
    EXPECT_FALSE(findings.ownership) << "no grids audited, no owners audited";
    EXPECT_GE(findings.defects.coverage, 1U);
    EXPECT_TRUE(std::filesystem::exists(options.defects));

    auto project = store::Project::open(path);
    const auto runs = project.audit_runs();
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].id, findings.run);
    EXPECT_EQ(runs[0].layer, "villages");
    EXPECT_FALSE(runs[0].passed);
    EXPECT_EQ(runs[0].generation, std::nullopt);
    const auto stored = project.latest_audit_defects();
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->run.id, findings.run);
    EXPECT_FALSE(stored->gpkg.empty());
}

TEST(Audit, AllLayersBeforeAnyGridsAreCutLeaveTheGridsOut) {
    test::TempDir dir;
    const std::string path = dir.file("a.rgproj");
    test::make_audit_project(path);
    Audit audit(options_for(path));
    EXPECT_TRUE(audit.grids_not_cut());
    EXPECT_EQ(audit.layers(), (std::vector<AuditLayer>{AuditLayer::Townships, AuditLayer::Villages}));
    const auto findings = audit.run();
    EXPECT_TRUE(findings.passed);
    EXPECT_EQ(store::Project::open(path).audit_runs().at(0).layer, kAllLayers);
}

TEST(Audit, GridsAskedForBeforeAnyAreCutIsAUsageError) {
    test::TempDir dir;
    const std::string path = dir.file("a.rgproj");
    test::make_audit_project(path);
    EXPECT_THROW(Audit{options_for(path, AuditLayer::Grids)}, UsageError);
}

TEST(Audit, OneFileForTheReportAndTheDefectsIsRefusedBeforeAnythingIsRecorded) {
    test::TempDir dir;
    const std::string path = dir.file("a.rgproj");
    test::make_audit_project(path);
    AuditOptions options = options_for(path);
    options.report = options.defects = dir.file("out.gpkg");
    EXPECT_THROW(Audit{options}, UsageError);
    EXPECT_TRUE(store::Project::open(path).audit_runs().empty());
    // Spelled two ways, it is still one file.
    options.report = dir.file("out.gpkg");
    options.defects = (dir.path() / "." / "out.gpkg").string();
    EXPECT_THROW(Audit{options}, UsageError);
    EXPECT_TRUE(store::Project::open(path).audit_runs().empty());
}

// Grids nobody owns: the ownership half fails, the villages to act on come largest first, and the
// run records the generation it saw, as a typed value and in the report's summary alike.
TEST(Audit, GridsWithoutOwnersAreShortfallsOfTheirVillagesLargestFirst) {
    test::TempDir dir;
    const std::string path = dir.file("a.rgproj");
    long long generation = 0;
    {
        auto project = test::make_audit_project(path);
        std::vector<grids::GridCell> cells;
        cells.push_back(test::grid("411626001001001", "411626001001", box(0, 0, 1000, 1000)));
        cells.push_back(test::grid("411626002001001", "411626002001", box(1000, 0, 1500, 1000)));
        cells.push_back(test::grid("411626002001002", "411626002001", box(1500, 0, 2000, 1000)));
        generation = project.add_generation("square", "{}", cells).id;
    }
    AuditOptions options = options_for(path);
    options.report = kReportToCaller;
    auto findings = Audit(options).run();

    ASSERT_EQ(findings.layers.size(), 3U);
    EXPECT_TRUE(findings.layers[2].report.passed()) << "the grids tile their villages";
    ASSERT_TRUE(findings.ownership);
    EXPECT_EQ(findings.ownership->unowned.size(), 3U);
    EXPECT_FALSE(findings.passed);
    ASSERT_FALSE(findings.shortfalls.empty());
    EXPECT_EQ(findings.shortfalls.front().village_code, "411626002001");
    EXPECT_EQ(findings.shortfalls.front().village_name, "单元411626002001");
    EXPECT_EQ(findings.shortfalls.front().grids, 2U);
    for (std::size_t i = 1; i < findings.shortfalls.size(); ++i) {
        EXPECT_GE(findings.shortfalls[i - 1].grids, findings.shortfalls[i].grids);
    }

    EXPECT_EQ(store::Project::open(path).audit_runs().at(0).generation, generation);
    const auto report = nlohmann::json::parse(findings.report);
    EXPECT_EQ(report["audit_run"], findings.run);
    EXPECT_EQ(report["summary"]["generation"], generation);
    EXPECT_EQ(report["summary"]["ownership"]["unowned_grids"], 3);
    EXPECT_EQ(report["parameters"]["layer"], kAllLayers);
}

}  // namespace
}  // namespace respgrid::ops

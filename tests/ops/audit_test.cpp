// ops::Audit: the certificate of a project's layers and owners, recorded in the project with a
// typed grid generation, its report and its defect layers.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "audit_test_project.hpp"
#include "respgrid/geo/gdal.hpp"
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
    EXPECT_EQ(stored->gpkg, geo::read_whole_file(options.defects)) << "streamed into the project byte for byte";
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


// Awkward grids for the fast paths: a gap on the village border, an overlap across the two
// villages, a grid spilling out of the county, a grid with a hole filled by another, and (with
// owners) an unowned grid among owned ones. Returns the generation.
long long add_awkward_grids(store::Project& project, bool with_owners) {
    std::vector<grids::GridCell> cells;
    cells.push_back(test::grid("411626001001001", "411626001001", box(0, 0, 1000, 500)));
    cells.push_back(test::grid("411626001001002", "411626001001", box(0, 500, 990, 1000)));  // gap at x 990..1000
    cells.push_back(test::grid("411626002001001", "411626002001", box(980, 0, 1500, 500)));  // overlaps the west
    cells.push_back(test::grid("411626002001002", "411626002001",
                               box(1500, 0, 2000, 500).difference(box(1700, 200, 1800, 300))));  // a hole
    cells.push_back(test::grid("411626002001003", "411626002001", box(1700, 200, 1800, 300)));  // fills it
    cells.push_back(test::grid("411626002001004", "411626002001", box(1000, 500, 2010, 1000)));  // spills out
    const long long generation = project.add_generation("square", "{}", cells).id;
    if (with_owners) {
        auto owner = [](const std::string& id, grids::OwnerKind kind) {
            grids::Owner o;
            o.id = id;
            o.kind = kind;
            o.name = id;
            return o;
        };
        std::vector<grids::Owner> owners{owner("W", grids::OwnerKind::GridWorker), owner("V", grids::OwnerKind::Village),
                                         owner("T", grids::OwnerKind::Township)};
        project.upsert_owners(owners);
        std::vector<grids::GridAssignment> chains;
        for (const auto& c : cells) {
            if (c.code == "411626002001003") continue;  // unowned among owned grids
            grids::GridAssignment a;
            a.grid_code = c.code;
            a.chain = {{grids::Role::Village, "V", "r"}, {grids::Role::Township, "T", "r"}};
            if (c.village_code == "411626002001") a.chain.insert(a.chain.begin(), {grids::Role::GridWorker, "W", "r"});
            chains.push_back(std::move(a));
        }
        project.replace_assignments(generation, chains);
    }
    return generation;
}

// Each feature of a layer as text: its fields and its geometry's WKB.
std::vector<std::string> features_of(const std::string& gpkg, const char* layer_name) {
    auto ds = geo::open_vector(gpkg);
    OGRLayer* layer = ds->GetLayerByName(layer_name);
    std::vector<std::string> out;
    if (!layer) return out;
    for (auto& f : *layer) {
        std::string text;
        for (int i = 0; i < f->GetFieldCount(); ++i) text += std::string(f->GetFieldAsString(i)) + "|";
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            text.append(wkb.begin(), wkb.end());
        }
        out.push_back(std::move(text));
    }
    return out;
}

TEST(Audit, GridShapesFromTheStoreAreTheLoadedCells) {
    test::TempDir dir;
    auto project = test::make_audit_project(dir.file("a.rgproj"));
    const long long generation = add_awkward_grids(project, false);
    const auto cells = project.load_cells(generation);
    const grids::GridShapes plain = grids::GridShapes::of(cells);
    const grids::GridShapes read = project.load_grid_shapes(generation);
    ASSERT_EQ(read.size(), cells.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        EXPECT_EQ(read[i].code, cells[i].code);
        EXPECT_EQ(read.village_of(i), cells[i].village_code);
        EXPECT_EQ(read.township_of(i), cells[i].township_code);
        EXPECT_EQ(read[i].area_m2, cells[i].area_m2);
        EXPECT_TRUE(std::ranges::equal(read.wkb(i), cells[i].wkb)) << cells[i].code;
        EXPECT_EQ(read.find(cells[i].code), i);
        EXPECT_EQ(read.find(cells[i].code, 0), i) << "a wrong hint falls back to bisection";
    }
    EXPECT_FALSE(read.find("411626002001005"));
    EXPECT_EQ(read.village_codes(), plain.village_codes());
}

TEST(Audit, OwnershipZonesOfWholeVillagesReuseTheCoverageUnionAndMatchAFreshOne) {
    for (bool with_owners : {false, true}) {
        test::TempDir dir;
        const std::string path = dir.file("a.rgproj");
        {
            auto project = test::make_audit_project(path);
            add_awkward_grids(project, with_owners);
        }
        AuditOptions options = options_for(path, AuditLayer::Grids);
        options.defects = dir.file("defects.gpkg");
        const auto findings = Audit(options).run();
        const auto& coverage = findings.layers.at(0).report;
        EXPECT_GE(coverage.count(grids::DefectKind::Gap), 1U);
        EXPECT_GE(coverage.count(grids::DefectKind::Overlap), 1U);
        EXPECT_GE(coverage.count(grids::DefectKind::Spill), 1U);
        ASSERT_EQ(coverage.group_unions.size(), 2U) << "one per village";
        ASSERT_TRUE(findings.ownership);
        EXPECT_EQ(findings.ownership->unowned.size(), with_owners ? 1U : 6U);

        // The same layers written with every zone unioned afresh from the grids.
        auto project = store::Project::open(path);
        const auto shapes = project.load_grid_shapes(project.current_generation()->id);
        std::vector<exporters::AuditedLayer> audited{{"grids", &coverage}};
        const std::string fresh = dir.file("fresh.gpkg");
        exporters::write_defects_gpkg(fresh, project.working_crs(), audited, &*findings.ownership, shapes);
        const auto reused = features_of(options.defects, exporters::kOwnershipLayer);
        EXPECT_GE(reused.size(), 2U);
        EXPECT_EQ(reused, features_of(fresh, exporters::kOwnershipLayer)) << "with owners: " << with_owners;
    }
}

}  // namespace
}  // namespace respgrid::ops

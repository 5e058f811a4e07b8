// ops::repair_units: the change list on disk first, the project changed only when asked, and an
// audit of the repaired layer passing.

#include <gtest/gtest.h>

#include <filesystem>

#include "audit_test_project.hpp"
#include "respgrid/ops/audit.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/repair.hpp"

namespace respgrid::ops {
namespace {

// The east village reaches 20 m into the west one (and out of its township): 20 m x 1 km claimed twice.
std::vector<grids::AdminUnit> overlapping_villages() { return test::two_villages(1000, 980, 2000); }

RepairOptions options_for(const std::string& path, AuditLayer layer, const std::string& output) {
    RepairOptions options;
    options.project = path;
    options.layer = layer;
    options.output = output;
    return options;
}

double area_of(const std::string& path, const std::string& code) {
    auto project = store::Project::open(path);
    for (const auto& v : project.load_units(grids::AdminLevel::Village)) {
        if (v.code == code) return v.geometry.area();
    }
    return -1.0;
}

TEST(RepairUnits, ProposesWithoutChangingTheProjectThenAppliesAndTheAuditPasses) {
    test::TempDir dir;
    const std::string path = dir.file("a.rgproj");
    test::make_audit_project(path, overlapping_villages());
    RepairOptions options = options_for(path, AuditLayer::Villages, dir.file("changes"));
    const auto proposed = repair_units(options);
    EXPECT_EQ(proposed.prefix, options.output);
    EXPECT_TRUE(std::filesystem::exists(options.output + ".json"));
    EXPECT_TRUE(std::filesystem::exists(options.output + ".gpkg"));
    EXPECT_EQ(proposed.units, 2U);
    EXPECT_GE(proposed.changed_units, 1U);
    double moved = 0.0;
    for (const auto& [rule, totals] : proposed.by_rule) moved += totals.area_m2;
    EXPECT_NEAR(moved, 20000.0, 1e-6) << "the overlap, given to one village";
    EXPECT_EQ(proposed.unassigned, 0U);
    EXPECT_FALSE(proposed.applied_run);
    EXPECT_DOUBLE_EQ(area_of(path, "411626002001"), 1020000.0) << "nothing applied";

    options.apply = true;
    options.overwrite = true;
    const auto applied = repair_units(options);
    ASSERT_TRUE(applied.applied_run);
    EXPECT_EQ(applied.updated_units, applied.changed_units);
    EXPECT_FALSE(applied.grids_outdated);
    EXPECT_DOUBLE_EQ(area_of(path, "411626001001") + area_of(path, "411626002001"), 2000000.0);
    AuditOptions audit;
    audit.project = path;
    audit.layer = AuditLayer::Villages;
    EXPECT_TRUE(Audit(audit).run().passed);
}

TEST(RepairUnits, TheDefaultChangeListNeverReplacesAnEarlierOne) {
    test::TempDir dir;
    const std::string path = dir.file("a.rgproj");
    test::make_audit_project(path, overlapping_villages());
    const RepairOptions options = options_for(path, AuditLayer::Villages, "");
    const auto first = repair_units(options);
    EXPECT_EQ(first.prefix, dir.file("a.repair-villages"));
    const auto second = repair_units(options);
    EXPECT_EQ(second.prefix, dir.file("a.repair-villages.2"));
}

TEST(RepairUnits, GridsAreNotRepairedAndAnEmptyLayerIsAUsageError) {
    test::TempDir dir;
    const std::string path = dir.file("a.rgproj");
    test::make_audit_project(path);
    const RepairOptions options = options_for(path, AuditLayer::Grids, dir.file("changes"));
    EXPECT_THROW(repair_units(options), UsageError);
    EXPECT_FALSE(std::filesystem::exists(options.output + ".json"));
}

}  // namespace
}  // namespace respgrid::ops

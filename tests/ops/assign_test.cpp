// ops::assign_owners: the chains stored are those of the owners serving on the day.

#include <gtest/gtest.h>

#include "one_village.hpp"
#include "respgrid/grids/serving.hpp"
#include "respgrid/ops/assign.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/grid.hpp"
#include "respgrid/ops/import_roster.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {
namespace {

using namespace test_one_village;

std::string gridded_project(const test::TempDir& dir, const std::string& worker_from, const std::string& worker_to) {
    const auto project = make_project(dir);
    GridOptions g;
    g.project = project;
    g.size_m = 500.0;
    grid_project(g);
    RosterImportOptions r;
    r.project = project;
    r.file = write_roster(dir, worker_from, worker_to);
    RecordingListener listener;
    import_roster(r, listener);
    return project;
}

grids::Date day(const char* text) { return grids::parse_time(text).value->day(grids::kChinaTime); }

TEST(AssignOwners, EveryGridGetsTheWholeChainOnADayTheWorkerServes) {
    test::TempDir dir;
    const auto project = gridded_project(dir, "2026-01-01", "2026-06-30");
    const auto r = assign_owners({project, day("2026-03-01")});
    auto stored = store::Project::open(project);
    EXPECT_EQ(r.generation_id, stored.current_generation()->id);
    EXPECT_EQ(r.grids, stored.load_grid_refs(r.generation_id).size());
    EXPECT_GT(r.grids, 0u);
    EXPECT_EQ(r.complete, r.grids);
    EXPECT_TRUE(r.missing.empty());
}

TEST(AssignOwners, AWorkerWhoseValidityEndedIsMissingAndTheStoredChainsAreTheServingRostersOnes) {
    test::TempDir dir;
    const auto project = gridded_project(dir, "2026-01-01", "2026-06-30");
    const auto on = day("2026-07-01");
    const auto r = assign_owners({project, on});
    EXPECT_EQ(r.complete, 0u);
    ASSERT_EQ(r.missing.size(), 1u);
    EXPECT_EQ(r.missing.at(grids::Role::GridWorker), r.grids);
    auto stored = store::Project::open(project);
    const auto refs = stored.load_grid_refs(r.generation_id);
    const auto expected = grids::ServingRoster(stored.load_owners()).chains_on(refs, on);
    const auto assignments = stored.load_assignments(r.generation_id);
    ASSERT_EQ(assignments.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(assignments[i].grid_code, expected[i].grid_code);
        EXPECT_EQ(assignments[i].chain.size(), expected[i].chain.size());
        EXPECT_EQ(assignments[i].missing, expected[i].missing);
    }
}

TEST(AssignOwners, WithoutGridsItIsAUsageError) {
    test::TempDir dir;
    EXPECT_THROW(assign_owners({make_project(dir), std::nullopt}), UsageError);
}

}  // namespace
}  // namespace respgrid::ops

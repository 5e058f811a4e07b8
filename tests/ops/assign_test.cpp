// ops::assign_owners: every grid of the current generation gets the territorial chain of the
// owners serving on assign's day, stored for the generation.

#include <gtest/gtest.h>

#include "one_village.hpp"
#include "respgrid/ops/assign.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/grid.hpp"
#include "respgrid/ops/import_roster.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {
namespace {

using namespace test_one_village;

std::string gridded_project(const test::TempDir& dir, const std::string& roster) {
    const auto project = make_project(dir);
    GridOptions g;
    g.project = project;
    g.size_m = 500.0;
    grid_project(g);
    RosterImportOptions r;
    r.project = project;
    r.file = roster;
    RecordingListener listener;
    import_roster(r, listener);
    return project;
}

// The chains stored for the generation, as assign_owners reported them.
void expect_stored_as_reported(const std::string& project, const AssignResult& r) {
    auto stored = store::Project::open(project);
    EXPECT_EQ(r.generation_id, stored.current_generation()->id);
    const auto assignments = stored.load_assignments(r.generation_id);
    ASSERT_EQ(assignments.size(), r.grids);
    EXPECT_EQ(r.grids, stored.load_grid_refs(r.generation_id).size());
    std::size_t complete = 0, without_worker = 0;
    for (const auto& a : assignments) {
        complete += a.missing.empty() ? 1 : 0;
        for (auto role : a.missing) without_worker += role == grids::Role::GridWorker ? 1 : 0;
    }
    EXPECT_EQ(complete, r.complete);
    EXPECT_EQ(without_worker, r.missing.count(grids::Role::GridWorker) ? r.missing.at(grids::Role::GridWorker) : 0u);
}

TEST(AssignOwners, EveryGridGetsTheWholeChain) {
    test::TempDir dir;
    const auto project = gridded_project(dir, write_roster(dir));
    const auto r = assign_owners({project});
    EXPECT_EQ(r.grids, 4u);  // the 1 km village in 500 m squares
    EXPECT_EQ(r.complete, r.grids);
    EXPECT_TRUE(r.missing.empty());
    expect_stored_as_reported(project, r);
}

TEST(AssignOwners, AnInactiveWorkerIsMissingFromEveryGrid) {
    test::TempDir dir;
    const auto project = gridded_project(dir, write_roster(dir, "", "", /*worker_active=*/false));
    const auto r = assign_owners({project});
    EXPECT_EQ(r.complete, 0u);
    ASSERT_EQ(r.missing.size(), 1u);
    EXPECT_EQ(r.missing.at(grids::Role::GridWorker), r.grids);
    expect_stored_as_reported(project, r);
}

// The chains stored are those of the owners serving on assign's day (grids::ServingRoster): a
// worker whose service ended is missing today, and in the chains of a day they served.
TEST(AssignOwners, StoresTheOwnersServingOnItsDay) {
    test::TempDir dir;
    const auto project = gridded_project(dir, write_roster(dir, "2020-01-01", "2020-06-30"));
    const auto today = assign_owners({project});
    EXPECT_EQ(today.complete, 0u);
    ASSERT_EQ(today.missing.count(grids::Role::GridWorker), 1u);
    EXPECT_EQ(today.missing.at(grids::Role::GridWorker), today.grids);
    expect_stored_as_reported(project, today);

    const auto served = grids::parse_time("2020-03-01 10:00");
    ASSERT_TRUE(served.value);
    const auto then = assign_owners({project, served.value->instant(grids::kChinaTime)});
    EXPECT_EQ(then.complete, then.grids);
    expect_stored_as_reported(project, then);
}

TEST(AssignOwners, WithoutGridsItIsAUsageError) {
    test::TempDir dir;
    EXPECT_THROW(assign_owners({make_project(dir)}), UsageError);
}

}  // namespace
}  // namespace respgrid::ops

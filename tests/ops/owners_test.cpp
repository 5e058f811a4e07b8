// ops::find_owners: who answers for a grid at a time, by the one rule of who serves then.

#include <gtest/gtest.h>

#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/owners.hpp"
#include "serving_project.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

class Owners : public ::testing::Test {
protected:
    void SetUp() override { test::make_serving_project(project_); }

    OwnersResult owners_of(const std::string& grid, const char* at) const {
        OwnersOptions o;
        o.project = project_;
        o.grid = grid;
        o.at = *grids::parse_time(at).value;
        return find_owners(o);
    }

    test::TempDir dir_;
    std::string project_ = dir_.file("p.rgproj");
};

std::string worker_id(const OwnersResult& r) {
    for (const auto& a : r.resolution.answers) {
        if (a.role == "grid_worker") return a.owner ? a.owner->id : "(none)";
    }
    return "(not listed)";
}

TEST_F(Owners, TheGridWorkerIsTheOneServingThatDay) {
    for (const char* grid : {test::kWestGrid, test::kEastGrid}) {
        const auto june = owners_of(grid, "2026-06-30");
        EXPECT_EQ(worker_id(june), "GW_A") << grid;
        EXPECT_TRUE(june.complete());
        EXPECT_EQ(june.village_code, "411626001001");
        EXPECT_EQ(owners_of(grid, "2026-07-01").grid, grid);
        EXPECT_EQ(worker_id(owners_of(grid, "2026-07-01")), "GW_B") << grid;
    }
    // The representative point lies in the grid asked.
    const auto west = owners_of(test::kWestGrid, "2026-07-01");
    EXPECT_LT(west.point.x, 500500.0);
    EXPECT_GT(west.point.x, 500000.0);
}

TEST_F(Owners, AnUnknownGridOrATimeBeforeEveryGenerationIsAUsageError) {
    EXPECT_THROW(owners_of("411626001001999", "2026-07-01"), UsageError);
    EXPECT_THROW(owners_of(test::kWestGrid, "2019-01-01"), UsageError);
}

}  // namespace
}  // namespace respgrid::ops

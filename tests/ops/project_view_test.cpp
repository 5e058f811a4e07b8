// ops::load_view and ProjectView::make_locator: the cells come from the store as WKB with their
// envelope (GridCell's one representation), and the locator is built by parsing that WKB.

#include <gtest/gtest.h>

#include "respgrid/ops/project_view.hpp"
#include "respgrid/store/project.hpp"
#include "serving_project.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

class ProjectViewTest : public ::testing::Test {
protected:
    void SetUp() override { test::make_serving_project(path_); }

    test::TempDir dir_;
    std::string path_ = dir_.file("p.rgproj");
};

TEST_F(ProjectViewTest, CellsCarryTheirStoredWkbAndItsEnvelope) {
    auto project = store::Project::open(path_);
    const ProjectView view = load_view(project);
    ASSERT_EQ(view.cells.size(), 2U);
    for (const auto& c : view.cells) {
        ASSERT_FALSE(c.wkb.empty()) << c.code;
        const geo::Geometry shape = c.shape();
        EXPECT_NEAR(shape.area(), c.area_m2, 1e-6) << c.code;
        const geo::Envelope e = shape.envelope();
        EXPECT_EQ(c.envelope.min_x, e.min_x) << c.code;
        EXPECT_EQ(c.envelope.min_y, e.min_y) << c.code;
        EXPECT_EQ(c.envelope.max_x, e.max_x) << c.code;
        EXPECT_EQ(c.envelope.max_y, e.max_y) << c.code;
    }
    // The west grid lies left of the east one: the envelopes are the cells' own, not one shared box.
    EXPECT_LT(view.cell(test::kWestGrid)->envelope.max_x, view.cell(test::kEastGrid)->envelope.max_x);
}

TEST_F(ProjectViewTest, LocatorBuiltFromTheCellsWkbFindsEachGrid) {
    auto project = store::Project::open(path_);
    const ProjectView view = load_view(project);
    const grids::GridLocator locator = view.make_locator();
    ASSERT_EQ(locator.size(), view.cells.size());
    const grids::Location west = locator.where(test::kWestPoint);
    EXPECT_EQ(west.status, grids::LocateStatus::Inside);
    EXPECT_EQ(west.grid_code, test::kWestGrid);
    const grids::Location east = locator.where(test::kEastPoint);
    EXPECT_EQ(east.status, grids::LocateStatus::Inside);
    EXPECT_EQ(east.grid_code, test::kEastGrid);
    // The county outline came along: a point just outside the 1 km square is outside, not in a gap.
    EXPECT_EQ(locator.where({499000.0, 3730500.0}).status, grids::LocateStatus::Outside);
}

}  // namespace
}  // namespace respgrid::ops

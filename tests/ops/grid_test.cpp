// ops::grid_project: a grid run on a real project, its refusals before anything is cut, and the
// generation it stores.

#include <gtest/gtest.h>

#include <cmath>

#include "one_village.hpp"
#include "respgrid/grids/cell_estimate.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/grid.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {
namespace {

using test_one_village::kSideM;
using test_one_village::make_project;

GridOptions square(const std::string& project) {
    GridOptions o;
    o.project = project;
    o.cutting.method = grids::GridMethod::Square;
    o.cutting.threads = 1;
    return o;
}

TEST(GridProject, CutsTheVillageIntoSquaresOfTheGivenSizeAndStoresThem) {
    test::TempDir dir;
    const auto project = make_project(dir);
    auto o = square(project);
    o.size_m = 250.0;
    const auto r = grid_project(o);
    const auto per_side = static_cast<std::size_t>(kSideM / *o.size_m);
    EXPECT_EQ(r.run.grid_count, per_side * per_side);
    EXPECT_EQ(r.villages, 1u);
    EXPECT_NEAR(r.grid_area_m2, kSideM * kSideM, 1e-6);
    EXPECT_NEAR(r.village_area_m2, kSideM * kSideM, 1e-6);
    EXPECT_FALSE(r.workload);
    auto stored = store::Project::open(project);
    auto generation = stored.current_generation();
    ASSERT_TRUE(generation);
    EXPECT_EQ(generation->id, r.generation.id);
    EXPECT_EQ(generation->cell_count, r.run.grid_count);
    EXPECT_EQ(generation->method, "square");
    EXPECT_NE(generation->params.find("\"size_m\":250"), std::string::npos) << generation->params;
}

TEST(GridProject, AnAreaGivesTheCellOfThatArea) {
    test::TempDir dir;
    auto o = square(make_project(dir));
    o.area_m2 = 500.0 * 500.0;
    const auto r = grid_project(o);
    EXPECT_EQ(r.run.grid_count, static_cast<std::size_t>(kSideM * kSideM / *o.area_m2));
}

TEST(GridProject, DefaultsAreTheMethodsOwn) {
    const GridOptions o;
    EXPECT_EQ(o.cutting.cell_size_m, grids::SquareGridOptions{}.cell_size_m);
    EXPECT_EQ(o.cutting.target_area_m2, grids::BlockOptions{}.target_area_m2);
    EXPECT_EQ(o.cutting.tolerance, grids::BlockOptions{}.tolerance);
    EXPECT_EQ(o.cutting.min_weight, grids::BalancedOptions{}.min_weight);
    EXPECT_EQ(o.cutting.max_weight, grids::BalancedOptions{}.max_weight);
    EXPECT_EQ(o.cutting.base_cell_m, grids::BalancedOptions{}.base_cell_m);
}

TEST(GridProject, ACellSizeTooSmallForTheCodesIsRefusedNamingTheOptionAndNothingIsStored) {
    test::TempDir dir;
    const auto project = make_project(dir);
    auto o = square(project);
    o.size_m = 1.0;  // a million cells in a village of 999 codes
    try {
        grid_project(o);
        FAIL() << "not refused";
    } catch (const UsageError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("--size 1: village 411626001001", 0), 0u) << what;
        EXPECT_NE(what.find("grid codes a village has (--scheme 15)"), std::string::npos) << what;
        // The least size suggested is one whose estimate fits.
        const auto at = what.find("give --size ");
        ASSERT_NE(at, std::string::npos) << what;
        const double least = std::stod(what.substr(at + 12));
        grids::GridOptions fits;
        fits.cell_size_m = least;
        const auto villages = store::Project::open(project).load_units(grids::AdminLevel::Village);
        EXPECT_TRUE(grids::estimate_cells(villages, fits).fits()) << least;
        fits.cell_size_m = least / 2;
        EXPECT_FALSE(grids::estimate_cells(villages, fits).fits()) << least;
    }
    EXPECT_FALSE(store::Project::open(project).current_generation());
}

TEST(GridProject, SquareGridsCarryTheHouseholdsInsideThemEachCountedOnce) {
    test::TempDir dir;
    const auto project = make_project(dir);
    {
        // The village is [500000, 501000] x [3730000, 3731000]; 250 m squares from the CRS origin.
        const std::vector<grids::WeightPoint> points = {
            {{500100, 3730100}, 10.0},  // inside the south-west square
            {{500250, 3730100}, 20.0},  // on the line between two squares: counted once
            {{500500, 3730500}, 40.0},  // on the corner of four squares: counted once
            {{502000, 3730100}, 80.0},  // outside the village
        };
        store::Project::open(project).replace_weights("households.csv", points);
    }
    auto o = square(project);
    o.size_m = 250.0;
    const auto r = grid_project(o);
    auto stored = store::Project::open(project);
    const auto cells = stored.load_cells(r.generation.id);
    double total = 0.0;
    std::size_t weighed = 0;
    for (const auto& c : cells) {
        total += c.weight;
        weighed += c.weight > 0.0 ? 1 : 0;
    }
    // The three points inside, each once (on a shared line or corner too), the one outside left out.
    EXPECT_DOUBLE_EQ(total, 70.0);
    EXPECT_GE(weighed, 2u);  // the corner's point is not in the south-west square
    EXPECT_LE(weighed, 3u);
    EXPECT_FALSE(r.workload);  // the balanced method's spread only
}

TEST(GridProject, ConflictingOrMissingInputsAreUsageErrors) {
    test::TempDir dir;
    const auto project = make_project(dir);
    auto both = square(project);
    both.size_m = 100.0;
    both.area_m2 = 10000.0;
    EXPECT_THROW(grid_project(both), UsageError);
    auto weights = square(project);
    weights.cutting.min_weight = 600.0;
    weights.cutting.max_weight = 500.0;
    EXPECT_THROW(grid_project(weights), UsageError);
    auto balanced = square(project);
    balanced.cutting.method = grids::GridMethod::Balanced;
    EXPECT_THROW(grid_project(balanced), UsageError);  // no weights imported
    auto blocks = square(project);
    blocks.cutting.method = grids::GridMethod::Blocks;
    EXPECT_THROW(grid_project(blocks), UsageError);  // no lines imported
    EXPECT_FALSE(store::Project::open(project).current_generation());
}

}  // namespace
}  // namespace respgrid::ops

// grids::WeightTally gives each grid the weight (households) of the points it covers: a point on
// a shared edge counts once, for the first grid; a point in a cell's envelope but outside its
// shape counts for none; the totals add up.
#include "respgrid/grids/weight_tally.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {
namespace {

GridCell cell(const char* wkt) {
    GridCell c;
    const auto shape = geo::Geometry::from_wkt(wkt);
    c.set_shape(shape);
    c.area_m2 = shape.area();
    c.weight = 99.0;  // whatever was there is replaced
    return c;
}

TEST(WeightTally, EachPointCountsOnceForTheFirstGridCoveringIt) {
    const std::vector<WeightPoint> points = {
        {{50, 50}, 3.0},     // inside the first square
        {{100, 50}, 5.0},    // on the edge the two squares share: the first one's
        {{150, 50}, 7.0},    // inside the second
        {{100, 100}, 11.0},  // on the corner of both
        {{500, 500}, 13.0},  // outside every grid
    };
    WeightTally tally(points);
    std::vector<GridCell> cells = {cell("POLYGON((0 0,100 0,100 100,0 100,0 0))"),
                                   cell("POLYGON((100 0,200 0,200 100,100 100,100 0))")};
    tally.assign(cells);
    EXPECT_DOUBLE_EQ(cells[0].weight, 3.0 + 5.0 + 11.0);
    EXPECT_DOUBLE_EQ(cells[1].weight, 7.0);
    EXPECT_DOUBLE_EQ(tally.total(), 39.0);
    EXPECT_DOUBLE_EQ(tally.assigned(), 26.0);
    EXPECT_DOUBLE_EQ(tally.unassigned(), 13.0);
}

TEST(WeightTally, APointTakenByAnEarlierVillageIsNotCountedAgain) {
    const std::vector<WeightPoint> points = {{{100, 50}, 2.0}};
    WeightTally tally(points);
    std::vector<GridCell> west = {cell("POLYGON((0 0,100 0,100 100,0 100,0 0))")};
    std::vector<GridCell> east = {cell("POLYGON((100 0,200 0,200 100,100 100,100 0))")};
    tally.assign(west);
    tally.assign(east);
    EXPECT_DOUBLE_EQ(west[0].weight, 2.0);
    EXPECT_DOUBLE_EQ(east[0].weight, 0.0);
    EXPECT_DOUBLE_EQ(tally.assigned(), 2.0);
}

TEST(WeightTally, ShapesThatAreNotTheirEnvelopeAreTestedByTheirShape) {
    // A triangle, an L and a square with a hole: each envelope holds a point the shape does not.
    const std::vector<WeightPoint> points = {
        {{90, 90}, 1.0},    // in the triangle's envelope, outside the triangle
        {{10, 10}, 2.0},    // inside the triangle
        {{350, 80}, 4.0},   // in the L's missing corner
        {{310, 10}, 8.0},   // inside the L
        {{650, 50}, 16.0},  // in the hole
        {{610, 10}, 32.0},  // in the ring around the hole
    };
    WeightTally tally(points);
    std::vector<GridCell> cells = {
        cell("POLYGON((0 0,100 0,0 100,0 0))"),
        cell("POLYGON((300 0,400 0,400 50,340 50,340 100,300 100,300 0))"),
        cell("POLYGON((600 0,700 0,700 100,600 100,600 0),(640 40,660 40,660 60,640 60,640 40))"),
    };
    tally.assign(cells);
    EXPECT_DOUBLE_EQ(cells[0].weight, 2.0);
    EXPECT_DOUBLE_EQ(cells[1].weight, 8.0);
    EXPECT_DOUBLE_EQ(cells[2].weight, 32.0);
    EXPECT_DOUBLE_EQ(tally.unassigned(), 1.0 + 4.0 + 16.0);
}

TEST(WeightTally, PointsWithoutAUsableWeightCarryNothing) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<WeightPoint> points = {{{10, 10}, -1.0}, {{20, 20}, nan}, {{nan, 20}, 4.0}, {{30, 30}, 0.0},
                                             {{40, 40}, 6.0}};
    WeightTally tally(points);
    std::vector<GridCell> cells = {cell("POLYGON((0 0,100 0,100 100,0 100,0 0))")};
    tally.assign(cells);
    EXPECT_DOUBLE_EQ(cells[0].weight, 6.0);
    EXPECT_DOUBLE_EQ(tally.total(), 6.0);
}

}  // namespace
}  // namespace respgrid::grids

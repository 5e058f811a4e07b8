// grids::GridCell keeps its shape one way, as WKB with its envelope: set_shape writes both,
// shape() parses the WKB back.

#include <gtest/gtest.h>

#include "respgrid/grids/grid_cell.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

TEST(GridCell, SetShapeWritesTheWkbAndTheEnvelope) {
    const geo::Geometry square = test::wkt("POLYGON ((10 20, 110 20, 110 70, 10 70, 10 20))");
    GridCell c;
    c.set_shape(square);
    EXPECT_EQ(c.wkb, square.to_wkb());
    EXPECT_EQ(c.envelope.min_x, 10.0);
    EXPECT_EQ(c.envelope.min_y, 20.0);
    EXPECT_EQ(c.envelope.max_x, 110.0);
    EXPECT_EQ(c.envelope.max_y, 70.0);
}

TEST(GridCell, ShapeParsesTheWkbBackWithHolesAndParts) {
    const geo::Geometry shape = test::wkt(
        "MULTIPOLYGON (((0 0, 300 0, 300 300, 0 300, 0 0), (120 120, 180 120, 180 180, 120 180, 120 120)),"
        " ((400 0, 500 0, 500 100, 400 100, 400 0)))");
    GridCell c;
    c.set_shape(shape);
    const geo::Geometry back = c.shape();
    EXPECT_EQ(back.type_name(), "MultiPolygon");
    EXPECT_EQ(back.polygons(), shape.polygons());
    EXPECT_DOUBLE_EQ(back.area(), 300.0 * 300.0 - 60.0 * 60.0 + 100.0 * 100.0);
    EXPECT_EQ(c.envelope.max_x, 500.0);
}

TEST(GridCell, ACellWithoutAShapeHasNoWkbToParse) {
    GridCell c;
    EXPECT_TRUE(c.wkb.empty());
    EXPECT_TRUE(c.envelope.empty());
    EXPECT_ANY_THROW((void)c.shape());
}

}  // namespace
}  // namespace respgrid::grids

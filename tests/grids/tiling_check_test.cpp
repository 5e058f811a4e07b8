// The check every grid method's result passes before it is stored (grids/tiling_check.hpp).

#include <gtest/gtest.h>

#include <vector>

#include "respgrid/grids/tiling_check.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

using geo::Geometry;
using test::wkt;

std::vector<const Geometry*> pointers(const std::vector<Geometry>& grids) {
    std::vector<const Geometry*> out;
    for (const auto& g : grids) out.push_back(&g);
    return out;
}

// Throws the check's error, or returns normally when the grids tile the village.
void verify(const Geometry& village, const std::vector<Geometry>& grids) {
    verify_tiling("411626001001", "和平社区", village, pointers(grids));
}

const Geometry& village() {
    static const Geometry v = wkt("POLYGON ((500000 3700000, 500200 3700000, 500200 3700100, 500000 3700100, 500000 3700000))");
    return v;
}

TEST(TilingCheck, GridsThatTileTheVillagePass) {
    std::vector<Geometry> grids;
    grids.push_back(wkt("POLYGON ((500000 3700000, 500130 3700000, 500070 3700100, 500000 3700100, 500000 3700000))"));
    grids.push_back(wkt("POLYGON ((500130 3700000, 500200 3700000, 500200 3700100, 500070 3700100, 500130 3700000))"));
    EXPECT_NO_THROW(verify(village(), grids));
    const auto m = measure_tiling(village(), pointers(grids));
    EXPECT_TRUE(m.tiles());
    EXPECT_NEAR(m.grid_area_m2, 20000.0, 1e-6);
    EXPECT_NEAR(m.overlap_m2, 0.0, 1e-6);
}

TEST(TilingCheck, AGridOutsideItsVillageFailsNamingTheVillage) {
    // The second grid is the right size but sits 300 m east: the area sum alone would pass.
    std::vector<Geometry> grids;
    grids.push_back(wkt("POLYGON ((500000 3700000, 500100 3700000, 500100 3700100, 500000 3700100, 500000 3700000))"));
    grids.push_back(wkt("POLYGON ((500400 3700000, 500500 3700000, 500500 3700100, 500400 3700100, 500400 3700000))"));
    try {
        verify(village(), grids);
        FAIL() << "no error";
    } catch (const TilingError& e) {
        EXPECT_EQ(e.village_code(), "411626001001");
        const auto m = measure_tiling(village(), pointers(grids));
        EXPECT_NEAR(m.outside_m2, 10000.0, 1e-6);
        EXPECT_NEAR(m.missing_m2, 10000.0, 1e-6);
        EXPECT_NEAR(m.grid_area_m2, m.village_area_m2, 1e-6);
    }
}

TEST(TilingCheck, AnOverlapBalancedByAGapFails) {
    // Areas add up, nothing leaves the village, yet 20 m² are claimed twice and 20 m² by nobody.
    std::vector<Geometry> grids;
    grids.push_back(wkt("POLYGON ((500000 3700000, 500100.2 3700000, 500100.2 3700100, 500000 3700100, 500000 3700000))"));
    grids.push_back(wkt("POLYGON ((500100 3700000, 500199.8 3700000, 500199.8 3700100, 500100 3700100, 500100 3700000))"));
    EXPECT_THROW(verify(village(), grids), TilingError);
    const auto m = measure_tiling(village(), pointers(grids));
    EXPECT_NEAR(m.overlap_m2, 20.0, 1e-6);
    EXPECT_NEAR(m.missing_m2, 20.0, 1e-6);
}

TEST(TilingCheck, AMissingPieceFailsAndTheErrorIsAGeometryError) {
    std::vector<Geometry> grids;
    grids.push_back(wkt("POLYGON ((500000 3700000, 500100 3700000, 500100 3700100, 500000 3700100, 500000 3700000))"));
    EXPECT_THROW(verify(village(), grids), GeometryError);  // exit 7 in the CLI
}

TEST(TilingCheck, BordersMovedByNodingWithinAMicrometreStillPass) {
    // The grids' outer border carries a vertex 0.5 µm off the village's edge (a neighbour's vertex
    // taken by noding): rounding, not a defect.
    std::vector<Geometry> grids;
    grids.push_back(wkt("POLYGON ((500000 3700000, 500100 3699999.9999995, 500100 3700100, 500000 3700100, 500000 3700000))"));
    grids.push_back(wkt("POLYGON ((500100 3699999.9999995, 500200 3700000, 500200 3700100, 500100 3700100, 500100 3699999.9999995))"));
    EXPECT_NO_THROW(verify(village(), grids));
    // The tolerance grows with the border, not only with the area.
    EXPECT_GT(tiling_tolerance(1.0, 4.0), 1e-9);
    EXPECT_NEAR(tiling_tolerance(1e8, 0.0), 0.1, 1e-12);
}

}  // namespace
}  // namespace respgrid::grids

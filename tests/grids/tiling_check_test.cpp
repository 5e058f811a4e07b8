// The check every grid method's result passes before it is stored (grids/tiling_check.hpp).

#include <gtest/gtest.h>

#include <vector>

#include "respgrid/grids/square_grid.hpp"
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

// --- whole squares given as boxes (the square method's fast path) ------------------------------

// Villages a square cut finds awkward, at 100 m squares.
std::vector<std::pair<std::string, Geometry>> awkward_villages() {
    std::vector<std::pair<std::string, Geometry>> out;
    out.emplace_back("a hole, one edge on a square line",
                     wkt("POLYGON ((500013 3700007, 500687 3700013, 500693 3700591, 500007 3700587, 500013 3700007), "
                         "(500200 3700230, 500430 3700250, 500410 3700400, 500200 3700380, 500200 3700230))"));
    out.emplace_back("two parts, one an island in the other's hole",
                     wkt("MULTIPOLYGON (((500000 3700000, 500900 3700000, 500900 3700800, 500000 3700800, 500000 3700000), "
                         "(500150 3700150, 500750 3700150, 500750 3700650, 500150 3700650, 500150 3700150)), "
                         "((500330 3700310, 500570 3700340, 500540 3700520, 500310 3700500, 500330 3700310)), "
                         "((501300 3700050, 501640 3700050, 501640 3700333, 501300 3700333, 501300 3700050)))"));
    out.emplace_back("narrower than a square",
                     wkt("POLYGON ((500010 3700040, 500990 3700040, 500990 3700075, 500010 3700075, 500010 3700040))"));
    out.emplace_back("vertices exactly on square lines",
                     wkt("POLYGON ((500000 3700000, 500600 3700000, 500600 3700300, 500300 3700300, 500300 3700600, "
                         "500000 3700600, 500000 3700000))"));
    out.emplace_back("a diagonal through square corners",
                     wkt("POLYGON ((500000 3700000, 500700 3700000, 500700 3700700, 500000 3700000))"));
    return out;
}

// `g` moved by (dx, dy).
Geometry shifted_by(const Geometry& g, double dx, double dy) {
    auto polygons = g.polygons();
    for (auto& rings : polygons) {
        for (auto& ring : rings) {
            for (auto& p : ring) p = {p.x + dx, p.y + dy};
        }
    }
    return Geometry::from_polygons(polygons);
}

struct SplitPieces {
    std::vector<const Geometry*> shapes;
    std::vector<geo::Envelope> boxes;
};

SplitPieces split(const std::vector<CellPiece>& pieces) {
    SplitPieces out;
    for (const auto& p : pieces) {
        if (p.geometry.is_null() && p.box) {
            out.boxes.push_back(*p.box);
        } else {
            out.shapes.push_back(&p.geometry);
        }
    }
    return out;
}

// The measures by plain GEOS overlays of the grids' union, every box made a rectangle.
TilingMeasure reference_measure(const Geometry& village, const SplitPieces& s) {
    std::vector<Geometry> all;
    TilingMeasure m;
    for (const auto* g : s.shapes) all.push_back(g->clone());
    for (const auto& b : s.boxes) all.push_back(Geometry::rectangle(b.min_x, b.min_y, b.max_x, b.max_y));
    for (const auto& g : all) m.grid_area_m2 += g.area();
    const Geometry u = Geometry::union_all(std::move(all));
    m.village_area_m2 = village.area();
    m.tolerance_m2 = tiling_tolerance(m.village_area_m2, village.length());
    m.overlap_m2 = m.grid_area_m2 - u.area();
    m.outside_m2 = u.difference(village).area();
    m.missing_m2 = village.difference(u).area();
    return m;
}

void expect_same_measure(const TilingMeasure& fast, const TilingMeasure& plain, const std::string& what) {
    EXPECT_NEAR(fast.grid_area_m2, plain.grid_area_m2, 1e-6) << what;
    EXPECT_NEAR(fast.overlap_m2, plain.overlap_m2, 1e-6) << what;
    EXPECT_NEAR(fast.outside_m2, plain.outside_m2, 1e-6) << what;
    EXPECT_NEAR(fast.missing_m2, plain.missing_m2, 1e-6) << what;
    EXPECT_EQ(fast.tiles(), plain.tiles()) << what;
}

TEST(TilingCheck, WholeSquaresAsBoxesMeasureLikeTheirGeometriesOnAwkwardVillages) {
    for (const auto& [what, village] : awkward_villages()) {
        const Geometry dense = densify_at_grid_lines(village, 100.0);
        const auto fast = cut_squares(dense, 100.0, /*whole_as_geometry=*/false);
        const auto plain = cut_squares(dense, 100.0, /*whole_as_geometry=*/true);
        // The same pieces either way, a box being the very square the plain cut makes.
        ASSERT_EQ(fast.size(), plain.size()) << what;
        std::size_t boxes = 0;
        for (std::size_t k = 0; k < fast.size(); ++k) {
            boxes += fast[k].box ? 1 : 0;
            EXPECT_EQ(fast[k].to_wkb(), plain[k].to_wkb()) << what << ", piece " << k;
        }
        if (what != "narrower than a square") {
            EXPECT_GT(boxes, 0u) << what;
        }
        std::vector<const Geometry*> all;
        for (const auto& p : plain) all.push_back(&p.geometry);
        const auto split_fast = split(fast);
        const auto m = measure_tiling(village, split_fast.shapes, split_fast.boxes);
        EXPECT_TRUE(m.tiles()) << what;
        expect_same_measure(m, measure_tiling(village, all), what);
        expect_same_measure(m, reference_measure(village, split_fast), what);
    }
}

TEST(TilingCheck, ABrokenTilingWithBoxesFailsLoudlyAndMeasuresLikeThePlainCheck) {
    const auto villages = awkward_villages();
    const Geometry& village = villages[0].second;
    const auto pieces = cut_squares(densify_at_grid_lines(village, 100.0), 100.0, false);
    const auto good = split(pieces);
    ASSERT_GT(good.boxes.size(), 3u);
    ASSERT_GT(good.shapes.size(), 3u);
    auto broken = [&](const std::string& how, const SplitPieces& s) {
        EXPECT_THROW(verify_tiling("411626001001", "和平社区", village, s.shapes, s.boxes), TilingError) << how;
        expect_same_measure(measure_tiling(village, s.shapes, s.boxes), reference_measure(village, s), how);
    };
    {
        auto s = good;
        s.boxes.push_back(s.boxes[1]);  // a whole square twice
        broken("a box twice", s);
    }
    {
        auto s = good;
        s.boxes.erase(s.boxes.begin() + 2);  // a hole in the tiling
        broken("a box missing", s);
    }
    {
        auto s = good;
        s.boxes[0].min_x += 1000.0;  // a whole square 1 km east, outside the village
        s.boxes[0].max_x += 1000.0;
        broken("a box outside", s);
    }
    {
        auto s = good;
        const geo::Envelope e = s.shapes[0]->envelope();  // a box over a cut piece
        s.boxes.push_back({e.min_x, e.min_y, e.max_x, e.max_y});
        broken("a box over a cut piece", s);
    }
    {
        auto s = good;
        s.boxes[3].max_x += 0.5;  // a box half a metre too wide, into its neighbour
        broken("a box too wide", s);
    }
    {
        auto s = good;
        s.shapes.push_back(s.shapes[2]);  // a cut piece twice
        broken("a cut piece twice", s);
    }
    const Geometry outside = wkt("POLYGON ((501500 3700000, 501560 3700000, 501560 3700070, 501500 3700000))");
    {
        auto s = good;
        s.shapes.push_back(&outside);  // a cut piece away from the village, the area sum off by it
        broken("a cut piece outside", s);
    }
    const Geometry shifted = shifted_by(*good.shapes[4], 0.0, 3.0);
    {
        auto s = good;
        s.shapes[4] = &shifted;  // a cut piece 3 m north: over its neighbour or out, a gap behind
        broken("a cut piece shifted", s);
    }
}

}  // namespace
}  // namespace respgrid::grids

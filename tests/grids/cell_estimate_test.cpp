// Estimating a grid run's cells from areas before cutting (grids/cell_estimate.hpp), and the
// generator refusing a run whose estimate is over its limits.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "respgrid/grids/cell_estimate.hpp"
#include "respgrid/grids/codes.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

// A square village of side `side` metres, its south-west corner at (x, 0).
AdminUnit square_village(const std::string& code, double x, double side) {
    const std::string a = std::to_string(x), b = std::to_string(x + side), s = std::to_string(side);
    return {AdminLevel::Village, code, "村" + code.substr(9), parent_code_of(code),
            test::wkt("POLYGON ((" + a + " 0, " + b + " 0, " + b + " " + s + ", " + a + " " + s + ", " + a + " 0))"),
            {}};
}

// Villages of the given sides in a row along x (AdminUnit moves only: no initializer list).
std::vector<AdminUnit> villages_of(const std::vector<double>& sides) {
    std::vector<AdminUnit> out;
    double x = 0;
    for (std::size_t i = 0; i < sides.size(); ++i) {
        std::string seq = std::to_string(i + 1);
        out.push_back(square_village("411626001" + std::string(3 - seq.size(), '0') + seq, x, sides[i]));
        x += sides[i];
    }
    return out;
}

GridOptions square(double size, GridCodeScheme scheme = GridCodeScheme::Digits15) {
    GridOptions o;
    o.method = GridMethod::Square;
    o.cell_size_m = size;
    o.scheme = scheme;
    return o;
}

// The side of a square cell at which a square village of side `v` is estimated at `cells`:
// v²/s² + 4v/(2s) = cells, a quadratic in 1/s.
double side_for(double v, double cells) {
    const double a = v * v, b = 2.0 * v;
    return 2.0 * a / (-b + std::sqrt(b * b + 4.0 * a * cells));
}

TEST(CellEstimate, AVillageHasItsWholeCellsAndHalfACellPerCellOfBorder) {
    const auto villages = villages_of({1000, 500});
    const auto e = estimate_cells(villages, square(100));
    ASSERT_NE(e.largest, nullptr);
    EXPECT_EQ(e.largest->code, "411626001001");
    EXPECT_DOUBLE_EQ(e.largest_area_m2, 1e6);
    EXPECT_DOUBLE_EQ(e.largest_cells, 100.0 + 4000.0 / 200.0);
    EXPECT_DOUBLE_EQ(e.total_cells, 120.0 + 25.0 + 2000.0 / 200.0);
    EXPECT_TRUE(e.fits());
}

TEST(CellEstimate, AVillageIsRefusedOnlyBeyondTwiceItsGridCodes) {
    const auto villages = villages_of({1000});
    for (auto scheme : {GridCodeScheme::Digits15, GridCodeScheme::Digits14}) {
        const double codes = max_grid_sequence(scheme);
        const double at_limit = side_for(1000, 2.0 * codes);
        EXPECT_TRUE(estimate_cells(villages, square(at_limit * 1.001, scheme)).fits()) << codes;
        const auto over = estimate_cells(villages, square(at_limit * 0.99, scheme));
        EXPECT_FALSE(over.village_fits()) << codes;
        // The suggestion aims at the codes themselves, not at the refusal limit.
        const auto suggested = estimate_cells(villages, square(std::sqrt(over.min_nominal_area_m2), scheme));
        EXPECT_NEAR(suggested.largest_cells, codes, 1e-6 * codes);
    }
}

TEST(CellEstimate, BalancedCountsBaseCellsAgainstTheirOwnLimit) {
    const auto villages = villages_of({1000});
    GridOptions o;
    o.method = GridMethod::Balanced;
    o.base_cell_m = 50;  // 400 base cells: far more than 999 grids would allow, and fine
    EXPECT_TRUE(estimate_cells(villages, o).fits());
    o.base_cell_m = 1;  // a million
    const auto e = estimate_cells(villages, o);
    EXPECT_FALSE(e.village_fits());
    EXPECT_DOUBLE_EQ(e.village_limit, kMaxBaseCellsPerVillage);
}

TEST(CellEstimate, ManyVillagesEachWithinTheirLimitCanStillBeTooManyForOneRun) {
    const auto villages = villages_of(std::vector<double>(30, 1000.0));
    GridOptions o;
    o.method = GridMethod::Balanced;
    o.base_cell_m = 2.1;  // about 227,000 base cells a village, 6.8 million in all
    const auto e = estimate_cells(villages, o);
    EXPECT_TRUE(e.village_fits());
    EXPECT_FALSE(e.total_fits());
    EXPECT_GE(e.min_nominal_area_m2, e.total_area_m2 / kMaxCellsPerRun);
}

TEST(CellEstimate, ANanOrZeroCellCountsAsImpossible) {
    const auto villages = villages_of({1000});
    GridOptions o = square(100);
    o.method = GridMethod::Blocks;
    o.target_area_m2 = std::numeric_limits<double>::quiet_NaN();
    EXPECT_FALSE(estimate_cells(villages, o).fits());
    o.target_area_m2 = 0;
    EXPECT_FALSE(estimate_cells(villages, o).fits());
    EXPECT_TRUE(estimate_cells({}, o).fits()) << "no villages, no cells";
}

TEST(CellEstimate, TheGeneratorRefusesARunOverItsEstimateBeforeCutting) {
    const auto villages = villages_of({1000});
    GridInputs in;
    in.villages = villages;
    // A million 1 m cells: refused at once, not cut (which would take minutes and gigabytes).
    try {
        (void)generate_grids(in, square(1));
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("411626001001"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace respgrid::grids

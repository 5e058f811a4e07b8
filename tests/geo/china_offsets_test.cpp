// GCJ-02 / BD-09 offsets against the published reference pairs of docs/DOMAIN.md §3.2, plus
// the round-trip and out-of-China invariants.
//
// Tolerances are in degrees; 1e-9° is about 0.1 mm, 1e-6° about 0.1 m.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "respgrid/geo/china_offsets.hpp"

namespace respgrid::geo {
namespace {

// Values the reference implementations print with full double precision (eviltransform's
// test vectors, gcoord's README): our code runs the same formulas, so only libm rounding can
// differ.
constexpr double kSameFormula = 1e-9;
// gcoord's spec fixtures print 8 decimals, truncated (e.g. 123.00607541|914): < 1e-8.
constexpr double kEightDecimals = 1e-8;

// Approximate ground distance in metres between two lon/lat points (equirectangular, fine for
// distances of metres).
double metres_between(XY a, XY b) {
    constexpr double kMetresPerDegree = 111'320.0;
    double mid_lat = (a.y + b.y) / 2 * std::numbers::pi / 180;
    double dx = (a.x - b.x) * std::cos(mid_lat) * kMetresPerDegree;
    double dy = (a.y - b.y) * kMetresPerDegree;
    return std::hypot(dx, dy);
}

#define EXPECT_XY_NEAR(actual, expected_x, expected_y, tol) \
    do {                                                    \
        XY actual_ = (actual);                              \
        EXPECT_NEAR(actual_.x, (expected_x), (tol));        \
        EXPECT_NEAR(actual_.y, (expected_y), (tol));        \
    } while (0)

// --- WGS-84 -> GCJ-02 ----------------------------------------------------------------------

// eviltransform go/transform_test.go and c/test.c give (lat, lon); XY is (lon, lat).
TEST(Wgs84ToGcj02, MatchesEviltransformShanghai) {
    EXPECT_XY_NEAR(wgs84_to_gcj02({121.5272106, 31.1774276}), 121.531541859215, 31.17530398364597, kSameFormula);
}

TEST(Wgs84ToGcj02, MatchesEviltransformShenzhen) {
    EXPECT_XY_NEAR(wgs84_to_gcj02({113.912316, 22.543847}), 113.9171764808363, 22.540796131694766, kSameFormula);
}

TEST(Wgs84ToGcj02, MatchesEviltransformBeijing) {
    EXPECT_XY_NEAR(wgs84_to_gcj02({116.377817, 39.911954}), 116.38404722455657, 39.91334545536069, kSameFormula);
}

TEST(Wgs84ToGcj02, MatchesGcoordSpec) {
    EXPECT_XY_NEAR(wgs84_to_gcj02({123.0, 45.0}), 123.00607541, 45.00197815, kEightDecimals);
}

// The Amap convert service's own output (gps -> Amap) agrees with the formula to ~5 cm;
// 1e-6° (about 10 cm) is the tolerance that observation justifies.
TEST(Wgs84ToGcj02, AgreesWithAmapServiceWithinTenCentimetres) {
    XY gcj = wgs84_to_gcj02({116.481499, 39.990475});
    EXPECT_XY_NEAR(gcj, 116.487585177952, 39.991754014757, 1e-6);
    EXPECT_LT(metres_between(gcj, {116.487585177952, 39.991754014757}), 0.1);
}

// gcoord's china-cities fixture (驻马店) is only good to ~0.65 m (DOMAIN.md §3.2): a <= 1 m test.
TEST(Wgs84ToGcj02, AgreesWithGcoordCityFixtureWithinOneMetre) {
    XY wgs{114.0164322, 33.0133556};
    XY gcj = wgs84_to_gcj02(wgs);
    EXPECT_LT(metres_between(gcj, {114.022306, 33.0115324}), 1.0);
    EXPECT_LT(metres_between(wgs84_to_bd09(wgs), {114.0287781, 33.0176697}), 1.0);
}

TEST(Wgs84ToGcj02, OffsetIsHundredsOfMetresInsideChina) {
    // The obfuscation is not a no-op: the reference samples are 280-660 m off.
    for (XY p : {XY{121.5272106, 31.1774276}, XY{113.912316, 22.543847}, XY{116.377817, 39.911954}}) {
        double d = metres_between(p, wgs84_to_gcj02(p));
        EXPECT_GT(d, 100.0);
        EXPECT_LT(d, 1000.0);
    }
}

// --- GCJ-02 -> WGS-84 ----------------------------------------------------------------------

// gcoord's expected value comes from an iteration that stops at |step| < 1e-6°, so it may sit
// up to ~1e-6° from the exact inverse (gcoord itself compares to 5 decimals). The exactness of
// our inverse is checked separately by pushing the result forward again.
TEST(Gcj02ToWgs84, MatchesGcoordSpecWithinItsIterationThreshold) {
    XY wgs = gcj02_to_wgs84({123.0, 45.0});
    EXPECT_XY_NEAR(wgs, 122.99395597, 44.99804071, 1e-6);
    EXPECT_XY_NEAR(wgs84_to_gcj02(wgs), 123.0, 45.0, kSameFormula);
}

TEST(Gcj02ToWgs84, InvertsTheEviltransformVectorsExactly) {
    struct Pair {
        XY wgs, gcj;
    };
    const Pair pairs[] = {
        {{121.5272106, 31.1774276}, {121.531541859215, 31.17530398364597}},
        {{113.912316, 22.543847}, {113.9171764808363, 22.540796131694766}},
        {{116.377817, 39.911954}, {116.38404722455657, 39.91334545536069}},
    };
    for (const auto& p : pairs) {
        // The one-step inverse is 0.3-1.9 m off on these; the exact one is sub-millimetre.
        EXPECT_XY_NEAR(gcj02_to_wgs84(p.gcj), p.wgs.x, p.wgs.y, kSameFormula);
    }
}

// --- BD-09 -------------------------------------------------------------------------------

TEST(Gcj02ToBd09, MatchesGcoordSpec) {
    EXPECT_XY_NEAR(gcj02_to_bd09({123.0, 45.0}), 123.00636499, 45.00636899, kEightDecimals);
}

// gcoord's BD->GCJ value is the one-step closed-form reverse, which is not an exact inverse:
// its round-trip error is 5-15 cm (DOMAIN.md §3.2), i.e. up to ~1.4e-6° of latitude. Our
// function is the exact inverse, so it must be within 1.5e-6° of the table (observed: 7e-7),
// and pushing it forward must give back the input to 1e-9°.
TEST(Bd09ToGcj02, IsTheExactInverseWithinTheClosedFormErrorOfGcoordSpec) {
    XY gcj = bd09_to_gcj02({123.0, 45.0});
    EXPECT_XY_NEAR(gcj, 122.99363304, 44.99365430, 1.5e-6);
    EXPECT_XY_NEAR(gcj02_to_bd09(gcj), 123.0, 45.0, kSameFormula);
}

// gcoord's BD->WGS is closed-form BD->GCJ (<= 1.5e-6°) followed by its GCJ->WGS iteration
// (<= 1e-6°): the table may be 2.5e-6° from the exact answer (observed: 8e-7).
TEST(Bd09ToWgs84, IsTheExactInverseWithinTheErrorsOfGcoordSpec) {
    XY wgs = bd09_to_wgs84({123.0, 45.0});
    EXPECT_XY_NEAR(wgs, 122.98762210, 44.99171540, 2.5e-6);
    EXPECT_XY_NEAR(wgs84_to_bd09(wgs), 123.0, 45.0, kSameFormula);
}

TEST(Wgs84ToBd09, MatchesGcoordReadme) {
    EXPECT_XY_NEAR(wgs84_to_bd09({116.403988, 39.914266}), 116.41661560068297, 39.92196580126834, kSameFormula);
}

// --- invariants -----------------------------------------------------------------------------

// A sweep over mainland China (and Hainan), 0.37° steps so that points fall at irregular
// positions of the offset's sine terms.
std::vector<XY> china_sweep() {
    std::vector<XY> points;
    for (double lon = 73.7; lon <= 134.7; lon += 0.37) {
        for (double lat = 18.2; lat <= 53.5; lat += 0.37) points.push_back({lon, lat});
    }
    return points;
}

TEST(ChinaOffsets, Gcj02RoundTripIsExactAcrossChina) {
    auto points = china_sweep();
    ASSERT_GT(points.size(), 10000U);
    double worst = 0;
    for (XY p : points) {
        XY back = gcj02_to_wgs84(wgs84_to_gcj02(p));
        worst = std::max({worst, std::fabs(back.x - p.x), std::fabs(back.y - p.y)});
    }
    EXPECT_LT(worst, 1e-9);
}

TEST(ChinaOffsets, InverseIsExactAcrossChinaStartingFromGcj02) {
    double worst = 0;
    for (XY g : china_sweep()) {
        XY forward = wgs84_to_gcj02(gcj02_to_wgs84(g));
        worst = std::max({worst, std::fabs(forward.x - g.x), std::fabs(forward.y - g.y)});
    }
    EXPECT_LT(worst, 1e-9);
}

TEST(ChinaOffsets, Bd09RoundTripIsExactAcrossChina) {
    double worst_gcj = 0, worst_wgs = 0;
    for (XY p : china_sweep()) {
        XY g = bd09_to_gcj02(gcj02_to_bd09(p));
        worst_gcj = std::max({worst_gcj, std::fabs(g.x - p.x), std::fabs(g.y - p.y)});
        XY w = bd09_to_wgs84(wgs84_to_bd09(p));
        worst_wgs = std::max({worst_wgs, std::fabs(w.x - p.x), std::fabs(w.y - p.y)});
    }
    EXPECT_LT(worst_gcj, 1e-9);
    EXPECT_LT(worst_wgs, 1e-9);
}

TEST(ChinaOffsets, PointsOutsideChinaAreUnchanged) {
    const XY outside[] = {
        {2.3522, 48.8566},     // Paris
        {-74.006, 40.7128},    // New York
        {139.6917, 35.6895},   // Tokyo (east of 137.8347)
        {100.5018, -0.5},      // south of the box
        {105.0, 56.0},         // north of the box
        {71.9, 40.0},          // west of the box
    };
    for (XY p : outside) {
        EXPECT_FALSE(in_gcj02_region(p)) << p.x << " " << p.y;
        EXPECT_EQ(wgs84_to_gcj02(p), p) << p.x << " " << p.y;
        EXPECT_EQ(gcj02_to_wgs84(p), p) << p.x << " " << p.y;
    }
}

// china_offsets.hpp: outside the China box the GCJ-02 offset is zero, but the BD-09 step applies
// everywhere (as gcoord and coordtransform do); its inverse still undoes it.
TEST(ChinaOffsets, Bd09StepAppliesOutsideChinaAndIsUndoneByItsInverse) {
    const XY paris{2.3522, 48.8566};
    EXPECT_EQ(wgs84_to_gcj02(paris), paris);
    XY bd = wgs84_to_bd09(paris);
    EXPECT_GT(std::fabs(bd.x - paris.x), 1e-3);
    XY back = bd09_to_wgs84(bd);
    EXPECT_NEAR(back.x, paris.x, 1e-9);
    EXPECT_NEAR(back.y, paris.y, 1e-9);
}

TEST(ChinaOffsets, RegionBoxIsInclusive) {
    // eviltransform / gcoord bounds: lon 72.004-137.8347, lat 0.8293-55.8271, inclusive.
    EXPECT_TRUE(in_gcj02_region({72.004, 30.0}));
    EXPECT_TRUE(in_gcj02_region({137.8347, 30.0}));
    EXPECT_TRUE(in_gcj02_region({100.0, 0.8293}));
    EXPECT_TRUE(in_gcj02_region({100.0, 55.8271}));
    EXPECT_FALSE(in_gcj02_region({72.0039, 30.0}));
    EXPECT_FALSE(in_gcj02_region({137.8348, 30.0}));
    EXPECT_FALSE(in_gcj02_region({100.0, 0.8292}));
    EXPECT_FALSE(in_gcj02_region({100.0, 55.8272}));
    EXPECT_NE(wgs84_to_gcj02({72.004, 30.0}), (XY{72.004, 30.0}));
}

}  // namespace
}  // namespace respgrid::geo

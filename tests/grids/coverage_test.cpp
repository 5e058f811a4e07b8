// The coverage audit (grids/coverage.hpp): gaps, overlaps and spills of a layer of polygons
// against the county outline.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "respgrid/grids/coverage.hpp"
#include "respgrid/grids/wkb_envelope.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

using geo::Geometry;

// Keeps the WKB that CoverageItems point into alive (a deque: earlier spans stay valid as it grows).
class WkbShapes {
public:
    std::span<const std::uint8_t> operator()(const Geometry& shape) { return bytes_.emplace_back(shape.to_wkb()); }

private:
    std::deque<std::vector<std::uint8_t>> bytes_;
};

// A layer of coded polygons that keeps their WKB alive for the CoverageItems.
struct Layer {
    std::vector<std::string> codes;
    std::vector<std::string> groups;
    std::vector<std::string> supergroups;
    std::vector<std::string> parents;
    WkbShapes wkb;
    std::vector<std::span<const std::uint8_t>> shapes, drawn;

    void add(const std::string& code, const std::string& wkt_text, const std::string& group = "",
             const std::string& supergroup = "", const std::string& parent = "") {
        codes.push_back(code);
        groups.push_back(group);
        supergroups.push_back(supergroup);
        parents.push_back(parent);
        Geometry g = test::wkt(wkt_text);
        if (g.is_valid()) {
            shapes.push_back(wkb(g));
            drawn.emplace_back();
        } else {  // as the store keeps an invalid unit: its repair, and the drawing beside it
            shapes.push_back(wkb(g.make_valid().polygonal()));
            drawn.push_back(wkb(g));
        }
    }
    [[nodiscard]] std::vector<CoverageItem> items() const {
        std::vector<CoverageItem> out;
        for (std::size_t i = 0; i < shapes.size(); ++i) {
            out.push_back({codes[i], shapes[i], drawn[i], parents[i], groups[i], supergroups[i]});
        }
        return out;
    }
};

const char* const kCounty = "POLYGON ((0 0, 200 0, 200 200, 0 200, 0 0))";
const char* const kNW = "POLYGON ((0 100, 100 100, 100 200, 0 200, 0 100))";
const char* const kNE = "POLYGON ((100 100, 200 100, 200 200, 100 200, 100 100))";
const char* const kSW = "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))";
const char* const kSE = "POLYGON ((100 0, 200 0, 200 100, 100 100, 100 0))";

Layer tiling(bool with_ne = true) {
    Layer layer;
    layer.add("001", kNW);
    if (with_ne) layer.add("002", kNE);
    layer.add("003", kSW);
    layer.add("004", kSE);
    return layer;
}

CoverageReport audit(const Layer& layer, const CoverageOptions& options = {}) {
    auto items = layer.items();
    Geometry county = test::wkt(kCounty);
    return audit_coverage(ParentUnit{"000", &county}, items, {}, options);
}

bool strictly_inside(const geo::XY& p, double x0, double y0, double x1, double y1) {
    return p.x > x0 && p.x < x1 && p.y > y0 && p.y < y1;
}

TEST(AuditCoverage, PerfectTilingPasses) {
    auto report = audit(tiling());
    EXPECT_TRUE(report.passed());
    EXPECT_TRUE(report.defects.empty());
    EXPECT_EQ(report.polygon_count, 4U);
    EXPECT_DOUBLE_EQ(report.county_area_m2, 40000.0);
    EXPECT_DOUBLE_EQ(report.polygons_area_m2, 40000.0);
    EXPECT_DOUBLE_EQ(report.union_area_m2, 40000.0);
}

TEST(AuditCoverage, MissingCellIsOneGapOfItsArea) {
    auto report = audit(tiling(/*with_ne=*/false));
    EXPECT_FALSE(report.passed());
    ASSERT_EQ(report.defects.size(), 1U);
    const auto& gap = report.defects[0];
    EXPECT_EQ(gap.kind, DefectKind::Gap);
    EXPECT_DOUBLE_EQ(gap.area_m2, 10000.0);
    // The units around the gap, including 003 that touches it at one corner only.
    EXPECT_EQ(gap.codes, (std::vector<std::string>{"001", "003", "004"}));
    EXPECT_TRUE(gap.open_to_outline);
    EXPECT_NEAR(gap.width_m, 100.0, 1.0);
    EXPECT_FALSE(gap.narrow);
    EXPECT_TRUE(strictly_inside(gap.inside_point, 100, 100, 200, 200)) << gap.inside_point.x << " " << gap.inside_point.y;
    EXPECT_DOUBLE_EQ(gap.geometry.area(), 10000.0);
    EXPECT_LT(gap.geometry.difference(test::wkt(kNE)).area(), 1e-9);
    EXPECT_EQ(report.count(DefectKind::Gap), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Gap), 10000.0);
    EXPECT_EQ(report.count(DefectKind::Overlap), 0U);
    EXPECT_DOUBLE_EQ(report.union_area_m2, 30000.0);
}

TEST(AuditCoverage, SeparateGapsAreSeparateDefects) {
    Layer layer;
    layer.add("001", kNW);
    layer.add("004", kSE);
    auto report = audit(layer);
    ASSERT_EQ(report.count(DefectKind::Gap), 2U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Gap), 20000.0);
    for (const auto& d : report.defects) EXPECT_DOUBLE_EQ(d.area_m2, 10000.0);
    // One inside point in each missing square.
    const auto& a = report.defects[0].inside_point;
    const auto& b = report.defects[1].inside_point;
    bool a_ne = strictly_inside(a, 100, 100, 200, 200), a_sw = strictly_inside(a, 0, 0, 100, 100);
    bool b_ne = strictly_inside(b, 100, 100, 200, 200), b_sw = strictly_inside(b, 0, 0, 100, 100);
    EXPECT_TRUE((a_ne && b_sw) || (a_sw && b_ne));
}

TEST(AuditCoverage, OverlappingCellsAreReportedWithBothCodesAndExactArea) {
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", "POLYGON ((90 100, 200 100, 200 200, 90 200, 90 100))");  // 10 m into 001
    layer.add("003", kSW);
    layer.add("004", kSE);
    auto report = audit(layer);
    ASSERT_EQ(report.defects.size(), 1U);
    const auto& overlap = report.defects[0];
    EXPECT_EQ(overlap.kind, DefectKind::Overlap);
    EXPECT_DOUBLE_EQ(overlap.area_m2, 1000.0);
    EXPECT_EQ(overlap.codes, (std::vector<std::string>{"001", "002"}));
    EXPECT_TRUE(strictly_inside(overlap.inside_point, 90, 100, 100, 200));
    EXPECT_DOUBLE_EQ(report.polygons_area_m2, 41000.0);
    EXPECT_DOUBLE_EQ(report.union_area_m2, 40000.0);
}

TEST(AuditCoverage, DuplicatedCellIsAFullOverlap) {
    Layer layer = tiling();
    layer.add("005", kSE);
    auto report = audit(layer);
    ASSERT_EQ(report.count(DefectKind::Overlap), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Overlap), 10000.0);
    EXPECT_EQ(report.defects[0].codes, (std::vector<std::string>{"004", "005"}));
    EXPECT_EQ(report.count(DefectKind::Gap), 0U);
    EXPECT_EQ(report.count(DefectKind::Spill), 0U);
}

TEST(AuditCoverage, OverlapsInsideOneGroupAreFound) {
    Layer layer;
    layer.add("001", kNW, "v1");
    layer.add("002", kNE, "v1");
    layer.add("003", "POLYGON ((0 0, 150 0, 150 100, 0 100, 0 0))", "v2");  // 50 m into 004
    layer.add("004", kSE, "v2");
    auto report = audit(layer);
    ASSERT_EQ(report.count(DefectKind::Overlap), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Overlap), 5000.0);
    EXPECT_EQ(report.defects[0].codes, (std::vector<std::string>{"003", "004"}));
}

TEST(AuditCoverage, CellStickingOutOfTheCountyIsASpill) {
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", kNE);
    layer.add("003", kSW);
    layer.add("004", "POLYGON ((100 0, 250 0, 250 100, 100 100, 100 0))");
    auto report = audit(layer);
    ASSERT_EQ(report.defects.size(), 2U);
    const auto& spill = report.defects[0];
    EXPECT_EQ(spill.kind, DefectKind::Spill);
    EXPECT_DOUBLE_EQ(spill.area_m2, 5000.0);
    EXPECT_TRUE(strictly_inside(spill.inside_point, 200, 0, 250, 100));
    EXPECT_EQ(spill.codes, (std::vector<std::string>{"004", "000"}));
    // A third of the cell lies outside: it does not nest in the county either.
    const auto& nesting = report.defects[1];
    EXPECT_EQ(nesting.kind, DefectKind::Nesting);
    EXPECT_NEAR(nesting.share, 2.0 / 3.0, 1e-9);
}

TEST(AuditCoverage, GapsBelowMinimumAreaAreNoise) {
    // The NE cell misses a 5 cm x 5 cm corner: a 0.0025 m² gap, 2.5 cm mean width.
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", "POLYGON ((100 100, 200 100, 200 199.95, 199.95 199.95, 199.95 200, 100 200, 100 100))");
    layer.add("003", kSW);
    layer.add("004", kSE);
    auto report = audit(layer);  // default minimum 0.01 m²
    EXPECT_TRUE(report.passed());
    EXPECT_EQ(report.noise_count, 1U);
    EXPECT_NEAR(report.noise_area_m2, 0.0025, 1e-9);

    auto strict = audit(layer, CoverageOptions{0.001, 0.01});
    ASSERT_EQ(strict.count(DefectKind::Gap), 1U);
    EXPECT_NEAR(strict.area(DefectKind::Gap), 0.0025, 1e-9);
    EXPECT_TRUE(strictly_inside(strict.defects[0].inside_point, 199.95, 199.95, 200, 200));
    EXPECT_EQ(strict.noise_count, 0U);
}

TEST(AuditCoverage, ThinSliverGapIsNoiseWhateverItsArea) {
    // The NE cell stops 0.05 mm short of the county's north edge: 0.005 m², but 0.05 mm wide.
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", "POLYGON ((100 100, 200 100, 200 199.99995, 100 199.99995, 100 100))");
    layer.add("003", kSW);
    layer.add("004", kSE);
    auto report = audit(layer, CoverageOptions{0.001, 0.01});
    EXPECT_TRUE(report.passed());
    EXPECT_EQ(report.noise_count, 1U);
    EXPECT_NEAR(report.noise_area_m2, 0.005, 1e-9);
    // Without the width threshold the same sliver is a gap.
    auto strict = audit(layer, CoverageOptions{0.001, 0.0});
    ASSERT_EQ(strict.count(DefectKind::Gap), 1U);
    EXPECT_NEAR(strict.area(DefectKind::Gap), 0.005, 1e-9);
}

TEST(AuditCoverage, WideGapIsReportedEvenWhenTheWidthThresholdIsLarge) {
    // 1 m x 100 m strip: mean width 2 * 100 / 202 = 0.99 m.
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", "POLYGON ((100 100, 200 100, 200 199, 100 199, 100 100))");
    layer.add("003", kSW);
    layer.add("004", kSE);
    EXPECT_EQ(audit(layer, CoverageOptions{0.01, 0.9}).count(DefectKind::Gap), 1U);
    EXPECT_EQ(audit(layer, CoverageOptions{0.01, 1.0}).count(DefectKind::Gap), 0U);
}

TEST(AuditCoverage, OverlapsBelowMinimumAreaAreIgnored) {
    // The NE cell reaches 5 cm x 5 cm into the NW cell's corner.
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", "POLYGON ((100 100, 200 100, 200 200, 99.95 200, 99.95 199.95, 100 199.95, 100 100))");
    layer.add("003", kSW);
    layer.add("004", kSE);
    EXPECT_TRUE(audit(layer).passed());
    auto strict = audit(layer, CoverageOptions{0.001, 0.01});
    ASSERT_EQ(strict.count(DefectKind::Overlap), 1U);
    EXPECT_NEAR(strict.area(DefectKind::Overlap), 0.0025, 1e-9);
    EXPECT_EQ(strict.defects[0].codes, (std::vector<std::string>{"001", "002"}));
}

// coverage.hpp: overlaps are itemised only when their total area reaches min_defect_area_m2;
// a smaller total overlap (0.0025 m² here) passes and is not counted as noise either.
TEST(AuditCoverage, OverlapBelowMinimumTotalAreaIsNotItemised) {
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", "POLYGON ((100 100, 200 100, 200 200, 99.95 200, 99.95 199.95, 100 199.95, 100 100))");
    layer.add("003", kSW);
    layer.add("004", kSE);
    auto report = audit(layer);
    EXPECT_TRUE(report.passed());
    EXPECT_EQ(report.count(DefectKind::Overlap), 0U);
    EXPECT_EQ(report.noise_count, 0U);
    EXPECT_NEAR(report.polygons_area_m2 - report.union_area_m2, 0.0025, 1e-6);
}

TEST(AuditCoverage, GroupsDoNotChangeTheFindings) {
    Layer plain = tiling(/*with_ne=*/false);
    Layer grouped;
    grouped.add("001", kNW, "v1");
    grouped.add("003", kSW, "v2");
    grouped.add("004", kSE, "v2");
    auto a = audit(plain), b = audit(grouped);
    EXPECT_EQ(a.defects.size(), b.defects.size());
    EXPECT_DOUBLE_EQ(a.area(DefectKind::Gap), b.area(DefectKind::Gap));
    EXPECT_DOUBLE_EQ(a.union_area_m2, b.union_area_m2);
}

TEST(AuditCoverage, AllThreeKindsTogether) {
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", "POLYGON ((90 100, 200 100, 200 200, 90 200, 90 100))");  // overlap 1000
    layer.add("004", "POLYGON ((100 0, 230 0, 230 100, 100 100, 100 0))");     // spill 3000; SW missing
    auto report = audit(layer);
    EXPECT_EQ(report.count(DefectKind::Gap), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Gap), 10000.0);
    EXPECT_EQ(report.count(DefectKind::Overlap), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Overlap), 1000.0);
    EXPECT_EQ(report.count(DefectKind::Spill), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Spill), 3000.0);
    EXPECT_EQ(report.count(DefectKind::Nesting), 1U);  // 3000 of 13000 m² outside: 77% inside
}

TEST(AuditCoverage, EmptyLayerIsOneGapTheSizeOfTheCounty) {
    Layer layer;
    auto report = audit(layer);
    ASSERT_EQ(report.defects.size(), 1U);
    EXPECT_EQ(report.defects[0].kind, DefectKind::Gap);
    EXPECT_DOUBLE_EQ(report.defects[0].area_m2, 40000.0);
}

TEST(AuditCoverage, ReportsProgressUpToOne) {
    Layer layer = tiling();
    auto items = layer.items();
    Geometry county = test::wkt(kCounty);
    double last = -1;
    (void)audit_coverage(ParentUnit{"000", &county}, items, {}, {}, [&last](double f, std::string_view) {
        EXPECT_GE(f, last);
        last = f;
        return true;
    });
    EXPECT_EQ(last, 1.0);
}

// The shape `audit` gives a grid layer (ops/src/audit_layers.cpp): every grid as WKB, grouped by
// its village, the villages by township, each grid nested in its village. The groups are read on
// every core; what crosses groups and townships is still found, on the right grids.
TEST(AuditCoverage, GridsGroupedByVillageAndTownshipAreAuditedFromWkb) {
    Geometry county = test::wkt(kCounty);
    Geometry west = test::wkt("POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))");
    Geometry east = test::wkt("POLYGON ((100 0, 200 0, 200 200, 100 200, 100 0))");
    std::vector<ParentUnit> villages{{"V1", &west}, {"V2", &east}};
    Layer grids;
    grids.add("a1", kNW, "V1", "T1", "V1");
    grids.add("a2", kSW, "V1", "T1", "V1");
    grids.add("b1", kNE, "V2", "T2", "V2");
    // 10 m into the west village: an overlap with a2 across townships, a spill out of V2.
    grids.add("b2", "POLYGON ((90 0, 200 0, 200 100, 90 100, 90 0))", "V2", "T2", "V2");
    auto items = grids.items();
    auto report = audit_coverage(ParentUnit{"000", &county}, items, villages);
    EXPECT_EQ(report.polygon_count, 4U);
    EXPECT_DOUBLE_EQ(report.polygons_area_m2, 41000.0);
    EXPECT_DOUBLE_EQ(report.union_area_m2, 40000.0);
    EXPECT_EQ(report.count(DefectKind::Gap), 0U);
    ASSERT_EQ(report.count(DefectKind::Overlap), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Overlap), 1000.0);
    ASSERT_EQ(report.count(DefectKind::Spill), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Spill), 1000.0);
    for (const auto& d : report.defects) {
        if (d.kind == DefectKind::Overlap) {
            EXPECT_EQ(d.codes, (std::vector<std::string>{"a2", "b2"}));
        }
        if (d.kind == DefectKind::Spill) {
            EXPECT_EQ(d.codes.front(), "b2");
        }
        EXPECT_FALSE(d.geometry.is_null()) << "each defect carries its piece";
    }
}

// A drawing kept beside its repair travels as WKB too, and is checked on the worker thread of its
// group: the defect names the unit and carries the drawing, not the repair.
TEST(AuditCoverage, DrawnOriginalAsWkbIsCheckedInItsGroup) {
    Layer layer;
    layer.add("001", kNW, "v1");
    layer.add("002", "POLYGON ((100 100, 200 200, 200 100, 100 200, 100 100))", "v1");  // a bow tie
    layer.add("003", kSW, "v2");
    layer.add("004", kSE, "v2");
    auto report = audit(layer);
    EXPECT_EQ(report.repaired_count, 1U);
    ASSERT_EQ(report.count(DefectKind::Invalid), 1U);
    const auto& invalid = report.defects.front();
    EXPECT_EQ(invalid.codes, (std::vector<std::string>{"002"}));
    EXPECT_FALSE(invalid.geometry.is_valid()) << "the drawing, as shipped";
    EXPECT_NEAR(report.area(DefectKind::Gap), 5000.0, 1e-6);  // the repair's two missing triangles
}

TEST(AuditCoverage, RectanglesSkipOnlyTheValidityCheckTheyCannotFail) {
    // Whole squares are valid by construction (polygon_checks.cpp): drawn clockwise, starting
    // along either axis, with a repeated point or a hole they keep their notes, and a bow tie
    // drawn on a square's corners is still invalid.
    Layer layer;
    layer.add("001", "POLYGON ((0 100, 0 200, 100 200, 100 100, 0 100))", "v1");         // clockwise
    layer.add("002", "POLYGON ((100 100, 200 100, 200 200, 100 200, 100 100))", "v1");   // along x first
    layer.add("003", "POLYGON ((0 0, 100 0, 100 0, 100 100, 0 100, 0 0))", "v2");         // repeated point
    layer.add("004", "POLYGON ((100 0, 200 0, 200 100, 100 100, 100 0), (120 20, 120 40, 140 40, 140 20, 120 20))",
              "v2");                                                                      // a hole
    layer.add("005", "POLYGON ((120 20, 140 20, 140 40, 120 40, 120 20))", "v2");          // fills it
    auto report = audit(layer);
    EXPECT_TRUE(report.passed());
    EXPECT_EQ(report.clockwise_shells, 1U);
    EXPECT_EQ(report.repeated_points, 1U);

    Layer bow_tie;
    bow_tie.add("001", "POLYGON ((0 100, 100 200, 100 100, 0 200, 0 100))", "v1");
    bow_tie.add("002", kNE, "v1");
    bow_tie.add("003", kSW, "v2");
    bow_tie.add("004", kSE, "v2");
    auto bad = audit(bow_tie);
    ASSERT_EQ(bad.count(DefectKind::Invalid), 1U);
    EXPECT_EQ(bad.defects.front().codes, (std::vector<std::string>{"001"}));
}

TEST(WkbEnvelope, IsTheGeosEnvelopeOfPolygonsReadFromTheirBytes) {
    for (const char* wkt : {"POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))",
                            "POLYGON ((0 100, 0 200, 100 200, 100 100, 0 100))",
                            "POLYGON ((-5.5 3, 7.25 3, 7.25 9, -5.5 9, -5.5 3), (0 4, 0 5, 1 5, 1 4, 0 4))",
                            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((500000.125 3730000.5, 500010 3730000.5, "
                            "500010 3730010, 500000.125 3730000.5)))",
                            "POLYGON EMPTY", "LINESTRING (0 0, 3 4)"}) {
        const Geometry g = test::wkt(wkt);
        const geo::Envelope want = g.envelope(), got = wkb_envelope(g.to_wkb());
        EXPECT_EQ(got.empty(), want.empty()) << wkt;
        if (want.empty()) continue;
        EXPECT_EQ(got.min_x, want.min_x) << wkt;
        EXPECT_EQ(got.min_y, want.min_y) << wkt;
        EXPECT_EQ(got.max_x, want.max_x) << wkt;
        EXPECT_EQ(got.max_y, want.max_y) << wkt;
    }
    // Big-endian: the unit square written byte by byte.
    std::vector<std::uint8_t> be{0, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 5};
    auto put = [&be](double d) {
        std::uint64_t v;
        std::memcpy(&v, &d, sizeof v);
        for (int i = 7; i >= 0; --i) be.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    for (auto [x, y] : {std::pair{2.0, 3.0}, {4.0, 3.0}, {4.0, 6.0}, {2.0, 6.0}, {2.0, 3.0}}) {
        put(x);
        put(y);
    }
    const geo::Envelope box = wkb_envelope(be);
    EXPECT_EQ(box.min_x, 2.0);
    EXPECT_EQ(box.min_y, 3.0);
    EXPECT_EQ(box.max_x, 4.0);
    EXPECT_EQ(box.max_y, 6.0);
}

TEST(AuditCoverage, DefectKindNames) {
    EXPECT_EQ(to_string(DefectKind::Gap), "gap");
    EXPECT_EQ(to_string(DefectKind::Overlap), "overlap");
    EXPECT_EQ(to_string(DefectKind::Spill), "spill");
    EXPECT_EQ(to_string(DefectKind::Invalid), "invalid");
    EXPECT_EQ(to_string(DefectKind::Nesting), "nesting");
}

// --- the hand-made cases of the audit issue, with known defect areas

TEST(AuditCoverage, TwoMetreSliverBetweenTwoUnitsIsAGapOfKnownAreaAndWidth) {
    // County 1000 m x 500 m; two units leave a 2 m x 500 m strip between them.
    Geometry county = test::wkt("POLYGON ((0 0, 1000 0, 1000 500, 0 500, 0 0))");
    Layer layer;
    layer.add("A", "POLYGON ((0 0, 499 0, 499 500, 0 500, 0 0))");
    layer.add("B", "POLYGON ((501 0, 1000 0, 1000 500, 501 500, 501 0))");
    auto items = layer.items();
    auto report = audit_coverage(ParentUnit{"000", &county}, items, {});
    ASSERT_EQ(report.defects.size(), 1U);
    const auto& gap = report.defects[0];
    EXPECT_EQ(gap.kind, DefectKind::Gap);
    EXPECT_NEAR(gap.area_m2, 1000.0, 1e-9);
    EXPECT_NEAR(gap.width_m, 2.0, 0.05);
    EXPECT_TRUE(gap.open_to_outline);
    EXPECT_FALSE(gap.narrow);  // default gap width 1 m
    EXPECT_EQ(gap.codes, (std::vector<std::string>{"A", "B"}));
    EXPECT_TRUE(strictly_inside(gap.inside_point, 499, 0, 501, 500));

    CoverageOptions wide;
    wide.gap_width_m = 2.5;
    auto flagged = audit_coverage(ParentUnit{"000", &county}, items, {}, wide);
    ASSERT_EQ(flagged.narrow_gaps(), 1U);
}

TEST(AuditCoverage, GapOpenToTheOutlineIsFoundAndMarked) {
    // The layer stops 10 m short of the county's east edge: a strip open to the outline.
    Layer layer;
    layer.add("001", kNW);
    layer.add("002", "POLYGON ((100 100, 190 100, 190 200, 100 200, 100 100))");
    layer.add("003", kSW);
    layer.add("004", kSE);
    auto report = audit(layer);
    ASSERT_EQ(report.count(DefectKind::Gap), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Gap), 1000.0);
    EXPECT_TRUE(report.defects[0].open_to_outline);
    EXPECT_EQ(report.defects[0].codes, (std::vector<std::string>{"002", "004"}));
}

TEST(AuditCoverage, EnclosedGapBetweenPiecesTouchingOnlyAtPointsIsFound) {
    // A diamond 2 m wide and 20 m tall between two units that touch at its tips only.
    Layer layer;
    layer.add("A", "POLYGON ((0 0, 100 0, 100 90, 99 100, 100 110, 100 200, 0 200, 0 0))");
    layer.add("B", "POLYGON ((100 0, 200 0, 200 200, 100 200, 100 110, 101 100, 100 90, 100 0))");
    CoverageOptions options;
    options.gap_width_m = 2.0;
    auto report = audit(layer, options);
    ASSERT_EQ(report.defects.size(), 1U);
    const auto& gap = report.defects[0];
    EXPECT_NEAR(gap.area_m2, 20.0, 1e-9);
    EXPECT_FALSE(gap.open_to_outline);
    EXPECT_TRUE(gap.narrow);
    EXPECT_NEAR(gap.width_m, 2.0 * 40.0 / (2.0 * std::sqrt(404.0)), 0.02);  // inscribed circle of the rhombus
    EXPECT_TRUE(strictly_inside(gap.inside_point, 99, 90, 101, 110));
}

TEST(AuditCoverage, BowTieIsInvalidAtItsCrossingAndMeasuredOnItsRepair) {
    Geometry county = test::wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
    Geometry bow_tie = test::wkt("POLYGON ((0 0, 100 100, 100 0, 0 100, 0 0))");
    Geometry repaired = bow_tie.make_valid().polygonal();
    ASSERT_NEAR(repaired.area(), 5000.0, 1e-9);  // two triangles
    WkbShapes wkb;
    std::vector<CoverageItem> items{{"X", wkb(repaired), wkb(bow_tie), "", "", {}}};
    auto report = audit_coverage(ParentUnit{"000", &county}, items, {});
    ASSERT_EQ(report.count(DefectKind::Invalid), 1U);
    const auto& invalid = report.defects[0];
    EXPECT_EQ(invalid.kind, DefectKind::Invalid);
    EXPECT_NE(invalid.detail.find("Self-intersection"), std::string::npos) << invalid.detail;
    EXPECT_NE(invalid.detail.find("MakeValid"), std::string::npos) << invalid.detail;
    EXPECT_NEAR(invalid.inside_point.x, 50.0, 1e-9);
    EXPECT_NEAR(invalid.inside_point.y, 50.0, 1e-9);
    EXPECT_EQ(report.repaired_count, 1U);
    // The gaps are measured on the repair: the two missing triangles of the square.
    EXPECT_EQ(report.count(DefectKind::Gap), 2U);
    EXPECT_NEAR(report.area(DefectKind::Gap), 5000.0, 1e-6);
}

TEST(AuditCoverage, AnOverlapTheRepairDropsIsStillReportedOnTheDrawnShape) {
    // B's drawn ring loops twice around [41,100] x [41,59], inside A: B claims that area as
    // drawn, but GEOS MakeValid (even-odd) leaves it out of B's repair, so the repairs overlap only
    // along the loop's 1 m wide band. The 1,062 m² B claims twice, and A too, are an overlap.
    Geometry county = test::wkt("POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))");
    Geometry a = test::wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
    Geometry b_drawn = test::wkt(
        "POLYGON ((100 0, 200 0, 200 100, 100 100, 100 60, 40 60, 40 40, 100.5 40, 100.5 59, 41 59, 41 41, 100 41, 100 0))");
    Geometry b = b_drawn.make_valid().polygonal();
    WkbShapes wkb;
    std::vector<CoverageItem> items{{"A", wkb(a), {}, "", "", {}}, {"B", wkb(b), wkb(b_drawn), "", "", {}}};
    auto report = audit_coverage(ParentUnit{"000", &county}, items, {});
    double twice = 0.0;
    for (const auto& d : report.defects) {
        if (d.kind != DefectKind::Overlap || d.detail.find("as drawn") == std::string::npos) continue;
        EXPECT_EQ(d.codes, (std::vector<std::string>{"A", "B"}));
        twice += d.area_m2;
    }
    EXPECT_NEAR(twice, 59.0 * 18.0, 1e-6);
    // Where the repairs themselves overlap (the loop's band) is reported as before.
    EXPECT_NEAR(report.area(DefectKind::Overlap), twice + a.intersection(b).area(), 1e-6);
}

TEST(AuditCoverage, VillageHalfOutsideItsTownshipSpillsAndDoesNotNest) {
    Geometry county = test::wkt(kCounty);
    Geometry west = test::wkt("POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))");
    Geometry east = test::wkt("POLYGON ((100 0, 200 0, 200 200, 100 200, 100 0))");
    std::vector<ParentUnit> townships{{"T1", &west}, {"T2", &east}};
    Geometry straddling = test::wkt("POLYGON ((50 0, 150 0, 150 100, 50 100, 50 0))");
    Geometry inside_west = test::wkt("POLYGON ((0 0, 50 0, 50 200, 0 200, 0 0))");
    WkbShapes wkb;
    std::vector<CoverageItem> villages{{"V1", wkb(straddling), {}, "T1", "T1", {}},
                                       {"V2", wkb(inside_west), {}, "T1", "T1", {}}};
    auto report = audit_coverage(ParentUnit{"000", &county}, villages, townships);
    ASSERT_EQ(report.count(DefectKind::Spill), 1U);
    EXPECT_DOUBLE_EQ(report.area(DefectKind::Spill), 5000.0);
    ASSERT_EQ(report.count(DefectKind::Nesting), 1U);
    const CoverageDefect* nesting = nullptr;
    for (const auto& d : report.defects) {
        if (d.kind == DefectKind::Nesting) nesting = &d;
    }
    ASSERT_NE(nesting, nullptr);
    EXPECT_EQ(nesting->codes, (std::vector<std::string>{"V1", "T1", "T2"}));
    EXPECT_NEAR(nesting->share, 0.5, 1e-9);
    EXPECT_NE(nesting->detail.find("50.0% inside T2"), std::string::npos) << nesting->detail;
}

TEST(AuditCoverage, UnitWhoseParentIsMissingDoesNotNest) {
    Geometry county = test::wkt(kCounty);
    Geometry west = test::wkt("POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))");
    std::vector<ParentUnit> townships{{"T1", &west}};
    Geometry v = test::wkt("POLYGON ((0 0, 50 0, 50 50, 0 50, 0 0))");
    WkbShapes wkb;
    std::vector<CoverageItem> villages{{"V1", wkb(v), {}, "T9", "T9", {}}};
    auto report = audit_coverage(ParentUnit{"000", &county}, villages, townships);
    ASSERT_EQ(report.count(DefectKind::Nesting), 1U);
    const auto& d = report.defects.back();
    EXPECT_NE(d.detail.find("T9 is not in the project"), std::string::npos) << d.detail;
    EXPECT_EQ(d.codes.back(), "T1");
}

}  // namespace
}  // namespace respgrid::grids

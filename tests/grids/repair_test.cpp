// Owner-aware repair (grids/repair.hpp): each rule on a hand-made case with a known answer, and
// the round trip: the audit passes on the repaired layer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "respgrid/grids/coverage.hpp"
#include "respgrid/grids/repair.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

using geo::Geometry;

const char* const kSquare200 = "POLYGON ((0 0, 200 0, 200 200, 0 200, 0 0))";

struct Units {
    std::vector<std::string> codes, parents;
    std::vector<Geometry> shapes, drawn;

    void add(const std::string& code, const std::string& wkt_text, const std::string& parent = "") {
        codes.push_back(code);
        parents.push_back(parent);
        Geometry g = test::wkt(wkt_text);
        if (g.is_valid()) {
            shapes.push_back(std::move(g));
            drawn.emplace_back();
        } else {
            shapes.push_back(g.make_valid().polygonal());
            drawn.push_back(std::move(g));
        }
    }
    [[nodiscard]] std::vector<RepairInput> inputs() const {
        std::vector<RepairInput> out;
        for (std::size_t i = 0; i < codes.size(); ++i) {
            out.push_back({codes[i], &shapes[i], drawn[i].is_null() ? nullptr : &drawn[i], parents[i]});
        }
        return out;
    }
};

const RepairChange* find_rule(const RepairPlan& plan, const std::string& rule) {
    for (const auto& c : plan.changes) {
        if (c.rule == rule) return &c;
    }
    return nullptr;
}

// The audit of the repaired layer, against the same county and parents.
CoverageReport audit_after(const RepairPlan& plan, const Units& units, const ParentUnit& county,
                           std::span<const ParentUnit> parents) {
    std::vector<std::vector<std::uint8_t>> wkb;
    for (const auto& u : plan.units) wkb.push_back(u.geometry.to_wkb());
    std::vector<CoverageItem> items;
    for (std::size_t i = 0; i < plan.units.size(); ++i) {
        items.push_back({plan.units[i].code, wkb[i], {}, units.parents[i], units.parents[i], {}});
    }
    return audit_coverage(county, items, parents);
}

TEST(PlanRepair, OverlapStaysWithTheUnitSharingTheLongerEdge) {
    Geometry county = test::wkt(kSquare200);
    Units u;
    u.add("A", "POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))");
    // B reaches 10 m into A along 50 m only: the piece shares 50+10+10 m with B's rest... and
    // 50 m with A's rest; the other sides are B's own boundary.
    u.add("B", "POLYGON ((100 0, 200 0, 200 200, 100 200, 100 150, 90 150, 90 100, 100 100, 100 0))");
    auto inputs = u.inputs();
    RepairOptions options;
    options.snap_tolerance_m = 0;
    auto plan = plan_repair({"000", &county}, inputs, {}, options);
    const auto* overlap = find_rule(plan, "overlap");
    ASSERT_NE(overlap, nullptr);
    EXPECT_NEAR(overlap->area_m2, 500.0, 1e-9);
    // The piece 90..100 x 100..150 touches A's rest on three sides (50+10+10 = 70 m) and B's rest
    // on one (50 m): it stays with A, and B gives it up.
    EXPECT_EQ(overlap->to, "A");
    EXPECT_EQ(overlap->from, "B");
    EXPECT_NE(overlap->reason.find("longest shared edge"), std::string::npos);
    EXPECT_NEAR(plan.units[1].geometry.area(), 20000.0, 1e-6);
    EXPECT_TRUE(audit_after(plan, u, {"000", &county}, {}).passed());
}

TEST(PlanRepair, GapGoesToANeighbourWithTheSameOwnerFirst) {
    // Two townships; villages W (in T1) and E (in T2) leave a strip 90..110 x 0..200 open. The
    // strip is split at x = 100 by the townships: the west half goes to W, the east half to E,
    // even though each half touches only its own side.
    Geometry county = test::wkt(kSquare200);
    Geometry t1 = test::wkt("POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))");
    Geometry t2 = test::wkt("POLYGON ((100 0, 200 0, 200 200, 100 200, 100 0))");
    std::vector<ParentUnit> townships{{"T1", &t1}, {"T2", &t2}};
    Units u;
    u.add("W", "POLYGON ((0 0, 90 0, 90 200, 0 200, 0 0))", "T1");
    u.add("E", "POLYGON ((110 0, 200 0, 200 200, 110 200, 110 0))", "T2");
    auto inputs = u.inputs();
    auto plan = plan_repair({"000", &county}, inputs, townships);
    std::vector<const RepairChange*> gaps;
    for (const auto& c : plan.changes) {
        if (c.rule == "gap") gaps.push_back(&c);
    }
    ASSERT_EQ(gaps.size(), 2U);
    for (const auto* g : gaps) {
        EXPECT_NEAR(g->area_m2, 2000.0, 1e-6);
        EXPECT_NE(g->reason.find("same owner"), std::string::npos) << g->reason;
    }
    EXPECT_NEAR(plan.units[0].geometry.area(), 20000.0, 1e-6);
    EXPECT_NEAR(plan.units[1].geometry.area(), 20000.0, 1e-6);
    EXPECT_TRUE(audit_after(plan, u, {"000", &county}, townships).passed());
}

TEST(PlanRepair, SameOwnerBeatsALongerSharedEdge) {
    // An L-shaped county: T1 is the west square, T2 a 10 m strip east of it plus an arm along
    // the north. The strip is a gap: V1 (T1) shares its whole 200 m west side, V2 (T2, the arm)
    // touches it along 10 m only. The same-owner rule gives it to V2.
    Geometry county = test::wkt("POLYGON ((0 0, 110 0, 110 190, 200 190, 200 200, 0 200, 0 0))");
    Geometry t1 = test::wkt("POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))");
    Geometry t2 = test::wkt("POLYGON ((100 0, 110 0, 110 190, 200 190, 200 200, 100 200, 100 0))");
    std::vector<ParentUnit> townships{{"T1", &t1}, {"T2", &t2}};
    Units u;
    u.add("V1", "POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))", "T1");
    u.add("V2", "POLYGON ((110 190, 200 190, 200 200, 110 200, 110 190))", "T2");
    auto inputs = u.inputs();
    RepairOptions options;
    options.snap_tolerance_m = 0;
    auto plan = plan_repair({"000", &county}, inputs, townships, options);
    const auto* gap = find_rule(plan, "gap");
    ASSERT_NE(gap, nullptr);
    EXPECT_EQ(gap->to, "V2");
    EXPECT_NEAR(gap->area_m2, 2000.0, 1e-6);
    EXPECT_TRUE(audit_after(plan, u, {"000", &county}, townships).passed());
}

TEST(PlanRepair, SpillIsClippedToTheParent) {
    Geometry county = test::wkt(kSquare200);
    Geometry t1 = test::wkt("POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))");
    Geometry t2 = test::wkt("POLYGON ((100 0, 200 0, 200 200, 100 200, 100 0))");
    std::vector<ParentUnit> townships{{"T1", &t1}, {"T2", &t2}};
    Units u;
    u.add("V1", "POLYGON ((0 0, 150 0, 150 100, 0 100, 0 0))", "T1");  // half of its east part in T2
    u.add("V2", "POLYGON ((0 100, 100 100, 100 200, 0 200, 0 100))", "T1");
    u.add("V3", "POLYGON ((100 0, 200 0, 200 200, 100 200, 100 0))", "T2");
    auto inputs = u.inputs();
    auto plan = plan_repair({"000", &county}, inputs, townships);
    const auto* spill = find_rule(plan, "clip_spill");
    ASSERT_NE(spill, nullptr);
    EXPECT_EQ(spill->from, "V1");
    EXPECT_NEAR(spill->area_m2, 5000.0, 1e-6);
    EXPECT_NEAR(plan.units[0].geometry.area(), 10000.0, 1e-6);
    EXPECT_EQ(find_rule(plan, "overlap"), nullptr);  // clipping removed the overlap with V3 too
    EXPECT_TRUE(audit_after(plan, u, {"000", &county}, townships).passed());
}

TEST(PlanRepair, BowTieIsRecordedAsMakeValidAndKeepsBothLobes) {
    Geometry county = test::wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
    Units u;
    u.add("X", "POLYGON ((0 0, 100 100, 100 0, 0 100, 0 0))");
    auto inputs = u.inputs();
    auto plan = plan_repair({"000", &county}, inputs, {});
    const auto* fix = find_rule(plan, "make_valid");
    ASSERT_NE(fix, nullptr);
    EXPECT_NE(fix->reason.find("Self-intersection"), std::string::npos) << fix->reason;
    EXPECT_NEAR(fix->area_m2, 5000.0, 1e-6);  // drawn rings cancel to 0; the repair has 5000 m²
    // Both missing triangles touch X: they are filled, and X becomes the whole square.
    EXPECT_NEAR(plan.units[0].geometry.area(), 10000.0, 1e-6);
    EXPECT_TRUE(plan.units[0].changed);
}

TEST(PlanRepair, GapTouchingNoUnitIsLeftAndReported) {
    Geometry county = test::wkt(kSquare200);
    Units u;
    u.add("A", "POLYGON ((0 0, 200 0, 200 200, 0 200, 0 0), (50 50, 150 50, 150 150, 50 150, 50 50))");
    u.add("I", "POLYGON ((60 60, 140 60, 140 140, 60 140, 60 60))");  // an island inside the hole
    auto inputs = u.inputs();
    auto plan = plan_repair({"000", &county}, inputs, {});
    // The ring between the hole and the island touches both; it goes to A (longer shared edge).
    const auto* gap = find_rule(plan, "gap");
    ASSERT_NE(gap, nullptr);
    EXPECT_EQ(gap->to, "A");
    EXPECT_NEAR(gap->area_m2, 10000.0 - 6400.0, 1e-6);

    Units lonely;
    lonely.add("A", "POLYGON ((0 0, 50 0, 50 50, 0 50, 0 0))");
    auto lonely_inputs = lonely.inputs();
    Geometry far_county = test::wkt("MULTIPOLYGON (((0 0, 50 0, 50 50, 0 50, 0 0)), ((100 100, 110 100, 110 110, 100 110, 100 100)))");
    auto plan2 = plan_repair({"000", &far_county}, lonely_inputs, {});
    const auto* left = find_rule(plan2, "unassigned");
    ASSERT_NE(left, nullptr);
    EXPECT_NEAR(left->area_m2, 100.0, 1e-9);
    EXPECT_FALSE(plan2.units[0].changed);
}

TEST(PlanRepair, SnappingClosesAHairlineGap) {
    Geometry county = test::wkt(kSquare200);
    Units u;
    u.add("A", "POLYGON ((0 0, 99.95 0, 99.95 200, 0 200, 0 0))");
    u.add("B", "POLYGON ((100 0, 200 0, 200 200, 100 200, 100 0))");
    auto inputs = u.inputs();
    RepairOptions options;
    options.snap_tolerance_m = 0.1;
    auto plan = plan_repair({"000", &county}, inputs, {}, options);
    ASSERT_NE(find_rule(plan, "snap"), nullptr);
    EXPECT_EQ(find_rule(plan, "gap"), nullptr);  // nothing left to fill after snapping
    EXPECT_NEAR(plan.area_after_m2, 40000.0, 1e-6);
    EXPECT_TRUE(audit_after(plan, u, {"000", &county}, {}).passed());
}

TEST(PlanRepair, NoiseSliverIsLeftAlone) {
    // A 1 mm sliver between two units (0.2 m², mean width 1 mm) is noise to the audit: the
    // repair leaves it, so a layer the audit passes is not changed.
    Geometry county = test::wkt(kSquare200);
    Units u;
    u.add("A", "POLYGON ((0 0, 99.999 0, 99.999 200, 0 200, 0 0))");
    u.add("B", "POLYGON ((100 0, 200 0, 200 200, 100 200, 100 0))");
    auto inputs = u.inputs();
    auto plan = plan_repair({"000", &county}, inputs, {});
    EXPECT_TRUE(plan.changes.empty());
    EXPECT_EQ(plan.changed_units(), 0U);
    EXPECT_TRUE(audit_after(plan, u, {"000", &county}, {}).passed());
}

TEST(PlanRepair, CleanLayerChangesNothing) {
    Geometry county = test::wkt(kSquare200);
    Units u;
    u.add("A", "POLYGON ((0 0, 100 0, 100 200, 0 200, 0 0))");
    u.add("B", "POLYGON ((100 0, 200 0, 200 200, 100 200, 100 0))");
    auto inputs = u.inputs();
    auto plan = plan_repair({"000", &county}, inputs, {});
    EXPECT_TRUE(plan.changes.empty());
    EXPECT_EQ(plan.changed_units(), 0U);
    EXPECT_DOUBLE_EQ(plan.area_before_m2, plan.area_after_m2);
}

}  // namespace
}  // namespace respgrid::grids

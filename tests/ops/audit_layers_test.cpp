// ops/audit_layers.hpp: the layers audit and repair work on, read from a project as the grids
// library takes them.

#include <gtest/gtest.h>

#include <algorithm>

#include "audit_test_project.hpp"
#include "respgrid/ops/audit_layers.hpp"
#include "respgrid/ops/errors.hpp"

namespace respgrid::ops {
namespace {

TEST(AuditLayers, NamesReadBackAndNothingElseIsALayer) {
    for (auto layer : kAuditLayers) EXPECT_EQ(parse_audit_layer(to_string(layer)), layer);
    EXPECT_EQ(parse_audit_layer("all"), std::nullopt);
    EXPECT_EQ(parse_audit_layer("Villages"), std::nullopt);
}

TEST(AuditLayers, AProjectWithoutBoundariesOrWithoutACountyIsAUsageError) {
    test::TempDir dir;
    auto bare = store::Project::create(dir.file("bare.rgproj"), test::kCounty, "测试县");
    EXPECT_THROW((void)load_admin_layers(bare), UsageError);
    auto no_county = store::Project::create(dir.file("no_county.rgproj"), test::kCounty, "测试县", 4547);
    EXPECT_THROW((void)load_admin_layers(no_county), UsageError);
}

// The villages as the audit reads them: their shapes as WKB, each naming its township as parent
// and group; an invalid drawing kept beside its repair travels with it.
TEST(AuditLayers, VillagesComeAsWkbWithTheirTownshipsAsParents) {
    test::TempDir dir;
    auto bow_tie = test::wkt("POLYGON ((501000 3730000, 502000 3731000, 502000 3730000, 501000 3731000, 501000 3730000))");
    auto east = test::village("411626002001", test::kEast, bow_tie.make_valid().polygonal());
    east.as_shipped = bow_tie.clone();
    std::vector<grids::AdminUnit> villages;
    villages.push_back(test::village("411626001001", test::kWest, test::box(0, 0, 1000, 1000)));
    villages.push_back(std::move(east));
    auto project = test::make_audit_project(dir.file("a.rgproj"), std::move(villages));
    const AdminLayers units = load_admin_layers(project);
    ASSERT_EQ(units.villages.size(), 2U);
    ASSERT_FALSE(units.villages[1].as_shipped.is_null()) << "the store kept the drawing";

    const LayerInputs in = layer_inputs(units, grids::GridShapes{}, AuditLayer::Villages);
    ASSERT_EQ(in.items.size(), 2U);
    ASSERT_EQ(in.parents.size(), 2U);
    EXPECT_EQ(in.county.code, test::kCounty);
    for (std::size_t i = 0; i < in.items.size(); ++i) {
        const auto& item = in.items[i];
        EXPECT_EQ(item.code, units.villages[i].code);
        EXPECT_EQ(item.parent, units.villages[i].parent_code);
        EXPECT_EQ(item.group, item.parent);
        EXPECT_DOUBLE_EQ(geo::Geometry::from_wkb(item.wkb).area(), units.villages[i].geometry.area());
    }
    EXPECT_TRUE(in.items[0].as_shipped.empty());
    ASSERT_FALSE(in.items[1].as_shipped.empty());
    EXPECT_FALSE(geo::Geometry::from_wkb(in.items[1].as_shipped).is_valid());

    const LayerInputs top = layer_inputs(units, grids::GridShapes{}, AuditLayer::Townships);
    EXPECT_EQ(top.items.size(), 2U);
    EXPECT_TRUE(top.parents.empty()) << "the townships' parent is the county";
    EXPECT_TRUE(top.items[0].parent.empty());
}

TEST(AuditLayers, GridsAreTheCellsWkbGroupedByVillageAndTownship) {
    test::TempDir dir;
    auto project = test::make_audit_project(dir.file("a.rgproj"));
    const AdminLayers units = load_admin_layers(project);
    auto cell = test::grid("411626001001001", "411626001001", test::box(0, 0, 1000, 1000));
    std::vector<grids::GridCell> cells;
    cells.push_back(std::move(cell));
    const grids::GridShapes shapes = grids::GridShapes::of(cells);
    const LayerInputs in = layer_inputs(units, shapes, AuditLayer::Grids);
    ASSERT_EQ(in.items.size(), 1U);
    EXPECT_EQ(in.items[0].wkb.data(), shapes.wkb(0).data()) << "read in place, not copied";
    EXPECT_TRUE(std::equal(in.items[0].wkb.begin(), in.items[0].wkb.end(), cells[0].wkb.begin(), cells[0].wkb.end()));
    EXPECT_EQ(in.items[0].parent, "411626001001");
    EXPECT_EQ(in.items[0].group, "411626001001");
    EXPECT_EQ(in.items[0].supergroup, test::kWest);
    EXPECT_EQ(in.parents.size(), units.villages.size());
}

// The grids' items are made on demand from the GridShapes instead of being held (123 MB for a
// city): audited that way, awkward grids (a hole, a multipolygon, overlaps inside a village and
// across townships, a spill, shared edges and vertices) give the report the same items held in a
// vector give, defect for defect and union for union.
TEST(AuditLayers, GridItemsMadeOnDemandAuditAsTheSameItemsHeld) {
    test::TempDir dir;
    auto project = test::make_audit_project(dir.file("a.rgproj"));
    const AdminLayers units = load_admin_layers(project);
    std::vector<grids::GridCell> cells;
    const std::string west = "411626001001", east = "411626002001";
    // A hole (an enclosed gap), a multipolygon whose two parts leave a strip, a grid in the strip
    // overlapping one part, and an east grid reaching 10 m into the west village.
    cells.push_back(test::grid(west + "001", west,
                               test::box(0, 0, 500, 1000).difference(test::box(100, 100, 200, 200))));
    cells.push_back(test::grid(west + "002", west,
                               geo::Geometry::union_all([] {
                                   std::vector<geo::Geometry> parts;
                                   parts.push_back(test::box(500, 0, 1000, 500));
                                   parts.push_back(test::box(500, 600, 1000, 1000));
                                   return parts;
                               }())));
    cells.push_back(test::grid(west + "003", west, test::box(500, 490, 1000, 600)));
    cells.push_back(test::grid(east + "001", east, test::box(990, 0, 1500, 500)));
    cells.push_back(test::grid(east + "002", east, test::box(1500, 0, 2000, 500)));  // shares an edge
    cells.push_back(test::grid(east + "003", east, test::box(1000, 500, 2000, 1000)));  // and vertices
    const grids::GridShapes shapes = grids::GridShapes::of(cells);

    const LayerInputs in = layer_inputs(units, shapes, AuditLayer::Grids);
    std::vector<grids::CoverageItem> held;
    for (std::size_t i = 0; i < in.items.size(); ++i) held.push_back(in.items[i]);
    const auto on_demand = grids::audit_coverage(in.county, in.items, in.parents);
    const auto from_held = grids::audit_coverage(in.county, held, in.parents);

    EXPECT_GE(on_demand.count(grids::DefectKind::Gap), 1U);
    EXPECT_GE(on_demand.count(grids::DefectKind::Overlap), 2U);
    EXPECT_GE(on_demand.count(grids::DefectKind::Spill), 1U);
    EXPECT_EQ(on_demand.polygon_count, from_held.polygon_count);
    EXPECT_EQ(on_demand.polygons_area_m2, from_held.polygons_area_m2);
    EXPECT_EQ(on_demand.union_area_m2, from_held.union_area_m2);
    EXPECT_EQ(on_demand.noise_count, from_held.noise_count);
    ASSERT_EQ(on_demand.defects.size(), from_held.defects.size());
    for (std::size_t k = 0; k < on_demand.defects.size(); ++k) {
        const auto& a = on_demand.defects[k];
        const auto& b = from_held.defects[k];
        EXPECT_EQ(a.kind, b.kind);
        EXPECT_EQ(a.codes, b.codes);
        EXPECT_EQ(a.area_m2, b.area_m2);
        EXPECT_EQ(a.detail, b.detail);
        EXPECT_EQ(a.geometry.to_wkb(), b.geometry.to_wkb());
    }
    ASSERT_EQ(on_demand.group_unions.size(), from_held.group_unions.size());
    for (std::size_t k = 0; k < on_demand.group_unions.size(); ++k) {
        EXPECT_EQ(on_demand.group_unions[k].key, from_held.group_unions[k].key);
        EXPECT_EQ(on_demand.group_unions[k].members, from_held.group_unions[k].members);
        EXPECT_EQ(on_demand.group_unions[k].shape.to_wkb(), from_held.group_unions[k].shape.to_wkb());
    }
}

}  // namespace
}  // namespace respgrid::ops

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

}  // namespace
}  // namespace respgrid::ops

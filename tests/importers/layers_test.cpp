// read_lines, read_weights, read_dedicated (importers/layers.hpp) on files written by real GDAL
// drivers: names in UTF-8 whatever the file's encoding (GBK Shapefiles without a .cpg), weights
// from a point layer or a lon/lat table.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "ogr_fixtures.hpp"
#include "respgrid/importers/layers.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

const geo::Crs kWorking = geo::Crs::from_epsg(4547);  // CGCS2000 3-degree GK, CM 114E

importers::LayerImportOptions options_for(const std::string& path) {
    importers::LayerImportOptions o;
    o.path = path;
    o.target_crs = kWorking;
    return o;
}

// What Chinese desktop GIS software leaves: GBK bytes in the .dbf and no .cpg.
void drop_cpg(const TempDir& dir, const std::string& stem) {
    std::filesystem::remove(dir.file(stem + ".cpg"));
    ASSERT_FALSE(std::filesystem::exists(dir.file(stem + ".cpg")));
}

TEST(ReadLines, GbkShapefileWithoutCpgGivesChineseNames) {
    TempDir dir;
    write_layer(dir.file("roads.shp"), "ESRI Shapefile", "roads", 4490, wkbLineString, {{"name"}, {"kind"}},
                {{{"人民路", "main_road"}, "LINESTRING (114.80 33.70, 114.81 33.70)"},
                 {{"小叶河", "river"}, "LINESTRING (114.80 33.71, 114.81 33.71)"}},
                {"ENCODING=CP936"});
    drop_cpg(dir, "roads");
    auto r = importers::read_lines(options_for(dir.file("roads.shp")), std::nullopt, "kind");
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    EXPECT_EQ(r.encoding, geo::TextEncoding::Gb18030);
    ASSERT_EQ(r.lines.size(), 2u);
    EXPECT_EQ(r.lines[0].name, "人民路");
    EXPECT_EQ(r.lines[1].name, "小叶河");
}

TEST(ReadDedicated, GbkShapefileWithoutCpgGivesChineseNamesAndTypes) {
    TempDir dir;
    write_layer(dir.file("schools.shp"), "ESRI Shapefile", "schools", 4490, wkbPolygon, {{"name"}, {"type"}},
                {{{"城关一中", "学校"},
                  "POLYGON ((114.80 33.70, 114.801 33.70, 114.801 33.701, 114.80 33.701, 114.80 33.70))"}},
                {"ENCODING=CP936"});
    drop_cpg(dir, "schools");
    auto r = importers::read_dedicated(options_for(dir.file("schools.shp")), "name", "type");
    ASSERT_EQ(r.areas.size(), 1u);
    EXPECT_EQ(r.areas[0].name, "城关一中");
    EXPECT_EQ(r.areas[0].type, "学校");
}

// Weights from a point layer and from the same points as a GBK lon/lat CSV: the same positions.
TEST(ReadWeights, PointLayerAndGbkTableGiveTheSamePoints) {
    TempDir dir;
    write_layer(dir.file("households.gpkg"), "GPKG", "households", 4490, wkbPoint, {{"村名"}, {"weight", OFTInteger}},
                {{{"王庄村", "120"}, "POINT (114.805 33.705)"},
                 {{"李楼村", "-3"}, "POINT (114.815 33.715)"},
                 {{"东关社区", "80"}, "LINESTRING (114.8 33.7, 114.81 33.7)"}});
    auto layer = importers::read_weights(options_for(dir.file("households.gpkg")), "weight");
    ASSERT_EQ(layer.points.size(), 1u);
    EXPECT_EQ(layer.points[0].weight, 120.0);
    std::map<long long, const Reject*> rejects;
    for (const auto& r : layer.rejects) rejects[r.where.record.value_or(-1)] = &r;
    ASSERT_EQ(rejects.size(), 2u);
    ASSERT_TRUE(rejects.count(2) && rejects.count(3));
    EXPECT_EQ(rejects[2]->where.field, "weight");
    EXPECT_EQ(rejects[3]->where.field, "geometry");
    EXPECT_NE(rejects[3]->reason.find("not a point"), std::string::npos) << rejects[3]->reason;

    write_text(dir.file("households.csv"), gbk("村名,lon,lat,weight\n王庄村,114.805,33.705,120\n"));
    auto o = options_for(dir.file("households.csv"));
    o.source_crs = geo::Crs::cgcs2000();
    auto table = importers::read_weights(o, "weight");
    EXPECT_EQ(table.encoding, geo::TextEncoding::Gb18030);
    ASSERT_EQ(table.points.size(), 1u);
    EXPECT_DOUBLE_EQ(table.points[0].position.x, layer.points[0].position.x);
    EXPECT_DOUBLE_EQ(table.points[0].position.y, layer.points[0].position.y);
}

}  // namespace
}  // namespace respgrid::test

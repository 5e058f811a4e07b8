// LayerWriter (exporters/layer_writer.hpp): typed values and nulls, rows without geometry, and
// errors naming the file and layer.
#include <gtest/gtest.h>

#include "respgrid/exporters/layer_writer.hpp"
#include "respgrid/geo/error.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using exporters::FieldType;
using exporters::LayerWriter;
using exporters::Value;

TEST(LayerWriter, WritesTypedValuesNullsAndRowsWithoutGeometry) {
    TempDir dir;
    const std::string path = dir.file("out.gpkg");
    {
        auto ds = geo::create_vector(path, "GPKG");
        auto srs = geo::srs_from_epsg(4490);
        LayerWriter w(*ds, path, "点", wkbPoint, srs.get(),
                      {{"code", FieldType::Text, "代码"}, {"x", FieldType::Real, ""}, {"n", FieldType::Integer, "数量"}});
        w.add(geo::to_ogr(geo::Geometry::point({114.8, 33.7})), {std::string("09006"), 1.25, 12345678901LL});
        w.add(nullptr, {Value{}, Value{}, Value{}});
        EXPECT_EQ(w.written(), 2u);
    }
    auto ds = geo::open_vector(path);
    OGRLayer* layer = ds->GetLayerByName("点");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(layer->GetGeomType(), wkbPoint);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    EXPECT_EQ(defn->GetFieldDefn(0)->GetType(), OFTString);
    EXPECT_EQ(defn->GetFieldDefn(1)->GetType(), OFTReal);
    EXPECT_EQ(defn->GetFieldDefn(2)->GetType(), OFTInteger64);
    layer->ResetReading();
    OGRFeatureUniquePtr first(layer->GetNextFeature());
    ASSERT_TRUE(first);
    EXPECT_STREQ(first->GetFieldAsString(0), "09006");
    EXPECT_DOUBLE_EQ(first->GetFieldAsDouble(1), 1.25);
    EXPECT_EQ(first->GetFieldAsInteger64(2), 12345678901LL);
    ASSERT_NE(first->GetGeometryRef(), nullptr);
    EXPECT_DOUBLE_EQ(first->GetGeometryRef()->toPoint()->getX(), 114.8);
    OGRFeatureUniquePtr second(layer->GetNextFeature());
    ASSERT_TRUE(second);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(second->IsFieldNull(i)) << i;
    EXPECT_EQ(second->GetGeometryRef(), nullptr);
}

TEST(LayerWriter, ALayerThatCannotBeCreatedIsAnOutputErrorNamingTheFile) {
    TempDir dir;
    const std::string path = dir.file("out.gpkg");
    auto ds = geo::create_vector(path, "GPKG");
    LayerWriter first(*ds, path, "grids", wkbMultiPolygon, nullptr, {{"code", FieldType::Text, ""}});
    try {
        LayerWriter again(*ds, path, "grids", wkbMultiPolygon, nullptr, {{"code", FieldType::Text, ""}});
        FAIL() << "expected OutputError";
    } catch (const OutputError& e) {
        EXPECT_EQ(e.path(), path);
        EXPECT_NE(std::string(e.what()).find("grids"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace respgrid::test

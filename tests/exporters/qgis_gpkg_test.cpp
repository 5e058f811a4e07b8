// qgis_gpkg.hpp on a GeoPackage made here with GDAL: the layer_styles rows carry exactly what
// QGIS matches on (QGIS_FORMATS.md), and the stored project is hex of a zip whose .qgs names the
// file's own layers by a relative path. What QGIS itself makes of it is checked by the
// cli_pipeline_test, in a real QGIS.
#include <gtest/gtest.h>

#include <cpl_vsi.h>

#include <set>

#include "respgrid/exporters/qgis_gpkg.hpp"
#include "respgrid/geo/gdal.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

void add_square(OGRLayer& layer, double x, const std::vector<std::pair<const char*, const char*>>& values) {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer.GetLayerDefn()));
    for (const auto& [k, v] : values) f->SetField(k, v);
    OGRPolygon square;
    OGRLinearRing ring;
    for (auto [dx, dy] : {std::pair{0.0, 0.0}, {0.01, 0.0}, {0.01, 0.01}, {0.0, 0.01}, {0.0, 0.0}}) ring.addPoint(x + dx, 33.7 + dy);
    square.addRing(&ring);
    f->SetGeometry(&square);
    ASSERT_EQ(layer.CreateFeature(f.get()), OGRERR_NONE);
}

OGRLayer& text_layer(GDALDataset& ds, const char* name, const OGRSpatialReference* srs, std::vector<const char*> fields) {
    const char* options[] = {"GEOMETRY_NAME=geom", nullptr};
    OGRLayer* layer = ds.CreateLayer(name, const_cast<OGRSpatialReference*>(srs), wkbPolygon, const_cast<char**>(options));
    for (const char* f : fields) {
        OGRFieldDefn defn(f, OFTString);
        layer->CreateField(&defn);
    }
    return *layer;
}

class StyledGeoPackage : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("out.gpkg");
        auto ds = geo::create_vector(path, "GPKG");
        auto srs = geo::srs_from_epsg(4490);
        auto& county = text_layer(*ds, "county", srs.get(), {"name"});
        add_square(county, 114.8, {{"name", "测试县"}});
        auto& grids = text_layer(*ds, "grids", srs.get(), {"code", "township_code", "township_name", "grid_worker"});
        add_square(grids, 114.80, {{"code", "1"}, {"township_code", "411626001"}, {"township_name", "城关街道"}});
        add_square(grids, 114.81, {{"code", "2"}, {"township_code", "411626001"}, {"township_name", "城关街道"}});
        add_square(grids, 114.82, {{"code", "3"}, {"township_code", "411626101"}, {"township_name", "白楼镇"}});
        text_layer(*ds, "something_else", srs.get(), {"x"});
        // As write_project_gpkg records the program that wrote the file (src/producer.hpp).
        ds->SetMetadataItem("PRODUCER", "respgrid 9.8.7 (git 0123abcd)");
        extras = exporters::add_qgis_styles_and_project(*ds, path, "out.gpkg");
    }
    // Rows of an SQL query as text, NULL as "<null>".
    std::vector<std::vector<std::string>> query(const std::string& sql) {
        auto ds = geo::open_vector(path);
        OGRLayer* result = ds->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
        std::vector<std::vector<std::string>> rows;
        if (!result) return rows;
        for (auto& f : *result) {
            std::vector<std::string> row;
            for (int i = 0; i < f->GetFieldCount(); ++i) row.push_back(f->IsFieldNull(i) ? "<null>" : f->GetFieldAsString(i));
            rows.push_back(row);
        }
        ds->ReleaseResultSet(result);
        return rows;
    }
    TempDir dir;
    std::string path;
    exporters::QgisExtras extras;
};

TEST_F(StyledGeoPackage, OneDefaultStylePerKnownLayerWithTheColumnsQgisMatchesOn) {
    EXPECT_EQ(extras.styles, 2u);  // county and grids; something_else is not ours
    auto rows = query("SELECT f_table_name, f_table_schema, typeof(f_table_schema), f_geometry_column, "
                      "useAsDefault, typeof(useAsDefault), substr(styleQML, 1, 9) FROM layer_styles ORDER BY f_table_name");
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& r : rows) {
        EXPECT_EQ(r[1], "") << r[0] << ": f_table_schema must be the empty string, not NULL";
        EXPECT_EQ(r[2], "text") << r[0];
        EXPECT_EQ(r[3], "geom") << r[0];
        EXPECT_EQ(r[4], "1") << r[0];
        EXPECT_EQ(r[5], "integer") << r[0];
        EXPECT_EQ(r[6], "<!DOCTYPE") << r[0];
    }
    EXPECT_EQ(rows[0][0], "county");
    EXPECT_EQ(rows[1][0], "grids");
    // The grids' categories are the townships found in the layer, labelled by name.
    auto qml = query("SELECT styleQML FROM layer_styles WHERE f_table_name = 'grids'");
    ASSERT_EQ(qml.size(), 1u);
    EXPECT_NE(qml[0][0].find("value=\"411626001\" label=\"城关街道\""), std::string::npos);
    EXPECT_NE(qml[0][0].find("value=\"411626101\" label=\"白楼镇\""), std::string::npos);
    EXPECT_EQ(qml[0][0].find("411626002"), std::string::npos);
    // Registered like QGIS registers it, so ogrinfo lists it as a table.
    EXPECT_EQ(query("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'"),
              (std::vector<std::vector<std::string>>{{"attributes"}}));
}

TEST_F(StyledGeoPackage, TheProjectIsHexOfAZipWhoseLayersPointAtThisFileRelatively) {
    EXPECT_EQ(extras.project_layers, 2u);
    // content || '': GDAL would show a column declared BLOB as hex of its bytes.
    auto rows = query("SELECT name, content || '', typeof(content) FROM qgis_projects");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], exporters::kQgisProjectName);
    EXPECT_EQ(rows[0][2], "text");
    const std::string& hex = rows[0][1];
    ASSERT_EQ(hex.substr(0, 8), "504b0304") << "a zip";
    EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos) << "lowercase hex";
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    VSILFILE* mem = VSIFileFromMemBuffer("/vsimem/test_project.zip", reinterpret_cast<GByte*>(bytes.data()),
                                         bytes.size(), FALSE);
    VSIFCloseL(mem);
    VSILFILE* qgs = VSIFOpenL("/vsizip//vsimem/test_project.zip/project.qgs", "rb");
    ASSERT_NE(qgs, nullptr);
    std::string text;
    char buf[4096];
    std::size_t n;
    while ((n = VSIFReadL(buf, 1, sizeof buf, qgs)) > 0) text.append(buf, n);
    VSIFCloseL(qgs);
    VSIUnlink("/vsimem/test_project.zip");
    EXPECT_NE(text.find("<datasource>./out.gpkg|layername=grids</datasource>"), std::string::npos);
    EXPECT_NE(text.find("<datasource>./out.gpkg|layername=county</datasource>"), std::string::npos);
    EXPECT_EQ(text.find("something_else"), std::string::npos);
    EXPECT_NE(text.find("<authid>EPSG:4490</authid>"), std::string::npos);
    EXPECT_NE(text.find("测试县 网格责任图"), std::string::npos);
    // Project > Properties > Metadata names the program that wrote the file.
    EXPECT_NE(text.find("<author>respgrid 9.8.7 (git 0123abcd)</author>"), std::string::npos);
    EXPECT_NE(text.find("<abstract>Exported by respgrid 9.8.7 (git 0123abcd)</abstract>"), std::string::npos);
    // The county is above the grids it outlines.
    EXPECT_LT(text.find("layername=county"), text.find("layername=grids"));
}

}  // namespace
}  // namespace respgrid::test

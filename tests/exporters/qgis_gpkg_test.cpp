// qgis_gpkg.hpp on a GeoPackage made here with GDAL: the layer_styles rows carry exactly what
// QGIS matches on (QGIS_FORMATS.md), and the stored project is hex of a zip whose .qgs names the
// file's own layers by a relative path. What QGIS itself makes of it is checked by the
// cli_pipeline_test, in a real QGIS.
#include <gtest/gtest.h>

#include <cpl_minixml.h>
#include <cpl_vsi.h>

#include <map>
#include <memory>
#include <set>

#include "respgrid/exporters/qgis_gpkg.hpp"
#include "respgrid/geo/gdal.hpp"
#include "test_support.hpp"
#include "xml_check.hpp"

namespace respgrid::test {
namespace {

struct XmlTreeDeleter {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using XmlTree = std::unique_ptr<CPLXMLNode, XmlTreeDeleter>;

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

// Rows of an SQL query on the GeoPackage at `path`, as text, NULL as "<null>".
std::vector<std::vector<std::string>> rows_of(const std::string& path, const std::string& sql) {
    auto ds = geo::open_vector(path);
    OGRLayer* result = ds->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    std::vector<std::vector<std::string>> rows;
    if (!result) return rows;
    for (auto& f : *result) {
        std::vector<std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            row.push_back(f->IsFieldNull(i) ? "<null>" : f->GetFieldAsString(i));
        }
        rows.push_back(row);
    }
    ds->ReleaseResultSet(result);
    return rows;
}

// The .qgs text of the project stored in the GeoPackage at `path`: hex of a zip holding project.qgs.
std::string project_text(const std::string& path) {
    auto rows = rows_of(path, "SELECT content || '' FROM qgis_projects");
    if (rows.size() != 1) return "";
    const std::string& hex = rows[0][0];
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    VSIFCloseL(VSIFileFromMemBuffer("/vsimem/test_project.zip", reinterpret_cast<GByte*>(bytes.data()), bytes.size(),
                                    FALSE));
    std::string text;
    if (VSILFILE* qgs = VSIFOpenL("/vsizip//vsimem/test_project.zip/project.qgs", "rb")) {
        char buf[4096];
        std::size_t n;
        while ((n = VSIFReadL(buf, 1, sizeof buf, qgs)) > 0) text.append(buf, n);
        VSIFCloseL(qgs);
    }
    VSIUnlink("/vsimem/test_project.zip");
    return text;
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
    std::vector<std::vector<std::string>> query(const std::string& sql) { return rows_of(path, sql); }
    std::string project_qgs() { return project_text(path); }
    // The QML stored for `layer`.
    std::string style_of(const std::string& layer) {
        auto rows = query("SELECT styleQML FROM layer_styles WHERE f_table_name = '" + layer + "'");
        return rows.size() == 1 ? rows[0][0] : "";
    }
    TempDir dir;
    std::string path;
    exporters::QgisExtras extras;
};

// The field -> title pairs of the <aliases> under `element` of a parsed QML or project.
std::map<std::string, std::string> aliases_in(const CPLXMLNode* element) {
    std::map<std::string, std::string> out;
    const CPLXMLNode* list = CPLGetXMLNode(element, "aliases");
    for (const CPLXMLNode* a = list ? list->psChild : nullptr; a; a = a->psNext) {
        if (a->eType == CXT_Element) out[CPLGetXMLValue(a, "field", "")] = CPLGetXMLValue(a, "name", "");
    }
    return out;
}

// What follows the DOCTYPE line (CPL's parser stops at it).
XmlTree parsed(const std::string& xml) {
    const auto start = xml.find("<qgis");
    return XmlTree(CPLParseXMLString(start == std::string::npos ? "" : xml.substr(start).c_str()));
}

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
    const std::string text = project_qgs();
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

// A township's package (export --township) keeps the county outline but opens on its township.
TEST(QgisProjectExtent, OpensOnTheCountyOrOnTheLayerAsked) {
    for (const std::string opens_on : {"county", "townships"}) {
        TempDir dir;
        const std::string path = dir.file("pkg.gpkg");
        {
            auto ds = geo::create_vector(path, "GPKG");
            auto srs = geo::srs_from_epsg(4490);
            add_square(text_layer(*ds, "county", srs.get(), {"name"}), 114.80, {{"name", "测试县"}});
            add_square(text_layer(*ds, "townships", srs.get(), {"code", "name"}), 114.85, {{"code", "411626001"}});
            exporters::add_qgis_styles_and_project(*ds, path, "pkg.gpkg", opens_on);
        }
        auto project = parsed(project_text(path));
        ASSERT_TRUE(project);
        const double xmin = std::stod(CPLGetXMLValue(project.get(), "=qgis.mapcanvas.extent.xmin", "0"));
        EXPECT_NEAR(xmin, opens_on == "county" ? 114.80 : 114.85, 1e-9) << opens_on;
    }
}

TEST_F(StyledGeoPackage, FieldTitlesTravelAsQgisAliasesOfTheFieldsEachLayerHas) {
    // docs/cli.md: every field has its Chinese title as the field alias. GDAL 3.6 stores no
    // alias in a GeoPackage, so QGIS gets them from the style and from the project's layers.
    const std::map<std::string, std::string> grids{
        {"code", "网格编码"}, {"township_code", "乡镇/街道代码"}, {"township_name", "乡镇/街道"}, {"grid_worker", "网格员"}};
    auto qml = parsed(style_of("grids"));
    ASSERT_TRUE(qml);
    EXPECT_EQ(aliases_in(CPLGetXMLNode(qml.get(), "=qgis")), grids) << "the fields the layer has, no others";
    // QGIS reads aliases from a style only in its "Fields" category.
    EXPECT_NE(std::string(CPLGetXMLValue(qml.get(), "=qgis.styleCategories", "")).find("Fields"), std::string::npos);
    EXPECT_EQ(aliases_in(CPLGetXMLNode(parsed(style_of("county")).get(), "=qgis")),
              (std::map<std::string, std::string>{{"name", "名称"}}));
    auto project = parsed(project_qgs());
    ASSERT_TRUE(project);
    std::map<std::string, std::map<std::string, std::string>> in_project;
    for (const CPLXMLNode* l = CPLGetXMLNode(project.get(), "=qgis.projectlayers")->psChild; l; l = l->psNext) {
        if (l->eType == CXT_Element) in_project[CPLGetXMLValue(l, "id", "")] = aliases_in(l);
    }
    EXPECT_EQ(in_project["respgrid_grids"], grids);
}

// Names as a tired technician or a hostile file gives them: a vertical tab (Excel's line break
// inside a cell), a CDATA end, markup characters and quotes.
TEST(QgisGpkgText, ControlCharactersAndMarkupInNamesLeaveEveryStyleAndTheProjectWellFormed) {
    TempDir dir;
    const std::string path = dir.file("hostile.gpkg");
    {
        auto ds = geo::create_vector(path, "GPKG");
        auto srs = geo::srs_from_epsg(4490);
        auto& county = text_layer(*ds, "county", srs.get(), {"name"});
        add_square(county, 114.8, {{"name", "测试\x01县 & <县>"}});
        auto& grids = text_layer(*ds, "grids", srs.get(), {"code", "township_code", "township_name"});
        add_square(grids, 114.80, {{"code", "1"}, {"township_code", "411626001"}, {"township_name", "城关\x0B街道]]>\"'"}});
        auto& issues = text_layer(*ds, "issues", srs.get(), {"category", "category_name"});
        add_square(issues, 114.80, {{"category", "A\x0B" "1"}, {"category_name", "乱停\x0B乱放 ]]> <b>"}});
        exporters::add_qgis_styles_and_project(*ds, path, "hostile.gpkg");
    }
    auto ds = geo::open_vector(path);
    OGRLayer* styles = ds->ExecuteSQL("SELECT f_table_name, styleQML FROM layer_styles", nullptr, "SQLITE");
    ASSERT_NE(styles, nullptr);
    std::map<std::string, std::string> qml;
    for (auto& f : *styles) qml[f->GetFieldAsString(0)] = f->GetFieldAsString(1);
    ds->ReleaseResultSet(styles);
    ASSERT_EQ(qml.size(), 3u);
    for (const auto& [layer, text] : qml) EXPECT_EQ(xml_error(text), "") << layer << "\n" << text;
    const std::string project = project_text(path);
    EXPECT_EQ(xml_error(project), "") << project;
    // The text itself survives, without the control characters XML cannot hold.
    EXPECT_NE(qml["grids"].find("label=\"城关街道]]&gt;&quot;'\""), std::string::npos) << qml["grids"];
    EXPECT_NE(project.find("<title>测试县 &amp; &lt;县&gt; 网格责任图</title>"), std::string::npos) << project;
}

}  // namespace
}  // namespace respgrid::test

namespace respgrid::test {
namespace {

// The children of `parent` named `name`.
std::vector<const CPLXMLNode*> children(const CPLXMLNode* parent, const char* name) {
    std::vector<const CPLXMLNode*> out;
    for (const CPLXMLNode* c = parent ? parent->psChild : nullptr; c; c = c->psNext) {
        if (c->eType == CXT_Element && std::string(c->pszValue) == name) out.push_back(c);
    }
    return out;
}

// Two numbers of an attribute such as size="300,180,mm".
std::pair<double, double> pair_of(const CPLXMLNode* item, const char* attribute) {
    const std::string v = CPLGetXMLValue(item, attribute, "");
    const auto comma = v.find(',');
    return {std::stod(v.substr(0, comma)), std::stod(v.substr(comma + 1))};
}

// The print layouts of the stored project (src/qgis_layouts.hpp) as written: each atlas runs over a
// layer of the project, the legend, scale bar and north arrow name their map by its uuid, and the
// map's extent has the item's shape (QGIS would otherwise resize the item when it reads it). What
// QGIS makes of them, atlas pages and exported sheets, the cli_pipeline_test checks in a real QGIS.
TEST(QgisLayouts, AnAtlasPerCoverageLayerWithItsItemsLinkedToTheirMap) {
    TempDir dir;
    auto write = [&](const std::string& name, bool with_workers) {
        const std::string path = dir.file(name);
        auto ds = geo::create_vector(path, "GPKG");
        auto srs = geo::srs_from_epsg(4490);
        auto& county = text_layer(*ds, "county", srs.get(), {"name"});
        add_square(county, 114.8, {{"name", "测试县"}});
        auto& townships = text_layer(*ds, "townships", srs.get(), {"code", "name"});
        add_square(townships, 114.8, {{"code", "411626001"}, {"name", "城关街道"}});
        if (with_workers) {
            auto& areas = text_layer(*ds, "worker_areas", srs.get(), {"worker_id", "grid_worker"});
            add_square(areas, 114.8, {{"worker_id", "W1"}, {"grid_worker", "赵六"}});
        }
        exporters::add_qgis_styles_and_project(*ds, path, name);
        return project_text(path);
    };
    const std::string text = write("a.gpkg", true);
    XmlTree qgs = parsed(text);
    ASSERT_TRUE(qgs);
    std::set<std::string> layer_ids;
    for (const auto* l : children(CPLGetXMLNode(qgs.get(), "projectlayers"), "maplayer")) {
        layer_ids.insert(CPLGetXMLValue(l, "id", ""));
    }
    const auto layouts = children(CPLGetXMLNode(qgs.get(), "Layouts"), "Layout");
    ASSERT_EQ(layouts.size(), 2u);
    std::map<std::string, std::string> coverage;
    for (const auto* layout : layouts) {
        const std::string name = CPLGetXMLValue(layout, "name", "");
        const CPLXMLNode* atlas = CPLGetXMLNode(layout, "Atlas");
        ASSERT_NE(atlas, nullptr) << name;
        EXPECT_STREQ(CPLGetXMLValue(atlas, "enabled", ""), "1") << name;
        coverage[name] = CPLGetXMLValue(atlas, "coverageLayer", "");
        EXPECT_TRUE(layer_ids.count(coverage[name])) << name << " runs over a layer of the project";
        const auto pages = children(CPLGetXMLNode(layout, "PageCollection"), "LayoutItem");
        ASSERT_EQ(pages.size(), 1u) << name;
        std::map<std::string, const CPLXMLNode*> map_of;  // uuid -> map item
        std::size_t linked = 0;
        for (const auto* item : children(layout, "LayoutItem")) {
            const bool is_map = std::string(CPLGetXMLValue(item, "type", "")) == "65639";  // QgsLayoutItemMap
            if (is_map) map_of[CPLGetXMLValue(item, "uuid", "")] = item;
        }
        ASSERT_EQ(map_of.size(), 1u) << name;
        const CPLXMLNode* map = map_of.begin()->second;
        EXPECT_STREQ(CPLGetXMLValue(map, "AtlasMap.atlasDriven", ""), "1") << name;
        const auto [width, height] = pair_of(map, "size");
        const double extent_width = std::stod(CPLGetXMLValue(map, "Extent.xmax", "0")) -
                                    std::stod(CPLGetXMLValue(map, "Extent.xmin", "0"));
        const double extent_height = std::stod(CPLGetXMLValue(map, "Extent.ymax", "0")) -
                                     std::stod(CPLGetXMLValue(map, "Extent.ymin", "0"));
        EXPECT_NEAR(extent_width / extent_height, width / height, 1e-9) << name;
        for (const auto* item : children(layout, "LayoutItem")) {
            const std::string link = CPLGetXMLValue(item, "mapUuid", CPLGetXMLValue(item, "map_uuid", ""));
            if (link.empty()) continue;
            EXPECT_TRUE(map_of.count(link)) << name;
            ++linked;
            // Everything on the page.
            const auto [x, y] = pair_of(item, "position");
            const auto [w, h] = pair_of(item, "size");
            const auto [page_w, page_h] = pair_of(pages[0], "size");
            EXPECT_LE(x + w, page_w) << name;
            EXPECT_LE(y + h, page_h) << name;
        }
        EXPECT_EQ(linked, 3u) << name << ": legend, scale bar and north arrow";
    }
    EXPECT_EQ(coverage["乡镇网格责任图"], "respgrid_townships");
    EXPECT_EQ(coverage["网格员责任区图"], "respgrid_worker_areas");
    // The same project gives the same layouts; without worker areas, the wall sheet alone.
    const auto layouts_of = [](const std::string& qgs_text) {
        return qgs_text.substr(qgs_text.find("<Layouts>"), qgs_text.find("</Layouts>") - qgs_text.find("<Layouts>"));
    };
    std::string again = write("b.gpkg", true);
    std::string expected = layouts_of(text);
    for (std::size_t at = 0; (at = expected.find("./a.gpkg", at)) != std::string::npos;) {
        expected.replace(at, 8, "./b.gpkg");
    }
    EXPECT_EQ(layouts_of(again), expected);
    XmlTree without = parsed(write("c.gpkg", false));
    const auto only = children(CPLGetXMLNode(without.get(), "Layouts"), "Layout");
    ASSERT_EQ(only.size(), 1u);
    EXPECT_STREQ(CPLGetXMLValue(only[0], "name", ""), "乡镇网格责任图");
}

}  // namespace
}  // namespace respgrid::test

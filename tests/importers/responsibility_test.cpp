// Responsibility layers (areas; lines buffered into corridors), the rules file, and the columns
// the responsibility model adds to the roster (validity) and the catalogue (territory_answers):
// real GDAL drivers (GeoPackage, GeoJSON, CSV, XLSX) on files written into a TempDir.
#include <gtest/gtest.h>

#include <filesystem>

#include "ogr_fixtures.hpp"
#include "respgrid/geo/half_open.hpp"
#include "respgrid/importers/categories.hpp"
#include "respgrid/importers/responsibility.hpp"
#include "respgrid/importers/roster.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

const geo::Crs kWorking = geo::Crs::from_epsg(4547);  // CGCS2000 3-degree GK, CM 114E

TEST(ReadResponsibilityLayer, LinesFromLonLatAreBufferedInTheWorkingCrsAndBadFeaturesRejected) {
    TempDir dir;
    const std::string path = dir.file("road_sections.gpkg");
    write_layer(path, "GPKG", "sections", 4326, wkbUnknown,
                {{"owner_id"}, {"name"}, {"categories"}, {"起始日期"}, {"终止日期"}},
                {{{"D04", "S207 K12-K15", "06013；06012", "2024/01/01", ""}, "LINESTRING (114.90 33.70, 114.91 33.70)"},
                 {{"", "S207 K15-K18", "", "", ""}, "LINESTRING (114.91 33.70, 114.92 33.70)"},
                 {{"D04", "S207 K18-K20", "", "2024-13-01", ""}, "LINESTRING (114.92 33.70, 114.93 33.70)"},
                 {{"D01", "广场", "", "", ""}, "POLYGON ((114.9 33.7, 114.91 33.7, 114.91 33.71, 114.9 33.7))"},
                 {{"D01", "S207 K20-K22", "", "2024-05-01", "2024-04-30"}, "LINESTRING (114.93 33.70, 114.94 33.70)"}});
    importers::ResponsibilityLayerOptions o;
    o.path = path;
    o.kind = grids::LayerKind::Line;
    o.buffer_m = 10.0;
    o.target_crs = kWorking;
    auto r = importers::read_responsibility_layer(o);
    EXPECT_EQ(r.layer.name, "road_sections");  // the file's stem
    EXPECT_EQ(r.layer.buffer_m, 10.0);
    EXPECT_EQ(r.features_read, 5u);
    ASSERT_EQ(r.features.size(), 1u);
    const auto& f = r.features[0];
    EXPECT_EQ(f.owner_id, "D04");
    EXPECT_EQ(f.label, "S207 K12-K15");
    EXPECT_EQ(f.categories, (std::vector<std::string>{"06013", "06012"}));
    EXPECT_EQ(f.valid_from, grids::Date::from_ymd(2024, 1, 1));
    // Flat ends: the corridor is the line's length times 20 m (round ends would add π·10²).
    const double length = r.lines[0].length();
    EXPECT_GT(length, 900.0);
    const double area = geo::Geometry::from_polygons(f.area).area();
    EXPECT_NEAR(area, 20.0 * length, 0.5);
    // Its points: 5 m off the line's middle inside, 15 m off outside (working CRS).
    geo::Envelope e = r.lines[0].envelope();
    geo::XY mid = e.centre();
    EXPECT_TRUE(geo::half_open_contains(f.area, {mid.x, mid.y + 5}));
    EXPECT_FALSE(geo::half_open_contains(f.area, {mid.x, mid.y + 15}));

    ASSERT_EQ(r.rejects.size(), 4u);
    EXPECT_EQ(r.rejects[0].where.record, 2);
    EXPECT_EQ(r.rejects[0].where.field, "owner_id");
    EXPECT_NE(r.rejects[1].reason.find("valid_from '2024-13-01' is not a date: month 13 does not exist"),
              std::string::npos)
        << r.rejects[1].reason;
    EXPECT_EQ(r.rejects[1].where.field, "起始日期");
    EXPECT_EQ(r.rejects[2].where.field, "geometry");
    EXPECT_NE(r.rejects[2].reason.find("not a line"), std::string::npos);
    EXPECT_NE(r.rejects[3].reason.find("before"), std::string::npos);
}

// Issue 12 §2: a road-section Shapefile from a Chinese desktop GIS, GBK without a .cpg: owner
// field found by its Chinese name, labels and categories in UTF-8.
TEST(ReadResponsibilityLayer, GbkShapefileWithoutCpgGivesChineseFieldsAndLabels) {
    TempDir dir;
    const std::string path = dir.file("road_sections.shp");
    write_layer(path, "ESRI Shapefile", "road_sections", 4326, wkbLineString, {{"编号"}, {"路段"}, {"类别"}},
                {{{"D04", "人民路东段", "06013、06012"}, "LINESTRING (114.90 33.70, 114.91 33.70)"}}, {"ENCODING=CP936"});
    std::filesystem::remove(dir.file("road_sections.cpg"));
    ASSERT_NE(read_text(dir.file("road_sections.dbf")).find(gbk("人民路东段")), std::string::npos);
    importers::ResponsibilityLayerOptions o;
    o.path = path;
    o.kind = grids::LayerKind::Line;
    o.target_crs = kWorking;
    auto r = importers::read_responsibility_layer(o);
    EXPECT_EQ(r.encoding, geo::TextEncoding::Gb18030);
    ASSERT_EQ(r.features.size(), 1u) << (r.rejects.empty() ? "" : r.rejects.front().reason);
    EXPECT_EQ(r.features[0].owner_id, "D04");
    EXPECT_EQ(r.features[0].label, "人民路东段");
    EXPECT_EQ(r.features[0].categories, (std::vector<std::string>{"06013", "06012"}));
}

TEST(ReadResponsibilityLayer, AreasInTheWorkingCrsKeepTheirShapeAndAReservedNameIsAnError) {
    TempDir dir;
    const std::string path = dir.file("leaders.geojson");
    write_layer(path, "GeoJSON", "leaders", 4547, wkbPolygon, {{"责任单位编号"}, {"名称"}},
                {{{"L01", "王县长包联片区"}, "POLYGON ((500000 3730000, 501000 3730000, 501000 3731000, 500000 3731000, 500000 3730000))"}});
    importers::ResponsibilityLayerOptions o;
    o.path = path;
    o.name = "leader_areas";
    o.target_crs = kWorking;
    auto r = importers::read_responsibility_layer(o);
    ASSERT_EQ(r.features.size(), 1u);
    EXPECT_EQ(r.features[0].owner_id, "L01");
    EXPECT_EQ(r.features[0].label, "王县长包联片区");
    EXPECT_TRUE(r.features[0].categories.empty());
    EXPECT_NEAR(geo::Geometry::from_polygons(r.features[0].area).area(), 1e6, 1e-3);
    o.name = "territory";
    EXPECT_THROW((void)importers::read_responsibility_layer(o), InputError);
}

TEST(ParseRules, ValidRulesParseAndEachErrorNamesTheFileAndKey) {
    std::vector<std::string> layers{"road_sections", "leader_areas"};
    auto set = importers::parse_rules(R"({"comment": "county rules",
        "rules": [{"category": "06013", "layers": ["road_sections", "category"], "mode": "sole", "territory": "fallback"},
                  {"category": "*", "layers": ["leader_areas", "category"], "mode": "shared"}]})",
                                      "rules.json", layers);
    ASSERT_EQ(set.rules.size(), 2u);
    EXPECT_EQ(set.source, "rules.json");
    EXPECT_EQ(set.rules[0].territory, grids::TerritoryMode::Fallback);
    EXPECT_EQ(set.rules[1].mode, grids::Mode::Shared);
    EXPECT_EQ(set.rules[1].territory, grids::TerritoryMode::FromCategory);

    auto error_of = [&](const std::string& text) -> std::pair<std::string, std::string> {
        try {
            (void)importers::parse_rules(text, "rules.json", layers);
        } catch (const InputError& e) {
            EXPECT_EQ(e.where().file, "rules.json");
            return {e.where().field, e.what()};
        }
        ADD_FAILURE() << "no error for " << text;
        return {};
    };
    auto [k1, m1] = error_of(R"({"rules": [{"category": "*", "layers": ["category"], "modus": "sole"}]})");
    EXPECT_EQ(k1, "rules[0].modus");
    auto [k2, m2] = error_of(R"({"rules": [{"category": "*", "layers": ["category"]}, {"category": "06013", "layers": ["roads"]}]})");
    EXPECT_EQ(k2, "rules[1].layers");
    EXPECT_NE(m2.find("'roads'"), std::string::npos) << m2;
    auto [k3, m3] = error_of(R"({"rules": [{"category": "*", "layers": ["category"], "mode": "first"}]})");
    EXPECT_EQ(k3, "rules[0].mode");
    auto [k4, m4] = error_of(R"({"rule": []})");
    EXPECT_EQ(k4, "rule");
    auto [k5, m5] = error_of(R"({"rules": [{"layers": ["category"]}]})");
    EXPECT_EQ(k5, "rules[0].category");
    auto [k6, m6] = error_of(R"({"rules": [{"category": "*", "layers": ["category"], "territory": "never"}]})");
    EXPECT_EQ(k6, "rules[0].territory");
    auto [k7, m7] = error_of("{\"rules\": [");
    EXPECT_NE(m7.find("JSON"), std::string::npos);

    TempDir dir;
    write_text(dir.file("county_rules.json"), R"({"rules": [{"category": "*", "layers": ["nope"]}]})");
    try {
        (void)importers::read_rules(dir.file("county_rules.json"), layers);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().file, "county_rules.json");
        EXPECT_EQ(e.where().field, "rules[0].layers");
    }
}

TEST(ReadCategories, XlsxWithTerritoryAnswersWrittenByGdal) {
    TempDir dir;
    const std::string path = dir.file("categories.xlsx");
    write_sheet(path, "XLSX", "类别", {"代码", "名称", "责任部门", "处置时限", "属地负责"},
                {{"06013", "道路破损", "D04", "72", "是"}, {"09006", "占道经营", "D01", "4", "否"},
                 {"09001", "无照经营游商", "D01", "4", ""}, {"09009", "机动车乱停放", "D06", "4", "maybe"}});
    auto r = importers::read_categories(path);
    ASSERT_EQ(r.categories.size(), 3u);
    EXPECT_TRUE(r.categories[0].territory_answers);
    EXPECT_EQ(r.categories[0].department_id, "D04");
    EXPECT_EQ(r.categories[0].deadline_hours, 72.0);
    EXPECT_FALSE(r.categories[1].territory_answers);
    EXPECT_TRUE(r.categories[2].territory_answers);  // default
    ASSERT_EQ(r.rejects.size(), 1u);
    EXPECT_EQ(r.rejects[0].where.record, 5);
    EXPECT_EQ(r.rejects[0].where.field, "属地负责");
}

TEST(ReadRoster, ValidityColumnsAreNormalisedAndCheckedPerRow) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path,
               "编号,类型,名称,单位代码,起始日期,终止日期\n"
               "D04,部门,县交通运输局,,2023-01-01,2023-12-31\n"
               "D05,部门,县公路局,,2024/01/01,\n"
               "D06,部门,县交警大队,,2024-02-30,\n"
               "D07,部门,县城管局,,2024-05-01,2024-04-01\n"
               "D08,部门,县水利局,,2026/9/1,2026年12月31日\n"
               "D09,部门,县林业局,,2026/09/01 00:00:00,46387\n"       // Excel's text and serial forms
               "D10,部门,县环保局,,2026-08-31T20:00:00Z,\n"          // 09-01 04:00 in Beijing
               "D11,部门,县文旅局,,2026-13-01,\n");
    auto r = importers::read_roster(path);
    ASSERT_EQ(r.owners.size(), 5u);
    auto day = [](int y, int m, int d) { return grids::Date::from_ymd(y, m, d); };
    EXPECT_EQ(r.owners[0].valid_from, day(2023, 1, 1));
    EXPECT_EQ(r.owners[0].valid_to, day(2023, 12, 31));
    EXPECT_EQ(r.owners[1].valid_from, day(2024, 1, 1));
    EXPECT_FALSE(r.owners[1].valid_to);
    EXPECT_EQ(r.owners[2].valid_from, day(2026, 9, 1));
    EXPECT_EQ(r.owners[2].valid_to, day(2026, 12, 31));
    EXPECT_EQ(r.owners[3].valid_from, day(2026, 9, 1));
    EXPECT_EQ(r.owners[3].valid_to, day(2026, 12, 31));
    EXPECT_EQ(r.owners[4].valid_from, day(2026, 9, 1));
    ASSERT_EQ(r.rejects.size(), 3u);
    EXPECT_EQ(r.rejects[0].where.record, 4);
    EXPECT_EQ(r.rejects[0].where.field, "起始日期");
    EXPECT_NE(r.rejects[0].reason.find("February 2024 has 29 days"), std::string::npos) << r.rejects[0].reason;
    EXPECT_EQ(r.rejects[1].where.field, "终止日期");
    EXPECT_NE(r.rejects[1].reason.find("valid_to 2024-04-01 is before valid_from 2024-05-01"), std::string::npos);
    EXPECT_EQ(r.rejects[2].where.record, 9);
    EXPECT_NE(r.rejects[2].reason.find("month 13 does not exist (owner D11)"), std::string::npos)
        << r.rejects[2].reason;
}

// A roster kept in Excel: the validity columns are real date cells (GDAL writes them as Excel
// does, a serial number with a date format), read back as GDAL gives them ("2026/09/01").
TEST(ReadRoster, ExcelDateCellsAreDays) {
    TempDir dir;
    const std::string path = dir.file("roster.xlsx");
    write_layer(path, "XLSX", "花名册", 0, wkbNone,
                {{"编号"}, {"类型"}, {"名称"}, {"单位代码"}, {"起始日期", OFTDate}, {"终止日期", OFTDateTime}},
                {{{"GW_OLD", "网格员", "老网格员", "411626001001", "2015/01/01", "2026/08/31 00:00:00"}, {}},
                 {{"GW_NEW", "网格员", "新网格员", "411626001001", "2026/09/01", ""}, {}}});
    {
        // The cells really are dates: GDAL, left to guess the types, says so.
        auto ds = geo::open_vector(path);
        OGRFeatureDefn* defn = ds->GetLayer(0)->GetLayerDefn();
        EXPECT_EQ(defn->GetFieldDefn(defn->GetFieldIndex("起始日期"))->GetType(), OFTDate);
        EXPECT_EQ(defn->GetFieldDefn(defn->GetFieldIndex("终止日期"))->GetType(), OFTDateTime);
    }
    auto r = importers::read_roster(path);
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    ASSERT_EQ(r.owners.size(), 2u);
    EXPECT_EQ(r.owners[0].valid_from, grids::Date::from_ymd(2015, 1, 1));
    EXPECT_EQ(r.owners[0].valid_to, grids::Date::from_ymd(2026, 8, 31));
    EXPECT_EQ(r.owners[1].valid_from, grids::Date::from_ymd(2026, 9, 1));
    EXPECT_FALSE(r.owners[1].valid_to);
}

}  // namespace
}  // namespace respgrid::test

// The responsibility model in a real SpatiaLite project file: layers and features (with their
// buffered areas, lines and validity), the rules file, owner validity, territory_answers, and
// the grid generation valid at a time.
#include <gtest/gtest.h>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using store::Project;

class ResponsibilityStore : public ::testing::Test {
protected:
    TempDir dir;
    std::string path = dir.file("p.rgproj");
};

grids::GridCell cell(const std::string& code, double x0) {
    grids::GridCell c;
    c.code = code;
    c.name = code;
    c.village_code = code.substr(0, 12);
    c.township_code = code.substr(0, 9);
    c.set_shape(geo::Geometry::rectangle(x0, 4100000, x0 + 100, 4100100));
    c.area_m2 = 10000;
    return c;
}

TEST_F(ResponsibilityStore, LayersRoundTripAndAReimportReplacesTheLayer) {
    auto corridor = geo::Geometry::from_wkt("LINESTRING (500000 4100000, 501000 4100000)");
    grids::ResponsibilityFeature k12{"road_sections",
                                     "D04",
                                     "S207 K12-K15",
                                     {"06013", "06012"},
                                     grids::Date::from_iso("2024-01-01"),
                                     {},
                                     corridor.buffer_flat_ends(10).polygons()};
    grids::ResponsibilityFeature area{"leader_areas", "L01", "片区", {}, {}, grids::Date::from_iso("2025-12-31"),
                                      geo::Geometry::rectangle(500000, 4100000, 501000, 4101000).polygons()};
    {
        Project p = Project::create(path, "410102", "中原区", 4547);
        std::vector<geo::Geometry> lines;
        lines.push_back(corridor.clone());
        EXPECT_EQ(p.replace_responsibility_layer({"road_sections", grids::LayerKind::Line, "roads.gpkg", 10.0},
                                                 std::vector{k12, k12}, lines),
                  2u);
        p.replace_responsibility_layer({"leader_areas", grids::LayerKind::Area, "leaders.shp", 0.0}, std::vector{area});
        // Re-importing road_sections replaces its two features with one, and keeps its position.
        p.replace_responsibility_layer({"road_sections", grids::LayerKind::Line, "roads2.gpkg", 10.0}, std::vector{k12},
                                       lines);
    }
    Project p = Project::open(path);
    auto layers = p.load_responsibility_layers();
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_EQ(layers[0].name, "road_sections");
    EXPECT_EQ(layers[0].source, "roads2.gpkg");
    EXPECT_EQ(layers[0].kind, grids::LayerKind::Line);
    EXPECT_EQ(layers[0].buffer_m, 10.0);
    EXPECT_EQ(layers[1].kind, grids::LayerKind::Area);
    auto features = p.load_responsibility_features();
    ASSERT_EQ(features.size(), 2u);
    EXPECT_EQ(features[0].label, "S207 K12-K15");
    EXPECT_EQ(features[0].categories, k12.categories);
    EXPECT_EQ(features[0].valid_from, grids::Date::from_ymd(2024, 1, 1));
    EXPECT_FALSE(features[0].valid_to);
    EXPECT_NEAR(geo::Geometry::from_polygons(features[0].area).area(), 20000.0, 1e-6);
    EXPECT_TRUE(features[1].categories.empty());
    EXPECT_EQ(features[1].valid_to, grids::Date::from_ymd(2025, 12, 31));
    // The original line is kept beside the corridor, and both are spatially indexed.
    EXPECT_EQ(p.connection().query_integer("SELECT count(*) FROM responsibility_features WHERE line IS NOT NULL"), 1);
    EXPECT_EQ(p.connection().query_integer("SELECT count(*) FROM geometry_columns WHERE f_table_name = "
                                           "'responsibility_features' AND spatial_index_enabled = 1"),
              2);
}

TEST_F(ResponsibilityStore, RulesOwnerValidityAndTerritoryAnswersRoundTrip) {
    {
        Project p = Project::create(path, "410102", "中原区", 4547);
        EXPECT_FALSE(p.load_rules());
        p.store_rules("a.json", R"({"rules": []})");
        p.store_rules("rules.json", R"({"rules": [{"category": "*", "layers": ["category"]}]})");
        grids::Owner o;
        o.id = "D04";
        o.kind = grids::OwnerKind::Department;
        o.name = "县交通运输局";
        o.valid_from = grids::Date::from_ymd(2023, 1, 1);
        o.valid_to = grids::Date::from_ymd(2023, 12, 31);
        p.upsert_owners(std::vector{o});
        grids::IssueCategory c{"09006", "占道经营", "", "", "D01", 4.0};
        c.territory_answers = false;
        p.upsert_categories(std::vector{c});
    }
    Project p = Project::open(path);
    auto rules = p.load_rules();
    ASSERT_TRUE(rules);
    EXPECT_EQ(rules->source, "rules.json");
    EXPECT_NE(rules->json.find("category"), std::string::npos);
    auto owners = p.load_owners();
    ASSERT_EQ(owners.size(), 1u);
    EXPECT_EQ(owners[0].valid_from, grids::Date::from_ymd(2023, 1, 1));
    EXPECT_EQ(owners[0].valid_to, grids::Date::from_ymd(2023, 12, 31));
    // The stored form is unchanged: YYYY-MM-DD text, as projects made before hold it.
    EXPECT_EQ(p.connection().query_text("SELECT valid_from || ' ' || valid_to FROM owners"), "2023-01-01 2023-12-31");
    auto categories = p.load_categories();
    ASSERT_EQ(categories.size(), 1u);
    EXPECT_FALSE(categories[0].territory_answers);
}

TEST_F(ResponsibilityStore, GenerationAtPicksTheLatestCreatedAtOrBeforeTheTime) {
    Project p = Project::create(path, "410102", "中原区", 4547);
    auto utc = [](const char* text) { return grids::parse_time(text).value->instant(grids::kUtc); };
    EXPECT_FALSE(p.generation_at(utc("2030-01-01T00:00:00")));
    for (int i = 0; i < 3; ++i) {
        std::vector<grids::GridCell> cells;
        cells.push_back(cell("410102001001001", 500000));
        p.add_generation("square", "{}", cells);
    }
    p.connection().exec("UPDATE grid_generations SET created_at = CASE id WHEN 1 THEN '2023-01-10T08:00:00.000Z' "
                        "WHEN 2 THEN '2024-03-01T00:00:00.000Z' ELSE '2024-03-01T09:30:00.500Z' END");
    EXPECT_FALSE(p.generation_at(utc("2023-01-10T07:59:59")));
    EXPECT_EQ(p.generation_at(utc("2023-01-10T08:00:00"))->id, 1);
    EXPECT_EQ(p.generation_at(utc("2024-02-29T23:59:59"))->id, 1);
    EXPECT_EQ(p.generation_at(utc("2024-03-01T09:00:00"))->id, 2);
    EXPECT_EQ(p.generation_at(utc("2024-03-01T09:30:00"))->id, 3);  // created within that second
    EXPECT_EQ(p.generation_at(utc("2026-01-01T00:00:00"))->id, 3);
    // The same instant in Beijing time: 08:00 UTC is 16:00 there.
    EXPECT_EQ(p.generation_at(grids::parse_time("2023-01-10T16:00:00").value->instant(grids::kChinaTime))->id, 1);
    EXPECT_FALSE(p.generation_at(grids::parse_time("2023-01-10T15:59:59").value->instant(grids::kChinaTime)));
    // find_grid: one grid of a generation, with its shape.
    auto g = p.find_grid(2, "410102001001001");
    ASSERT_TRUE(g);
    EXPECT_NEAR(g->cell.shape().area(), 10000.0, 1e-9);
    EXPECT_FALSE(p.find_grid(2, "410102001001002"));
}

}  // namespace
}  // namespace respgrid::test

// The ops imports: what they store, what they reject (told to the listener before anything is
// stored), and what they refuse.

#include <gtest/gtest.h>

#include "one_village.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/import_boundaries.hpp"
#include "respgrid/ops/import_layers.hpp"
#include "respgrid/ops/import_roster.hpp"
#include "respgrid/ops/import_tables.hpp"
#include "respgrid/ops/init.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {
namespace {

using namespace test_one_village;

TEST(ImportBoundaries, TheFirstImportFixesTheWorkingCrsAndUnitsWithoutParentsAreRejected) {
    test::TempDir dir;
    const std::string project = dir.file("p.rgproj");
    // No working CRS yet: the first boundary import chooses it.
    init_project({project, "411626", "淮阳县", std::nullopt, grids::kChinaTime});
    test::write_text(dir.file("c.geojson"), test::square_geojson("411626", "淮阳县"));
    RecordingListener county_listener;
    BoundariesImportOptions county{project, dir.file("c.geojson"), {}, grids::AdminLevel::County, "code", "name", {},
                                   geo::Crs::from_epsg(4547)};
    const auto c = import_boundaries(county, county_listener);
    ASSERT_EQ(county_listener.fixed_epsg.size(), 1u);
    EXPECT_EQ(store::Project::open(project).info().working_epsg, county_listener.fixed_epsg.front());
    EXPECT_EQ(c.file.imported, 1u);
    EXPECT_EQ(c.file.stored.inserted, 1u);
    EXPECT_NEAR(c.total_area_m2, kSideM * kSideM, 1e-3);

    // A village whose township is not in the project: rejected, told before storing, and with
    // nothing left an input error.
    test::write_text(dir.file("v.geojson"), test::square_geojson("411626001001", "村"));
    RecordingListener village_listener;
    BoundariesImportOptions village{project, dir.file("v.geojson"), {}, grids::AdminLevel::Village, "code", "name",
                                    {}, geo::Crs::from_epsg(4547)};
    EXPECT_THROW(import_boundaries(village, village_listener), InputError);
    EXPECT_EQ(village_listener.rejects, 1u);
    EXPECT_TRUE(village_listener.fixed_epsg.empty());
    EXPECT_TRUE(store::Project::open(project).load_units(grids::AdminLevel::Village).empty());
}

TEST(ImportRoster, StoresTheOwnersByKindAndAFailingPartLeavesNothing) {
    test::TempDir dir;
    const auto project = make_project(dir);
    RosterImportOptions o;
    o.project = project;
    o.file = write_roster(dir);
    test::write_text(dir.file("bad_rules.json"), "{\"rules\": [{\"category\": \"*\", \"layers\": [\"nowhere\"]}]}");
    o.rules_file = dir.file("bad_rules.json");
    RecordingListener listener;
    EXPECT_THROW(import_roster(o, listener), InputError);
    EXPECT_TRUE(store::Project::open(project).load_owners().empty());

    o.rules_file.reset();
    const auto r = import_roster(o, listener);
    EXPECT_EQ(r.roster.imported, 4u);
    EXPECT_EQ(r.roster.stored.inserted, 4u);
    EXPECT_EQ(r.owners_by_kind.at(grids::OwnerKind::GridWorker), 1u);
    EXPECT_EQ(r.owners_by_kind.at(grids::OwnerKind::Leader), 1u);
    EXPECT_FALSE(r.categories);
    EXPECT_EQ(store::Project::open(project).load_owners().size(), r.roster.imported);
    // Again: the same owners, updated by id.
    const auto again = import_roster(o, listener);
    EXPECT_EQ(again.roster.stored.updated, 4u);
    EXPECT_EQ(again.roster.stored.inserted, 0u);
}

TEST(ImportCategories, ADepartmentNotInTheRosterIsAWarningNotAReject) {
    test::TempDir dir;
    const auto project = make_project(dir);
    const auto file = dir.file("categories.csv");
    test::write_text(file, "code,name,department\n06001,私搭乱建,D99\n06002,占道经营,\n,没有代码,\n");
    RecordingListener listener;
    const auto r = import_categories({project, file, {}}, listener);
    EXPECT_EQ(r.imported, 2u);
    EXPECT_EQ(r.rejected, 1u);
    EXPECT_EQ(listener.rejects, r.rejected);
    ASSERT_EQ(listener.warnings.size(), 1u);
    EXPECT_NE(listener.warnings[0].find("1 category names a department"), std::string::npos);
    EXPECT_EQ(store::Project::open(project).load_categories().size(), 2u);
}

TEST(ImportIssues, CategoriesResolveToTheCatalogueAndTheUnknownAreListed) {
    test::TempDir dir;
    const auto project = make_project(dir);
    RecordingListener listener;
    test::write_text(dir.file("categories.csv"), "code,name,aliases\n06001,私搭乱建,违建\n");
    import_categories({project, dir.file("categories.csv"), {}}, listener);
    // Inside the village square (EPSG:4547), by alias, by an unknown name, and far away.
    test::write_text(dir.file("issues.csv"), "id,reported_at,x,y,category\n"
                                             "A,2026-09-01 08:00,500500,3730500,违建\n"
                                             "B,2026-09-01 09:00,500600,3730600,井盖缺失\n"
                                             "C,2026-09-01 10:00,900000,1000,违建\n");
    const auto r = import_issues({project, dir.file("issues.csv"), {}, geo::Crs::from_epsg(4547)}, listener);
    EXPECT_EQ(r.file.imported, 2u);
    EXPECT_EQ(r.file.rejected, 1u);
    EXPECT_FALSE(r.catalogue_empty);
    EXPECT_EQ(r.unrecognised_categories.rows(), 1u);
    EXPECT_NE(r.unrecognised_categories.summary().find("井盖缺失 (1)"), std::string::npos)
        << r.unrecognised_categories.summary();
}

TEST(ImportLayers, LinesWeightsAndDedicatedAreasReplaceTheirFilesEarlierImports) {
    test::TempDir dir;
    const auto project = make_project(dir);
    RecordingListener listener;
    const auto roads = dir.file("roads.geojson");
    test::write_text(roads, R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kind":"main_road","name":"A"},"geometry":{"type":"LineString","coordinates":[[500000,3730500],[501000,3730500]]}},
{"type":"Feature","properties":{"kind":"river","name":"B"},"geometry":{"type":"LineString","coordinates":[[500500,3730000],[500500,3731000]]}}]})");
    LinesImportOptions lines{{project, roads, {}, geo::Crs::from_epsg(4547)}, std::nullopt, "kind", "name"};
    const auto l = import_lines(lines, listener);
    EXPECT_EQ(l.file.imported, 2u);
    EXPECT_EQ(l.by_kind.at(grids::LineKind::River), 1u);
    import_lines(lines, listener);
    const auto stored = store::Project::open(project).load_lines();
    ASSERT_EQ(stored.size(), 2u);  // replaced, not added
    EXPECT_EQ(stored[0].name, "A");  // the names come back for the sheets to print
    EXPECT_EQ(stored[1].name, "B");

    const auto points = dir.file("households.geojson");
    test::write_text(points, R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"households":12},"geometry":{"type":"Point","coordinates":[500100,3730100]}},
{"type":"Feature","properties":{"households":30},"geometry":{"type":"Point","coordinates":[500900,3730900]}}]})");
    const auto w = import_weights({{project, points, {}, geo::Crs::from_epsg(4547)}, "households"}, listener);
    EXPECT_EQ(w.file.imported, 2u);
    EXPECT_DOUBLE_EQ(w.total_weight, 42.0);

    const auto school = dir.file("school.geojson");
    test::write_text(school, R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"一中","type":"school"},"geometry":{"type":"Polygon","coordinates":[[[500100,3730100],[500300,3730100],[500300,3730300],[500100,3730300],[500100,3730100]]]}}]})");
    const auto d = import_dedicated({{project, school, {}, geo::Crs::from_epsg(4547)}, "name", "type"}, listener);
    EXPECT_EQ(d.imported, 1u);
    ASSERT_EQ(store::Project::open(project).load_dedicated().size(), 1u);
    EXPECT_EQ(store::Project::open(project).load_dedicated()[0].name, "一中");
}

}  // namespace
}  // namespace respgrid::ops

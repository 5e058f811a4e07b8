// Forward migration: a project written by an older respgrid opens in this one, gains the newer
// schema, and keeps its data.
#include <gtest/gtest.h>

#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

// Undoes migration 10: the revision counter and the triggers that keep it.
void undo_revisions(store::Connection& db) {
    std::vector<std::string> triggers;
    {
        store::Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'revision\\_%' ESCAPE '\\'");
        while (st.step()) triggers.push_back(st.text(0));
    }
    for (const auto& t : triggers) db.exec("DROP TRIGGER " + t);
    db.exec("DROP TABLE revisions");
}

// Turns a current project back into schema version 1, as the first respgrid wrote it: undoes
// migration 10 (revisions), 9 (the ledger's tables, categories' deadline rule), 8 (audit runs' generation column), 7 (category aliases, issues' category text), 6 (stored audit defects), 5 (responsibility layers, rules, owner validity, territory_answers), 4 (as-shipped geometry, repair runs), 3 (grid inputs, grid kind/label/weight) and 2
// (grid dates).
void downgrade_to_version_1(const std::string& path) {
    store::Connection db(path, store::Connection::Mode::OpenExisting);
    undo_revisions(db);
    db.exec("DROP TABLE case_events; DROP TABLE case_reports; DROP TABLE case_photos; "
            "DROP TABLE cases; DROP TABLE owner_set_members; DROP TABLE owner_sets; DROP TABLE ledger_settings; ALTER TABLE issue_categories DROP COLUMN deadline_rule");
    db.exec("ALTER TABLE audit_runs DROP COLUMN generation_id");
    db.exec("ALTER TABLE issue_categories DROP COLUMN aliases; ALTER TABLE issues DROP COLUMN category_text");
    db.exec("DROP TABLE audit_defects");
    db.exec("SELECT DropGeoTable('responsibility_features')");
    db.exec("DROP TABLE responsibility_layers; DROP TABLE responsibility_rules; "
            "ALTER TABLE owners DROP COLUMN valid_from; ALTER TABLE owners DROP COLUMN valid_to; "
            "ALTER TABLE issue_categories DROP COLUMN territory_answers");
    db.exec("DROP TABLE repair_runs; ALTER TABLE admin_units DROP COLUMN as_shipped");
    for (const char* table : {"line_features", "weight_points", "dedicated_areas"}) {
        db.exec(std::string("SELECT DropGeoTable('") + table + "')");
    }
    db.exec("ALTER TABLE grids DROP COLUMN kind; ALTER TABLE grids DROP COLUMN label; "
            "ALTER TABLE grids DROP COLUMN weight");
    db.exec("ALTER TABLE grids DROP COLUMN initial_date; ALTER TABLE grids DROP COLUMN termination_date; "
            "ALTER TABLE grids DROP COLUMN remark; DELETE FROM schema_version WHERE version > 1");
    ASSERT_FALSE(db.table_exists("line_features"));
    ASSERT_FALSE(db.table_exists("repair_runs"));
}

TEST(StoreMigration, VersionOneProjectIsMigratedForwardAndKeepsItsGrids) {
    ASSERT_GE(store::supported_schema_version(), 2);
    TempDir dir;
    std::string path = dir.file("old.rgproj");
    {
        auto project = store::Project::create(path, "411626", "淮阳县", 4547);
        grids::GridCell cell;
        cell.code = "411626001001001";
        cell.name = "东关社区第1网格";
        cell.village_code = "411626001001";
        cell.township_code = "411626001";
        cell.set_shape(geo::Geometry::rectangle(500000, 3700000, 500100, 3700100));
        cell.area_m2 = 10000;
        project.add_generation("square", "{}", std::span<const grids::GridCell>(&cell, 1));
    }
    downgrade_to_version_1(path);
    {
        store::Connection db(path, store::Connection::Mode::OpenExisting);
        ASSERT_EQ(db.query_integer("SELECT max(version) FROM schema_version"), 1);
    }

    auto project = store::Project::open(path);
    EXPECT_EQ(project.info().schema_version, store::supported_schema_version());
    auto grids = project.load_grids(project.current_generation()->id);
    ASSERT_EQ(grids.size(), 1u);
    EXPECT_EQ(grids[0].cell.code, "411626001001001");
    EXPECT_DOUBLE_EQ(grids[0].cell.shape().area(), 10000.0);
    // Migration 2 dates existing grids from their generation.
    auto& db = project.connection();
    auto initial = db.query_text("SELECT initial_date FROM grids");
    auto created = db.query_text("SELECT substr(created_at, 1, 10) FROM grid_generations");
    ASSERT_TRUE(initial && created);
    EXPECT_EQ(*initial, *created);
    EXPECT_EQ(db.query_integer("SELECT count(*) FROM schema_version"), store::supported_schema_version());
    // Migration 3's tables are back, with their indexed geometry columns.
    EXPECT_TRUE(db.table_exists("line_features"));
    EXPECT_TRUE(db.table_exists("repair_runs"));
    EXPECT_EQ(db.query_integer("SELECT spatial_index_enabled FROM geometry_columns WHERE f_table_name = 'line_features'"), 1);
}

// Migration 8 moves the grid generation an audit saw out of its summary JSON into a column: the
// runs recorded before it keep their generation (or none, when they saw no grids).
TEST(StoreMigration, AuditRunsRecordedBeforeVersionEightKeepTheirGeneration) {
    TempDir dir;
    std::string path = dir.file("old.rgproj");
    {
        auto project = store::Project::create(path, "411626", "淮阳县", 4547);
        project.record_audit({"all", "{}", false, 7, R"({"passed":false,"generation":7})"});
        project.record_audit({"villages", "{}", true, std::nullopt, R"({"passed":true,"generation":null})"});
    }
    {
        store::Connection db(path, store::Connection::Mode::OpenExisting);
        undo_revisions(db);
        db.exec("DROP TABLE case_events; DROP TABLE case_reports; DROP TABLE case_photos; "
                "DROP TABLE cases; DROP TABLE owner_set_members; DROP TABLE owner_sets; DROP TABLE ledger_settings; ALTER TABLE issue_categories DROP COLUMN deadline_rule");
        db.exec("ALTER TABLE audit_runs DROP COLUMN generation_id; DELETE FROM schema_version WHERE version >= 8");
    }
    auto project = store::Project::open(path);
    EXPECT_EQ(project.info().schema_version, store::supported_schema_version());
    auto runs = project.audit_runs();
    ASSERT_EQ(runs.size(), 2U);
    EXPECT_EQ(runs[0].generation, 7);
    EXPECT_EQ(runs[1].generation, std::nullopt);
    EXPECT_EQ(runs[0].summary, R"({"passed":false,"generation":7})") << "the summary stays as it was";
}

TEST(StoreMigration, NewProjectsRecordEveryMigrationInOrder) {
    TempDir dir;
    auto project = store::Project::create(dir.file("new.rgproj"), "411626", "淮阳县");
    store::Statement st(project.connection(), "SELECT version, description FROM schema_version ORDER BY version");
    int expected = 1;
    while (st.step()) {
        EXPECT_EQ(st.integer(0), expected++);
        EXPECT_FALSE(st.text(1).empty());
    }
    EXPECT_EQ(expected - 1, store::supported_schema_version());
}

}  // namespace
}  // namespace respgrid::test

// The SpatiaLite project store (store/project.hpp), on real files in a temporary folder.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/grids/owners.hpp"
#include "respgrid/grids/square_grid.hpp"
#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::store {
namespace {

using geo::Geometry;
using grids::AdminLevel;
using grids::AdminUnit;

constexpr int kSqliteConstraint = 19;  // SQLITE_CONSTRAINT, the primary code of every CHECK failure

class ProjectTest : public ::testing::Test {
protected:
    test::TempDir dir;
    std::string path = dir.file("county.respgrid");

    Project create_fixed(int epsg = 4547) { return Project::create(path, "410102", "中原区", epsg); }
};

AdminUnit unit(AdminLevel level, const std::string& code, const std::string& name, const std::string& wkt_text) {
    return {level, code, name, grids::parent_code_of(code), test::wkt(wkt_text), {}};
}

// A county of 2 km x 1 km in EPSG:4547 coordinates, one township, one village.
std::vector<AdminUnit> county_units() {
    std::vector<AdminUnit> out;
    out.push_back(unit(AdminLevel::County, "410102", "中原区",
                       "MULTIPOLYGON (((500000 4100000, 502000 4100000, 502000 4101000, 500000 4101000, 500000 4100000)))"));
    out.push_back(unit(AdminLevel::Township, "410102001", "林山寨街道",
                       "MULTIPOLYGON (((500000 4100000, 501000 4100000, 501000 4101000, 500000 4101000, 500000 4100000)))"));
    out.push_back(unit(AdminLevel::Village, "410102001001", "建设路社区",
                       "POLYGON ((500000 4100000, 500250 4100000, 500250 4100150, 500000 4100150, 500000 4100000), "
                       "(500010 4100010, 500010 4100020, 500020 4100020, 500010 4100010))"));
    return out;
}

grids::Owner owner(const std::string& id, grids::OwnerKind kind, const std::string& unit_code, bool active = true,
                   std::vector<std::string> packages = {}) {
    grids::Owner o;
    o.id = id;
    o.kind = kind;
    o.name = "name of " + id;
    o.unit_code = unit_code;
    o.contact = "联系人 " + id;
    o.title = "title " + id;
    o.phone = "1380000" + id;
    o.packages = std::move(packages);
    o.active = active;
    return o;
}

grids::IssueReport issue(const std::string& id, double x, double y, const std::string& description = "占道经营") {
    grids::IssueReport i;
    i.id = id;
    i.reported_at = "2026-11-01T08:30:00+08:00";
    i.lon = 113.6253;
    i.lat = 34.7466;
    i.crs = "gcj02";
    i.category_code = "09006";
    i.category_text = "占道经营";
    i.description = description;
    i.position = {x, y};
    i.source_file = "issues.csv";
    i.source_line = 7;
    return i;
}

std::vector<grids::GridCell> cells_of_village(double size) {
    std::vector<AdminUnit> v;
    v.push_back(unit(AdminLevel::Village, "410102001001", "建设路社区",
                     "POLYGON ((500000 4100000, 500250 4100000, 500250 4100150, 500000 4100150, 500000 4100000))"));
    return grids::cut_square_grid(v, grids::SquareGridOptions{size, grids::GridCodeScheme::Digits15});
}

long long count(Project& p, const std::string& sql) { return p.connection().query_integer(sql).value_or(-1); }

// --- create and open ------------------------------------------------------------------------------

TEST_F(ProjectTest, CreateThenOpenKeepsTheMeta) {
    {
        Project p = Project::create(path, "410102", "中原区");
        EXPECT_EQ(p.info().county_code, "410102");
        EXPECT_EQ(p.info().county_name, "中原区");
        EXPECT_FALSE(p.info().working_epsg);
        EXPECT_EQ(p.info().schema_version, supported_schema_version());
    }
    Project p = Project::open(path);
    EXPECT_EQ(p.info().path, path);
    EXPECT_EQ(p.info().county_code, "410102");
    EXPECT_EQ(p.info().county_name, "中原区");
    EXPECT_FALSE(p.info().working_epsg);
    EXPECT_EQ(p.info().schema_version, supported_schema_version());
}

TEST_F(ProjectTest, TheTimeZoneIsStoredAndAProjectWithoutOneIsBeijingTime) {
    {
        Project p = Project::create(path, "410102", "中原区", std::nullopt, grids::UtcOffset::from_minutes(-300));
        EXPECT_EQ(p.info().time_zone.minutes(), -300);
    }
    {
        Project p = Project::open(path);
        EXPECT_EQ(p.info().time_zone.minutes(), -300);
        EXPECT_EQ(p.connection().query_text("SELECT value FROM project_meta WHERE key = 'time_zone'"), "-05:00");
        // As a project made before the zone was stored.
        p.connection().exec("DELETE FROM project_meta WHERE key = 'time_zone'");
    }
    {
        Project p = Project::open(path);
        EXPECT_EQ(p.info().time_zone, grids::kChinaTime);
        p.connection().exec("INSERT INTO project_meta (key, value) VALUES ('time_zone', 'Mars/Olympus')");
    }
    try {
        (void)Project::open(path);
        FAIL() << "a damaged time_zone must be a store error";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("time_zone"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("Mars/Olympus"), std::string::npos) << e.what();
    }
}

TEST_F(ProjectTest, CreateWithWorkingCrsFixesItAtOnce) {
    { create_fixed(4547); }
    Project p = Project::open(path);
    ASSERT_TRUE(p.info().working_epsg);
    EXPECT_EQ(*p.info().working_epsg, 4547);
    EXPECT_EQ(p.working_crs(), geo::Crs::from_epsg(4547));
}

TEST_F(ProjectTest, CreateRefusesAnExistingPathAndLeavesItAlone) {
    test::write_text(path, "my thesis, not a project");
    EXPECT_THROW((void)Project::create(path, "410102", "中原区"), StoreError);
    EXPECT_EQ(test::read_text(path), "my thesis, not a project");
}

TEST_F(ProjectTest, FailedCreateLeavesNoFileBehind) {
    EXPECT_THROW((void)Project::create(path, "410102", "中原区", 999999), StoreError);
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(ProjectTest, OpenOfMissingFileThrowsAndCreatesNothing) {
    try {
        (void)Project::open(path);
        FAIL() << "no exception";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.database(), path);
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(ProjectTest, OpenOfPlainTextFileThrowsAndLeavesItUnchanged) {
    const std::string content = "code,name\n410102,中原区\n";
    test::write_text(path, content);
    EXPECT_THROW((void)Project::open(path), StoreError);
    EXPECT_EQ(test::read_text(path), content);
}

TEST_F(ProjectTest, OpenOfEmptyFileThrowsAndLeavesItEmpty) {
    test::write_text(path, "");
    EXPECT_THROW((void)Project::open(path), StoreError);
    EXPECT_EQ(std::filesystem::file_size(path), 0U);
}

TEST_F(ProjectTest, OpenOfForeignSqliteFileThrowsAndLeavesItUnchanged) {
    {
        Connection db(path, Connection::Mode::Create);
        db.exec("CREATE TABLE parcels (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO parcels (name) VALUES ('a')");
    }
    const std::string before = test::read_text(path);
    ASSERT_FALSE(before.empty());
    EXPECT_THROW((void)Project::open(path), StoreError);
    EXPECT_EQ(test::read_text(path), before);
}

TEST_F(ProjectTest, OpenOfSqliteFileWithForeignProjectMetaThrows) {
    {
        Connection db(path, Connection::Mode::Create);
        db.exec("CREATE TABLE project_meta (key TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT, description TEXT);"
                "INSERT INTO project_meta VALUES ('application', 'someone-else')");
    }
    const std::string before = test::read_text(path);
    EXPECT_THROW((void)Project::open(path), StoreError);
    EXPECT_EQ(test::read_text(path), before);
}

TEST_F(ProjectTest, OpenOfNewerSchemaThrowsAndLeavesTheFileUnchanged) {
    {
        Project p = Project::create(path, "410102", "中原区");
        Statement st(p.connection(), "INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)");
        st.bind(supported_schema_version() + 1).bind("2030-01-01T00:00:00Z").bind("from the future").run();
    }
    const std::string before = test::read_text(path);
    EXPECT_THROW((void)Project::open(path), StoreError);
    EXPECT_EQ(test::read_text(path), before);
}

// --- working CRS ------------------------------------------------------------------------------

TEST_F(ProjectTest, WorkingCrsIsNeededBeforeGeometryIsStoredOrLoaded) {
    Project p = Project::create(path, "410102", "中原区");
    EXPECT_THROW((void)p.working_crs(), StoreError);
    auto units = county_units();
    EXPECT_THROW((void)p.upsert_units(units, "test"), StoreError);
    EXPECT_THROW((void)p.load_units(AdminLevel::County), StoreError);
    std::vector<grids::IssueReport> issues{issue("I1", 500100, 4100100)};
    EXPECT_THROW((void)p.upsert_issues(issues), StoreError);
    auto cells = cells_of_village(100);
    EXPECT_THROW((void)p.add_generation("square", "{}", cells), StoreError);
}

TEST_F(ProjectTest, FixingTheWorkingCrsCreatesIndexedGeometryColumns) {
    Project p = Project::create(path, "410102", "中原区");
    EXPECT_EQ(count(p, "SELECT count(*) FROM geometry_columns"), 0);
    p.fix_working_crs(4547);
    EXPECT_EQ(p.info().working_epsg, std::optional<int>(4547));

    Statement st(p.connection(),
                 "SELECT f_table_name, f_geometry_column, geometry_type, srid, spatial_index_enabled "
                 "FROM geometry_columns ORDER BY f_table_name, f_geometry_column");
    struct Column {
        std::string table;
        std::string column;
        long long type;  // SpatiaLite codes: 1 POINT, 5 MULTILINESTRING, 6 MULTIPOLYGON
    };
    const Column expected[] = {{"admin_units", "geom", 6},
                               {"dedicated_areas", "geom", 6},
                               {"grids", "geom", 6},
                               {"issues", "geom", 1},
                               {"line_features", "geom", 5},
                               {"responsibilities", "geom", 6},
                               {"responsibility_features", "geom", 6},
                               {"responsibility_features", "line", 5},
                               {"weight_points", "geom", 1}};
    for (const auto& e : expected) {
        ASSERT_TRUE(st.step()) << "missing geometry column of " << e.table;
        EXPECT_EQ(st.text(0), e.table);
        EXPECT_EQ(st.text(1), e.column);
        EXPECT_EQ(st.integer(2), e.type) << e.table;
        EXPECT_EQ(st.integer(3), 4547) << e.table;
        EXPECT_EQ(st.integer(4), 1) << e.table << " has no spatial index";
        EXPECT_TRUE(p.connection().table_exists("idx_" + e.table + "_" + e.column)) << e.table;
    }
    EXPECT_FALSE(st.step());
}

TEST_F(ProjectTest, FixingTheSameCrsAgainIsANoOpAndAnotherIsRefused) {
    Project p = Project::create(path, "410102", "中原区");
    p.fix_working_crs(4547);
    EXPECT_NO_THROW(p.fix_working_crs(4547));
    EXPECT_THROW(p.fix_working_crs(4548), StoreError);
    EXPECT_EQ(p.info().working_epsg, std::optional<int>(4547));
    EXPECT_EQ(count(p, "SELECT count(*) FROM geometry_columns"), 9);
}

TEST_F(ProjectTest, FixedWorkingCrsSurvivesReopening) {
    {
        Project p = Project::create(path, "410102", "中原区");
        p.fix_working_crs(4548);
    }
    Project p = Project::open(path);
    EXPECT_EQ(p.working_crs(), geo::Crs::from_epsg(4548));
}

// --- administrative units -----------------------------------------------------------------------

TEST_F(ProjectTest, UnitsRoundTripWithTheirGeometry) {
    auto units = county_units();
    {
        Project p = create_fixed();
        auto counts = p.upsert_units(units, "boundaries.gpkg");
        EXPECT_EQ(counts.inserted, 3U);
        EXPECT_EQ(counts.updated, 0U);
    }
    Project p = Project::open(path);
    EXPECT_EQ(p.count_units(AdminLevel::County), 1U);
    EXPECT_EQ(p.count_units(AdminLevel::Township), 1U);
    EXPECT_EQ(p.count_units(AdminLevel::Village), 1U);
    for (std::size_t k = 0; k < units.size(); ++k) {
        const auto& u = units[k];
        auto loaded = p.load_units(u.level);
        ASSERT_EQ(loaded.size(), 1U);
        const auto& l = loaded[0];
        EXPECT_EQ(l.code, u.code);
        EXPECT_EQ(l.name, u.name);
        EXPECT_EQ(l.parent_code, u.parent_code);
        EXPECT_EQ(l.level, u.level);
        EXPECT_EQ(l.geometry.polygons(), u.geometry.polygons()) << u.code;  // every coordinate, bit for bit
        EXPECT_EQ(l.geometry.type_name(), "MultiPolygon");
        if (u.geometry.type_name() == "MultiPolygon") {
            EXPECT_EQ(l.geometry.to_wkb(), u.geometry.to_wkb());
        }
        Statement area(p.connection(), "SELECT area_m2, source FROM admin_units WHERE code = ?");
        area.bind(u.code);
        ASSERT_TRUE(area.step());
        EXPECT_DOUBLE_EQ(area.real(0), u.geometry.area());
        EXPECT_EQ(area.text(1), "boundaries.gpkg");
    }
    EXPECT_DOUBLE_EQ(p.load_units(AdminLevel::County)[0].geometry.area(), 2000.0 * 1000.0);
    EXPECT_EQ(count(p, "SELECT count(*) FROM admin_units WHERE level = 'county' AND parent_code IS NULL"), 1);
    EXPECT_EQ(count(p, "SELECT count(*) FROM idx_admin_units_geom"), 3);  // the spatial index is filled
}

TEST_F(ProjectTest, UpsertUnitsUpdatesInsteadOfDuplicating) {
    Project p = create_fixed();
    auto units = county_units();
    (void)p.upsert_units(units, "first");
    std::vector<AdminUnit> again;
    again.push_back(unit(AdminLevel::Township, "410102001", "新名字街道",
                         "POLYGON ((500000 4100000, 500500 4100000, 500500 4100500, 500000 4100000))"));
    auto counts = p.upsert_units(again, "second");
    EXPECT_EQ(counts.inserted, 0U);
    EXPECT_EQ(counts.updated, 1U);
    auto townships = p.load_units(AdminLevel::Township);
    ASSERT_EQ(townships.size(), 1U);
    EXPECT_EQ(townships[0].name, "新名字街道");
    EXPECT_DOUBLE_EQ(townships[0].geometry.area(), 125000.0);
    EXPECT_EQ(count(p, "SELECT count(*) FROM admin_units"), 3);
    EXPECT_EQ(count(p, "SELECT count(*) FROM idx_admin_units_geom"), 3);
}

TEST_F(ProjectTest, FailingUnitInABatchRollsBackTheWholeBatch) {
    Project p = create_fixed();
    auto units = county_units();
    std::vector<AdminUnit> first;
    first.push_back(std::move(units[0]));
    first.push_back(std::move(units[1]));
    (void)p.upsert_units(first, "first");

    std::vector<AdminUnit> batch;
    batch.push_back(std::move(units[2]));  // a good new village
    batch.push_back(unit(AdminLevel::Township, "410102001", "改名街道",
                         "POLYGON ((500000 4100000, 500500 4100000, 500500 4100500, 500000 4100000))"));  // an update
    AdminUnit bad = unit(AdminLevel::Village, "41010", "坏代码村",
                         "POLYGON ((500000 4100000, 500100 4100000, 500100 4100100, 500000 4100000))");
    bad.parent_code = "410102001";
    batch.push_back(std::move(bad));  // a 5-digit code breaks the CHECK constraint
    batch.push_back(unit(AdminLevel::Village, "410102001003", "后村",
                         "POLYGON ((500300 4100000, 500400 4100000, 500400 4100100, 500300 4100000))"));
    try {
        (void)p.upsert_units(batch, "second");
        FAIL() << "no exception";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.sqlite_code() & 0xff, kSqliteConstraint);
    }
    // Nothing from the batch is stored; what was there before is intact.
    EXPECT_EQ(p.count_units(AdminLevel::Village), 0U);
    auto townships = p.load_units(AdminLevel::Township);
    ASSERT_EQ(townships.size(), 1U);
    EXPECT_EQ(townships[0].name, "林山寨街道");
    EXPECT_EQ(p.count_units(AdminLevel::County), 1U);
    EXPECT_EQ(count(p, "SELECT count(*) FROM idx_admin_units_geom"), 2);
    // ... and the store still takes writes.
    auto fresh = county_units();
    std::vector<AdminUnit> later;
    later.push_back(std::move(fresh[2]));
    EXPECT_EQ(p.upsert_units(later, "third").inserted, 1U);
}

TEST_F(ProjectTest, RolledBackBatchIsNotOnDisk) {
    {
        Project p = create_fixed();
        auto fresh = county_units();
        std::vector<AdminUnit> batch;
        batch.push_back(std::move(fresh[0]));
        batch.push_back(unit(AdminLevel::Village, "12345678901X", "坏", "POLYGON ((0 0, 1 0, 1 1, 0 0))"));
        EXPECT_THROW((void)p.upsert_units(batch, "x"), StoreError);
    }
    Project p = Project::open(path);
    EXPECT_EQ(p.count_units(AdminLevel::County), 0U);
}

// --- owners and categories ----------------------------------------------------------------------

void expect_same_owner(const grids::Owner& a, const grids::Owner& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.kind, b.kind) << a.id;
    EXPECT_EQ(a.name, b.name) << a.id;
    EXPECT_EQ(a.unit_code, b.unit_code) << a.id;
    EXPECT_EQ(a.contact, b.contact) << a.id;
    EXPECT_EQ(a.title, b.title) << a.id;
    EXPECT_EQ(a.phone, b.phone) << a.id;
    EXPECT_EQ(a.packages, b.packages) << a.id;
    EXPECT_EQ(a.active, b.active) << a.id;
}

TEST_F(ProjectTest, OwnersRoundTripWithLeaderPackages) {
    std::vector<grids::Owner> owners{
        owner("T1", grids::OwnerKind::Township, "410102001"),
        owner("L1", grids::OwnerKind::Leader, "", true, {"410102001", "410102002"}),
        owner("W1", grids::OwnerKind::GridWorker, "410102001001", /*active=*/false),
        owner("D1", grids::OwnerKind::Department, ""),
        owner("V1", grids::OwnerKind::Village, "410102001001"),
    };
    {
        Project p = Project::create(path, "410102", "中原区");  // owners need no working CRS
        auto counts = p.upsert_owners(owners);
        EXPECT_EQ(counts.inserted, 5U);
    }
    Project p = Project::open(path);
    auto loaded = p.load_owners();
    ASSERT_EQ(loaded.size(), 5U);
    // Sorted by id: D1 L1 T1 V1 W1.
    expect_same_owner(loaded[0], owners[3]);
    expect_same_owner(loaded[1], owners[1]);
    expect_same_owner(loaded[2], owners[0]);
    expect_same_owner(loaded[3], owners[4]);
    expect_same_owner(loaded[4], owners[2]);
}

TEST_F(ProjectTest, UpsertingALeaderReplacesItsPackages) {
    Project p = Project::create(path, "410102", "中原区");
    std::vector<grids::Owner> first{owner("L1", grids::OwnerKind::Leader, "", true, {"410102001", "410102002"})};
    (void)p.upsert_owners(first);
    std::vector<grids::Owner> second{owner("L1", grids::OwnerKind::Leader, "", false, {"410102003"})};
    auto counts = p.upsert_owners(second);
    EXPECT_EQ(counts.inserted, 0U);
    EXPECT_EQ(counts.updated, 1U);
    auto loaded = p.load_owners();
    ASSERT_EQ(loaded.size(), 1U);
    EXPECT_EQ(loaded[0].packages, std::vector<std::string>{"410102003"});
    EXPECT_FALSE(loaded[0].active);
}

TEST_F(ProjectTest, CategoriesRoundTrip) {
    std::vector<grids::IssueCategory> categories{
        {"09006", "占道经营", "街面秩序类", "GB/T 47678.5-2026", "D1", 24.0},
        {"L001", "井盖缺失", "", "local", "", std::nullopt},
    };
    Project p = Project::create(path, "410102", "中原区");
    EXPECT_EQ(p.upsert_categories(categories).inserted, 2U);
    categories[1].deadline_hours = 4.5;
    EXPECT_EQ(p.upsert_categories(categories).updated, 2U);
    auto loaded = p.load_categories();
    ASSERT_EQ(loaded.size(), 2U);
    for (std::size_t k = 0; k < 2; ++k) {
        EXPECT_EQ(loaded[k].code, categories[k].code);
        EXPECT_EQ(loaded[k].name, categories[k].name);
        EXPECT_EQ(loaded[k].group, categories[k].group);
        EXPECT_EQ(loaded[k].standard, categories[k].standard);
        EXPECT_EQ(loaded[k].department_id, categories[k].department_id);
        EXPECT_EQ(loaded[k].deadline_hours, categories[k].deadline_hours);
    }
    std::vector<grids::IssueCategory> no_deadline{{"L002", "x", "", "local", "", std::nullopt}};
    (void)p.upsert_categories(no_deadline);
    EXPECT_FALSE(p.load_categories()[2].deadline_hours);
}

TEST_F(ProjectTest, CategoryAliasesRoundTripAndAnUnmatchedIssueKeepsItsText) {
    Project p = create_fixed();
    std::vector<grids::IssueCategory> categories(1);
    categories[0].code = "09009";
    categories[0].name = "机动车乱停放";
    categories[0].aliases = {"乱停乱放", "违停", "Parking, illegal"};
    (void)p.upsert_categories(categories);
    EXPECT_EQ(p.load_categories()[0].aliases, (std::vector<std::string>{"乱停乱放", "违停", "Parking", "illegal"}))
        << "a comma separates aliases: the import never keeps one inside an alias";
    categories[0].aliases.clear();
    (void)p.upsert_categories(categories);
    EXPECT_TRUE(p.load_categories()[0].aliases.empty()) << "re-importing replaces the aliases";
    EXPECT_EQ(count(p, "SELECT count(*) FROM issue_categories WHERE aliases IS NULL"), 1);

    auto unmatched = issue("I1", 500100, 4100100);
    unmatched.category_code.clear();
    unmatched.category_text = "井盖缺失";
    std::vector<grids::IssueReport> issues{unmatched};
    (void)p.upsert_issues(issues);
    auto loaded = p.load_issues();
    EXPECT_EQ(loaded[0].category_code, "");
    EXPECT_EQ(loaded[0].category_text, "井盖缺失");
    EXPECT_EQ(count(p, "SELECT count(*) FROM issues WHERE category_code IS NULL"), 1);
}

// --- issues -----------------------------------------------------------------------------------

TEST_F(ProjectTest, NewIssuesGetExactlyOneLoggedEventAndReimportAddsNone) {
    Project p = create_fixed();
    std::vector<grids::IssueReport> issues{issue("I1", 500100.25, 4100100.5), issue("I2", 500900, 4100900)};
    auto counts = p.upsert_issues(issues);
    EXPECT_EQ(counts.inserted, 2U);
    EXPECT_EQ(counts.updated, 0U);
    EXPECT_EQ(count(p, "SELECT count(*) FROM issue_events WHERE kind = 'logged'"), 2);
    EXPECT_EQ(count(p, "SELECT count(*) FROM issue_events WHERE issue_id = 'I1'"), 1);
    EXPECT_EQ(count(p, "SELECT count(*) FROM issue_events WHERE issue_id = 'I2'"), 1);

    issues[0].description = "已更正的描述";
    counts = p.upsert_issues(issues);
    EXPECT_EQ(counts.inserted, 0U);
    EXPECT_EQ(counts.updated, 2U);
    EXPECT_EQ(count(p, "SELECT count(*) FROM issue_events"), 2);
    EXPECT_EQ(count(p, "SELECT count(*) FROM issues"), 2);

    std::vector<grids::IssueReport> more{issue("I1", 500100.25, 4100100.5), issue("I3", 501000, 4100000)};
    counts = p.upsert_issues(more);
    EXPECT_EQ(counts.inserted, 1U);
    EXPECT_EQ(counts.updated, 1U);
    EXPECT_EQ(count(p, "SELECT count(*) FROM issue_events"), 3);
    EXPECT_EQ(count(p, "SELECT count(*) FROM issue_events WHERE issue_id = 'I3' AND to_status = 'logged'"), 1);
}

TEST_F(ProjectTest, IssuesRoundTrip) {
    Project p = create_fixed();
    std::vector<grids::IssueReport> issues{issue("I2", 500900, 4100900), issue("I1", 500100.25, 4100100.5, "描述")};
    (void)p.upsert_issues(issues);
    auto loaded = p.load_issues();
    ASSERT_EQ(loaded.size(), 2U);
    const auto& a = loaded[0];  // I1, sorted by id
    const auto& b = issues[1];
    EXPECT_EQ(a.id, "I1");
    EXPECT_EQ(a.reported_at, b.reported_at);
    EXPECT_EQ(a.lon, b.lon);
    EXPECT_EQ(a.lat, b.lat);
    EXPECT_EQ(a.crs, b.crs);
    EXPECT_EQ(a.category_code, b.category_code);
    EXPECT_EQ(a.category_text, "占道经营");
    EXPECT_EQ(a.description, "描述");
    EXPECT_EQ(a.position, b.position);
    EXPECT_EQ(a.source_file, b.source_file);
    EXPECT_EQ(a.source_line, b.source_line);
    EXPECT_EQ(count(p, "SELECT count(*) FROM idx_issues_geom"), 2);
}

// --- grid generations and assignments --------------------------------------------------------

void expect_same_cells(const std::vector<StoredGrid>& stored, const std::vector<grids::GridCell>& cells) {
    ASSERT_EQ(stored.size(), cells.size());
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const auto& s = stored[k].cell;
        const auto& c = cells[k];
        EXPECT_EQ(s.code, c.code);
        EXPECT_EQ(s.name, c.name);
        EXPECT_EQ(s.village_code, c.village_code);
        EXPECT_EQ(s.township_code, c.township_code);
        EXPECT_EQ(s.column, c.column);
        EXPECT_EQ(s.row, c.row);
        EXPECT_DOUBLE_EQ(s.area_m2, c.area_m2);
        EXPECT_EQ(s.shape().polygons(), c.shape().polygons()) << c.code;
        // The envelope comes back from the stored BLOB's header, exactly as written.
        EXPECT_EQ(s.envelope.min_x, c.envelope.min_x) << c.code;
        EXPECT_EQ(s.envelope.min_y, c.envelope.min_y) << c.code;
        EXPECT_EQ(s.envelope.max_x, c.envelope.max_x) << c.code;
        EXPECT_EQ(s.envelope.max_y, c.envelope.max_y) << c.code;
    }
}

TEST_F(ProjectTest, GenerationRoundTripsItsCells) {
    auto cells = cells_of_village(100);
    ASSERT_EQ(cells.size(), 6U);
    long long id = 0;
    {
        Project p = create_fixed();
        EXPECT_FALSE(p.current_generation());
        GridGeneration g = p.add_generation("square", R"({"cell_size_m":100})", cells);
        id = g.id;
        EXPECT_GT(g.id, 0);
        EXPECT_EQ(g.method, "square");
        EXPECT_EQ(g.params, R"({"cell_size_m":100})");
        EXPECT_EQ(g.cell_count, 6U);
        EXPECT_FALSE(g.created_at.empty());
    }
    Project p = Project::open(path);
    auto stored = p.load_grids(id);
    expect_same_cells(stored, cells);
    for (const auto& s : stored) EXPECT_EQ(s.generation_id, id);
    EXPECT_EQ(count(p, "SELECT count(*) FROM idx_grids_geom"), 6);
}

TEST_F(ProjectTest, SecondGenerationLeavesTheFirstQueryable) {
    Project p = create_fixed();
    auto first_cells = cells_of_village(100);
    auto second_cells = cells_of_village(50);
    auto first = p.add_generation("square", R"({"cell_size_m":100})", first_cells);
    auto second = p.add_generation("square", R"({"cell_size_m":50})", second_cells);
    EXPECT_NE(first.id, second.id);
    auto all = p.generations();
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].id, first.id);
    EXPECT_EQ(all[1].id, second.id);
    ASSERT_TRUE(p.current_generation());
    EXPECT_EQ(p.current_generation()->id, second.id);
    expect_same_cells(p.load_grids(first.id), first_cells);
    expect_same_cells(p.load_grids(second.id), second_cells);
}

TEST_F(ProjectTest, FailingCellRollsBackTheWholeGeneration) {
    Project p = create_fixed();
    auto cells = cells_of_village(100);
    cells[3].area_m2 = 0.0;  // breaks CHECK (area_m2 > 0)
    EXPECT_THROW((void)p.add_generation("square", "{}", cells), StoreError);
    EXPECT_TRUE(p.generations().empty());
    EXPECT_EQ(count(p, "SELECT count(*) FROM grids"), 0);
}

std::vector<grids::GridRef> refs(const std::vector<grids::GridCell>& cells) {
    std::vector<grids::GridRef> out;
    for (const auto& c : cells) out.push_back({c.code, c.village_code, c.township_code});
    return out;
}

TEST_F(ProjectTest, AssignmentsRoundTripWithMissingRoles) {
    Project p = create_fixed();
    std::vector<grids::Owner> owners{owner("W1", grids::OwnerKind::GridWorker, "410102001001"),
                                     owner("W2", grids::OwnerKind::GridWorker, "410102001001"),
                                     owner("V1", grids::OwnerKind::Village, "410102001001"),
                                     owner("T1", grids::OwnerKind::Township, "410102001")};  // no leader
    (void)p.upsert_owners(owners);
    auto cells = cells_of_village(100);
    auto gen = p.add_generation("square", "{}", cells);
    auto assignments = grids::assign_territorial(refs(cells), owners);
    p.replace_assignments(gen.id, assignments);

    auto loaded = p.load_assignments(gen.id);
    ASSERT_EQ(loaded.size(), assignments.size());
    for (std::size_t k = 0; k < loaded.size(); ++k) {
        const auto& l = loaded[k];
        const auto& a = assignments[k];  // cells, hence assignments, are in code order
        EXPECT_EQ(l.grid_code, a.grid_code);
        ASSERT_EQ(l.chain.size(), 3U) << a.grid_code;
        for (std::size_t r = 0; r < 3; ++r) {
            EXPECT_EQ(l.chain[r].role, a.chain[r].role);
            EXPECT_EQ(l.chain[r].owner_id, a.chain[r].owner_id);
            EXPECT_EQ(l.chain[r].rule, a.chain[r].rule);
        }
        EXPECT_EQ(l.missing, std::vector<grids::Role>{grids::Role::Leader});
    }
    // Both workers were used, and the store kept who has which grids.
    EXPECT_EQ(loaded.front().chain[0].owner_id, "W1");
    EXPECT_EQ(loaded.back().chain[0].owner_id, "W2");
}

TEST_F(ProjectTest, GridsNeverAssignedHaveEveryRoleMissing) {
    Project p = create_fixed();
    auto cells = cells_of_village(100);
    auto gen = p.add_generation("square", "{}", cells);
    auto loaded = p.load_assignments(gen.id);
    ASSERT_EQ(loaded.size(), cells.size());
    for (const auto& a : loaded) {
        EXPECT_TRUE(a.chain.empty());
        EXPECT_EQ(a.missing.size(), 4U);
    }
}

TEST_F(ProjectTest, ReplaceAssignmentsReplacesThePreviousOnes) {
    Project p = create_fixed();
    std::vector<grids::Owner> owners{owner("V1", grids::OwnerKind::Village, "410102001001"),
                                     owner("V2", grids::OwnerKind::Village, "410102001001")};
    (void)p.upsert_owners(owners);
    auto cells = cells_of_village(100);
    auto gen = p.add_generation("square", "{}", cells);
    auto other = p.add_generation("square", "{}", cells);
    EXPECT_FALSE(p.has_assignments(gen.id)) << "a new generation has no chains until assign runs";
    std::vector<grids::GridAssignment> first, second;
    for (const auto& c : cells) first.push_back({c.code, {{grids::Role::Village, "V1", "r1"}}, {}});
    second.push_back({cells[0].code, {{grids::Role::Village, "V2", "r2"}}, {}});
    p.replace_assignments(gen.id, first);
    EXPECT_TRUE(p.has_assignments(gen.id));
    EXPECT_FALSE(p.has_assignments(other.id));
    p.replace_assignments(other.id, first);
    p.replace_assignments(gen.id, second);
    std::vector<grids::GridAssignment> unowned;
    for (const auto& c : cells) unowned.push_back({c.code, {}, {grids::Role::Village}});
    auto third = p.add_generation("square", "{}", cells);
    p.replace_assignments(third.id, unowned);
    EXPECT_FALSE(p.has_assignments(third.id)) << "chains without a link are no assignment";

    auto loaded = p.load_assignments(gen.id);
    ASSERT_EQ(loaded.size(), cells.size());
    ASSERT_EQ(loaded[0].chain.size(), 1U);
    EXPECT_EQ(loaded[0].chain[0].owner_id, "V2");
    EXPECT_EQ(loaded[0].chain[0].rule, "r2");
    for (std::size_t k = 1; k < loaded.size(); ++k) EXPECT_TRUE(loaded[k].chain.empty()) << loaded[k].grid_code;
    // The other generation's assignment is untouched.
    for (const auto& a : p.load_assignments(other.id)) {
        ASSERT_EQ(a.chain.size(), 1U);
        EXPECT_EQ(a.chain[0].owner_id, "V1");
    }
    EXPECT_EQ(count(p, "SELECT count(*) FROM responsibilities WHERE scope = 'grid'"),
              static_cast<long long>(cells.size()) + 1);
}

TEST_F(ProjectTest, AssignmentToUnknownGridIsRefusedAndChangesNothing) {
    Project p = create_fixed();
    std::vector<grids::Owner> owners{owner("V1", grids::OwnerKind::Village, "410102001001")};
    (void)p.upsert_owners(owners);
    auto cells = cells_of_village(100);
    auto gen = p.add_generation("square", "{}", cells);
    std::vector<grids::GridAssignment> good{{cells[0].code, {{grids::Role::Village, "V1", "r"}}, {}}};
    p.replace_assignments(gen.id, good);
    std::vector<grids::GridAssignment> bad{{cells[1].code, {{grids::Role::Village, "V1", "r"}}, {}},
                                           {"410102001001999", {{grids::Role::Village, "V1", "r"}}, {}}};
    EXPECT_THROW(p.replace_assignments(gen.id, bad), StoreError);
    auto loaded = p.load_assignments(gen.id);
    ASSERT_EQ(loaded[0].chain.size(), 1U);
    EXPECT_TRUE(loaded[1].chain.empty());
}

TEST_F(ProjectTest, AssignmentToUnknownOwnerIsRefused) {
    Project p = create_fixed();
    auto cells = cells_of_village(100);
    auto gen = p.add_generation("square", "{}", cells);
    std::vector<grids::GridAssignment> ghost{{cells[0].code, {{grids::Role::Village, "NOBODY", "r"}}, {}}};
    EXPECT_THROW(p.replace_assignments(gen.id, ghost), StoreError);  // foreign key on owners
    EXPECT_EQ(count(p, "SELECT count(*) FROM responsibilities"), 0);
}

// --- audits -------------------------------------------------------------------------------------

TEST_F(ProjectTest, AuditRunsAreRecordedInOrder) {
    Project p = Project::create(path, "410102", "中原区");
    long long a = p.record_audit({"grids", R"({"min_defect_area_m2":0.01})", false, std::nullopt, R"({"gaps":2})"});
    long long b = p.record_audit({"grids", "{}", true, 3, R"({"gaps":0})"});
    EXPECT_LT(a, b);
    auto runs = p.audit_runs();
    ASSERT_EQ(runs.size(), 2U);
    EXPECT_EQ(runs[0].id, a);
    EXPECT_EQ(runs[0].layer, "grids");
    EXPECT_FALSE(runs[0].passed);
    EXPECT_EQ(runs[0].summary, R"({"gaps":2})");
    EXPECT_FALSE(runs[0].run_at.empty());
    EXPECT_EQ(runs[0].generation, std::nullopt) << "no grids when it ran";
    EXPECT_EQ(runs[1].id, b);
    EXPECT_TRUE(runs[1].passed);
    EXPECT_EQ(runs[1].generation, 3);
    Statement st(p.connection(), "SELECT params FROM audit_runs WHERE id = ?");
    st.bind(a);
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(0), R"({"min_defect_area_m2":0.01})");
}

TEST_F(ProjectTest, OnlyTheLatestAuditsDefectLayersAreKeptAndSurviveReopening) {
    {
        Project p = Project::create(path, "410102", "中原区");
        EXPECT_FALSE(p.latest_audit_defects());
        long long a = p.record_audit({"grids", "{}", false, std::nullopt, "{}"});
        p.store_audit_defects(a, std::vector<std::uint8_t>{1, 2, 3});
        long long b = p.record_audit({"grids", "{}", false, 4, R"({"generation":4})"});
        p.store_audit_defects(b, std::vector<std::uint8_t>{0, 255, 7, 0});
    }
    Project p = Project::open(path);
    auto latest = p.latest_audit_defects();
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->run.summary, R"({"generation":4})");
    EXPECT_EQ(latest->run.generation, 4) << "the generation is typed, not parsed out of the summary";
    EXPECT_EQ(latest->gpkg, (std::vector<std::uint8_t>{0, 255, 7, 0})) << "bytes intact, zeros included";
    EXPECT_EQ(count(p, "SELECT count(*) FROM audit_defects"), 1) << "the older run's layers are gone";
}

// The defect layers streamed in pieces (a reader handing over odd-sized chunks, several of the
// store's buffers long) are stored byte for byte; a reader that ends early or runs long stores
// nothing and leaves the previous run's layers as they were.
TEST_F(ProjectTest, DefectLayersStreamedInPiecesAreStoredWholeOrNotAtAll) {
    Project p = Project::create(path, "410102", "中原区");
    std::vector<std::uint8_t> bytes((std::size_t{3} << 20) + 12345);
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>((i * 2654435761U) >> 13);
    std::size_t at = 0;
    auto reader = [&](std::span<std::uint8_t> buffer) {
        const std::size_t n = std::min({buffer.size(), std::size_t{70001}, bytes.size() - at});
        std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), n, buffer.begin());
        at += n;
        return n;
    };
    const long long a = p.record_audit({"grids", "{}", false, std::nullopt, "{}"});
    p.store_audit_defects(a, bytes.size(), reader);
    auto latest = p.latest_audit_defects();
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->run.id, a);
    EXPECT_TRUE(latest->gpkg == bytes);

    const long long b = p.record_audit({"grids", "{}", false, std::nullopt, "{}"});
    at = 0;
    EXPECT_THROW(p.store_audit_defects(b, bytes.size() + 1, reader), StoreError) << "the reader ends early";
    at = 0;
    EXPECT_THROW(p.store_audit_defects(b, bytes.size() - 1, reader), StoreError) << "the reader runs long";
    latest = p.latest_audit_defects();
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->run.id, a) << "nothing of the failed runs was stored";
    EXPECT_TRUE(latest->gpkg == bytes);
    EXPECT_EQ(count(p, "SELECT count(*) FROM audit_defects"), 1);
}

}  // namespace
}  // namespace respgrid::store

namespace respgrid::store {
namespace {

// A cell whose envelope was never set (WKB filled by hand, not through GridCell::set_shape) would
// be stored with an infinite box no spatial query finds: refused, and nothing of the generation
// is stored.
TEST_F(ProjectTest, ACellWithoutAnEnvelopeIsRefusedAndNothingIsStored) {
    Project p = create_fixed();
    auto cells = cells_of_village(100);
    ASSERT_GT(cells.size(), 1u);
    cells[1].envelope = geo::Envelope{};
    EXPECT_THROW(p.add_generation("square", "{}", cells), StoreError);
    EXPECT_FALSE(p.current_generation());
}

}  // namespace
}  // namespace respgrid::store

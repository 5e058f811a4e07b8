// The revisions a long-running reader compares (store::Project::locating_revision,
// ledger_revision): they move with what locating and the ledger read, and only then.
#include <gtest/gtest.h>

#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

grids::Owner worker(const std::string& id, const std::string& phone) {
    grids::Owner o;
    o.id = id;
    o.kind = grids::OwnerKind::GridWorker;
    o.name = "网格员" + id;
    o.unit_code = "411626001001";
    o.phone = phone;
    return o;
}

TEST(StoreRevisions, LocatingRevisionMovesWithOwnersUnitsAndGenerationsOnly) {
    TempDir dir;
    auto project = store::Project::create(dir.file("p.rgproj"), "411626", "淮阳县", 4547);
    const long long start = project.locating_revision();
    project.upsert_owners(std::vector<grids::Owner>{worker("G1", "13800000001")});
    const long long after_insert = project.locating_revision();
    EXPECT_GT(after_insert, start);
    // A phone changed in place (a roster re-import) is a change a service must see.
    project.upsert_owners(std::vector<grids::Owner>{worker("G1", "13800000002")});
    const long long after_update = project.locating_revision();
    EXPECT_GT(after_update, after_insert);
    // The ledger is not what locating reads.
    const long long ledger_before = project.ledger_revision();
    project.connection().exec("INSERT INTO ledger_settings (key, value) VALUES ('prefix', '\"HY\"')");
    EXPECT_EQ(project.locating_revision(), after_update);
    EXPECT_EQ(project.ledger_revision(), ledger_before);
    std::vector<grids::AdminUnit> units;
    units.push_back({grids::AdminLevel::County, "411626", "淮阳县", "", wkt("POLYGON((500000 3730000,501000 3730000,501000 3731000,500000 3731000,500000 3730000))"), {}});
    project.upsert_units(units, "test");
    EXPECT_GT(project.locating_revision(), after_update);
}

TEST(StoreRevisions, WriteAheadLogIsKeptInTheFile) {
    TempDir dir;
    const std::string path = dir.file("p.rgproj");
    {
        auto project = store::Project::create(path, "411626", "淮阳县", 4547);
        project.use_write_ahead_log();
    }
    store::Connection again(path, store::Connection::Mode::OpenExisting);
    EXPECT_EQ(again.query_text("PRAGMA journal_mode").value_or(""), "wal");
}

}  // namespace
}  // namespace respgrid::test

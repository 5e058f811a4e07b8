// The project store against damage and half-done work: project_meta values that do not parse,
// a project that cannot be written, and runs of several writes that must be one transaction.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::store {
namespace {

namespace fs = std::filesystem;

class ProjectIntegrity : public ::testing::Test {
protected:
    test::TempDir dir;
    std::string path = dir.file("county.respgrid");

    void set_meta(const std::string& key, const std::string& value) {
        Connection db(path, Connection::Mode::OpenExisting);
        Statement st(db, "UPDATE project_meta SET value = ? WHERE key = ?");
        st.bind(value).bind(key).run();
    }
};

grids::Owner department(const std::string& id) {
    grids::Owner o;
    o.id = id;
    o.kind = grids::OwnerKind::Department;
    o.name = "部门 " + id;
    return o;
}

grids::IssueCategory category(const std::string& code) {
    grids::IssueCategory c;
    c.code = code;
    c.name = "类别 " + code;
    return c;
}

// --- project_meta ------------------------------------------------------------------------------------

// Opening the project fails with a StoreError about this file whose message holds every one of
// `words`.
void expect_open_refused(const std::string& path, const std::vector<std::string>& words) {
    try {
        (void)Project::open(path);
        ADD_FAILURE() << "no exception; expected one naming " << words.front();
    } catch (const StoreError& e) {
        const std::string what = e.what();
        for (const auto& w : words) EXPECT_NE(what.find(w), std::string::npos) << w << " in: " << what;
        EXPECT_EQ(e.database(), path);
    }
}

TEST_F(ProjectIntegrity, AWorkingEpsgThatIsNotACodeIsAStoreErrorNamingKeyAndValue) {
    (void)Project::create(path, "410102", "中原区", 4547);
    for (const std::string value : {"abc", "4547x", " 4547", "-4547", "0", "99999999999", ""}) {
        set_meta("working_epsg", value);
        expect_open_refused(path, {"working_epsg", "'" + value + "'"});
    }
}

TEST_F(ProjectIntegrity, AWorkingEpsgOtherThanTheStoredGeometrysIsAStoreError) {
    (void)Project::create(path, "410102", "中原区", 4547);
    set_meta("working_epsg", "4546");
    expect_open_refused(path, {"working_epsg", "4546", "4547"});
}

TEST_F(ProjectIntegrity, ACountyCodeThatIsNotOneIsAStoreErrorNamingKeyAndValue) {
    (void)Project::create(path, "410102", "中原区");
    for (const std::string value : {"abc", "41010", "4101020", ""}) {
        set_meta("county_code", value);
        expect_open_refused(path, {"county_code", "'" + value + "'"});
    }
}

// An older project with a damaged value is refused before a migration could change the file (the
// latest migration is marked undone: running it again would fail on its columns, so an attempt
// would show too).
TEST_F(ProjectIntegrity, ADamagedOlderProjectIsRefusedBeforeAnyMigrationTouchesIt) {
    (void)Project::create(path, "410102", "中原区", 4547);
    {
        Connection db(path, Connection::Mode::OpenExisting);
        Statement st(db, "DELETE FROM schema_version WHERE version = ?");
        st.bind(static_cast<long long>(supported_schema_version())).run();
    }
    set_meta("county_code", "41010X");
    const std::string before = test::read_text(path);
    expect_open_refused(path, {"county_code", "'41010X'"});
    EXPECT_EQ(test::read_text(path), before);
}

// --- one transaction for a run -----------------------------------------------------------------------

TEST_F(ProjectIntegrity, ARunThatThrowsStoresNothingOfWhatItWrote) {
    {
        Project p = Project::create(path, "410102", "中原区", 4547);
        const std::vector<grids::Owner> owners = {department("D01")};
        const std::vector<grids::IssueCategory> categories = {category("09006")};
        EXPECT_THROW(p.in_one_transaction([&] {
            (void)p.upsert_owners(owners);
            (void)p.upsert_categories(categories);
            throw InputError(SourceLocation{"rules.json", {}, {}, {}}, "test: the last file is bad");
        }),
                     InputError);
        EXPECT_TRUE(p.load_owners().empty());
        EXPECT_TRUE(p.load_categories().empty());
        // ... and the project takes writes again.
        p.in_one_transaction([&] { (void)p.upsert_owners(owners); });
    }
    EXPECT_EQ(Project::open(path).load_owners().size(), 1u);
}

TEST_F(ProjectIntegrity, AWriteFailingInsideARunUndoesOnlyItselfWhenTheRunGoesOn) {
    Project p = Project::create(path, "410102", "中原区", 4547);
    grids::Owner nameless = department("D02");
    nameless.name.clear();  // the schema refuses an owner without a name
    p.in_one_transaction([&] {
        (void)p.upsert_owners(std::vector<grids::Owner>{department("D01")});
        EXPECT_THROW((void)p.upsert_owners(std::vector<grids::Owner>{department("D03"), nameless}), StoreError);
        (void)p.upsert_categories(std::vector<grids::IssueCategory>{category("09006")});
    });
    const auto owners = p.load_owners();
    ASSERT_EQ(owners.size(), 1u);
    EXPECT_EQ(owners[0].id, "D01");
    EXPECT_EQ(p.load_categories().size(), 1u);
}

// --- a project that cannot be written ------------------------------------------------------------------

// Runs `body` in a child process as a user who may not write the project (root writes anything,
// so as nobody), and returns its exit status.
int in_child_without_write_permission(const std::function<int()>& body) {
    pid_t pid = fork();
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(99);
        _exit(body());
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST_F(ProjectIntegrity, RequireWritableRefusesAReadOnlyProjectSayingWhoNeedsIt) {
    (void)Project::create(path, "410102", "中原区", 4547);
    const std::string before = test::read_text(path);
    const auto read_only = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
    const auto listable = read_only | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
    struct Case {
        std::string name;
        fs::perms file, folder;
    };
    // A read-only file; a writable file in a folder where SQLite cannot make its journal.
    for (const auto& c : {Case{"read-only file", read_only, listable},
                          Case{"read-only folder", fs::perms::all, listable}}) {
        fs::permissions(path, c.file);
        fs::permissions(dir.path(), c.folder);
        const int status = in_child_without_write_permission([&] {
            try {
                Project p = Project::open(path);
                p.require_writable("the test stores its result in it");
                return 1;
            } catch (const StoreError& e) {
                const std::string what = e.what();
                return what.find("cannot be written") != std::string::npos &&
                               what.find("the test stores its result in it") != std::string::npos
                           ? 0
                           : 2;
            }
        });
        fs::permissions(dir.path(), fs::perms::owner_all | listable);
        fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
        EXPECT_EQ(status, 0) << c.name << " (1: not refused, 2: the message lacks the reason)";
    }
    Project p = Project::open(path);
    EXPECT_NO_THROW(p.require_writable("the test"));
    EXPECT_EQ(test::read_text(path), before) << "the probe leaves nothing behind";
}

}  // namespace
}  // namespace respgrid::store

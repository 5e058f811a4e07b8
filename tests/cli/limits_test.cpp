// The CLI under hostile input and tight resources: threads the system refuses, cell sizes that
// would exhaust memory, numbers that are not numbers, a damaged project, a standard output that
// cannot be written, a roster run whose last file is missing, a project that cannot be written.
// Limits are set with prlimit (util-linux) in the child process only.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "small_county.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPrlimit = "/usr/bin/prlimit";
constexpr const char* kEnv = "/usr/bin/env";

// A 2 GiB address space, and a default thread stack (glibc takes it from RLIMIT_STACK) of 1 GiB,
// room for one more thread and not two (the process itself needs about 200 MB), or of 4 GiB,
// room for none.
const std::vector<std::string> kRoomForOneThread = {"--stack=1073741824:", "--as=2147483648"};
const std::vector<std::string> kRoomForNoThread = {"--stack=4294967296:", "--as=2147483648"};

// `respgrid -q ARGS` under the prlimit `limits`, with `env` (NAME=VALUE) set.
CommandResult run_limited(const std::vector<std::string>& limits, const std::vector<std::string>& args,
                          const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv = env;
    argv.push_back(kPrlimit);
    argv.insert(argv.end(), limits.begin(), limits.end());
    argv.insert(argv.end(), {"--", respgrid_binary(), "-q"});
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(kEnv, argv);
}

std::size_t generations(const std::string& project) { return store::Project::open(project).generations().size(); }

// --- threads --------------------------------------------------------------------------------------

TEST_F(SmallCounty, AThreadTheSystemRefusesDoesNotAbortTheGridRun) {
    std::size_t stored = 0;
    for (const auto& limits : {kRoomForOneThread, kRoomForNoThread}) {
        auto r = run_limited(limits, {"grid", project, "--threads", "300"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
        EXPECT_EQ(generations(project), ++stored);
        r = run_limited(limits, {"grid", project}, {"RESPGRID_THREADS=5000"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(generations(project), ++stored);
    }
    auto p = store::Project::open(project);
    const auto all = p.generations();
    for (const auto& g : all) EXPECT_EQ(g.cell_count, all.front().cell_count) << "every run cut the same grids";
}

TEST_F(SmallCounty, BatchLocateAndExportRunWithoutAThreadToSpare) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    write_text(dir.file("points.csv"), "id,lon,lat\n1,114.805,33.705\n2,114.815,33.715\n");
    auto r = run_limited(kRoomForNoThread, {"locate", project, "--input", dir.file("points.csv"), "--output",
                                            dir.file("located.csv"), "--crs", "cgcs2000"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string located = read_text(dir.file("located.csv"));
    EXPECT_NE(located.find("411626001001"), std::string::npos) << located;
    EXPECT_NE(located.find("411626101202"), std::string::npos) << located;

    r = run_limited(kRoomForNoThread, {"export", project, "--format", "gpkg", "--output", dir.file("out.gpkg")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir.file("out.gpkg")));
}

// --- cell sizes -----------------------------------------------------------------------------------

TEST_F(SmallCounty, ACellSizeThatWouldExhaustMemoryIsRefusedBeforeCutting) {
    // Each village is about 1 km²: 1 m cells would be a million per village. Under a 1 GiB limit
    // a run that tried would die of bad_alloc; refused up front it never allocates.
    const std::vector<std::string> limit = {"--as=1073741824"};
    struct Case {
        std::vector<std::string> args;
        std::string option;
    };
    const std::vector<Case> cases = {
        {{"--size", "1"}, "--size"},
        {{"--area", "1"}, "--area"},
        {{"--method", "hex", "--size", "1"}, "--size"},
        {{"--method", "blocks", "--target-area", "5"}, "--target-area"},
        {{"--method", "balanced", "--base-cell", "1"}, "--base-cell"},
        {{"--size", "25", "--scheme", "14"}, "--size"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args = {"grid", project};
        args.insert(args.end(), c.args.begin(), c.args.end());
        const auto stored = generations(project);
        auto r = run_limited(limit, args);
        EXPECT_EQ(r.exit_code, 2) << c.args[1] << ": " << r.err;
        EXPECT_NE(r.err.find("411626"), std::string::npos) << "the message names the village: " << r.err;
        EXPECT_EQ(generations(project), stored) << "nothing is stored";
        // It says what to give instead: a value the estimate accepts.
        const std::string give = "give " + c.option + " ";
        const auto at = r.err.find(give);
        ASSERT_NE(at, std::string::npos) << r.err;
        const auto from = at + give.size();
        *(std::find(args.begin(), args.end(), c.option) + 1) = r.err.substr(from, r.err.find(' ', from) - from);
        r = run_limited(limit, args);
        EXPECT_EQ(r.err.find("would be cut into about"), std::string::npos) << r.err;
        // Not refused for its size again, and not killed by the memory limit (a signal: 128 + n).
        EXPECT_LT(r.exit_code, 128) << c.args[1] << " " << args.back() << ": " << r.err;
    }
}

// --- numbers ----------------------------------------------------------------------------------------

TEST_F(SmallCounty, EveryNumericOptionRefusesNanInfinityAndAbsurdValues) {
    struct Option {
        std::vector<std::string> command;  // up to the option
        std::string name;
        std::vector<std::string> bad;
    };
    const std::string out = dir.file("never");
    const std::vector<std::string> always = {"nan", "inf", "-inf", "1e308"};
    const std::vector<Option> options = {
        {{"grid", project}, "--size", {"0", "-5", "0.001"}},
        {{"grid", project}, "--area", {"0", "-5"}},
        {{"grid", project, "--method", "blocks"}, "--target-area", {"0", "-5"}},
        {{"grid", project, "--method", "blocks"}, "--tolerance", {"-0.1", "0.99"}},
        {{"grid", project, "--method", "balanced"}, "--min-weight", {"0", "-5"}},
        {{"grid", project, "--method", "balanced"}, "--max-weight", {"0", "-5"}},
        {{"grid", project, "--method", "balanced"}, "--base-cell", {"0", "-5"}},
        {{"grid", project}, "--sliver-fraction", {"-0.1", "1"}},
        {{"grid", project}, "--threads", {"0", "-1", "5000"}},
        {{"locate", project, "--lat", "33.705"}, "--lon", {}},
        {{"locate", project, "--lon", "114.805"}, "--lat", {}},
        {{"locate", project, "--lon", "114.805", "--lat", "33.705"}, "--border-tolerance", {"-1", "100000"}},
        {{"locate", project, "--lon", "114.805", "--lat", "33.705"}, "--assign-nearest", {"-1", "1000000"}},
        {{"audit", project}, "--gap-width", {"-1"}},
        {{"audit", project}, "--min-area", {"-1"}},
        {{"audit", project}, "--noise-width", {"-1", "1000"}},
        {{"audit", project}, "--nest-share", {"-0.1", "1.5"}},
        {{"repair", project, "--layer", "villages", "--output", out}, "--snap", {"-1", "1e9"}},
        {{"map", project, "--all", "--output", out}, "--dpi", {"0", "29", "100000"}},
        {{"import", "roster", project, dir.file("county.geojson")}, "--buffer", {"0", "-1", "1e6"}},
        {{"import", "responsibility", project, dir.file("county.geojson")}, "--buffer", {"0", "-1", "1e6"}},
    };
    for (const auto& o : options) {
        std::vector<std::string> values = always;
        values.insert(values.end(), o.bad.begin(), o.bad.end());
        for (const auto& value : values) {
            std::vector<std::string> args = o.command;
            args.insert(args.end(), {o.name, value});
            auto r = run(args);
            EXPECT_EQ(r.exit_code, 2) << o.command[0] << " " << o.name << " " << value << ": " << r.err;
            EXPECT_NE(r.err.find(o.name), std::string::npos) << "the message names the option: " << r.err;
        }
    }
    EXPECT_EQ(generations(project), 0u);
    EXPECT_FALSE(fs::exists(out));
}

// --- a damaged project ----------------------------------------------------------------------------

TEST_F(SmallCounty, ADamagedProjectMetaValueIsAStoreErrorNamingTheKeyAndValue) {
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"working_epsg", "abc"}, {"working_epsg", "4547x"}, {"working_epsg", "99999999999"}, {"county_code", "x"}}) {
        const std::string copy = dir.file("damaged.rgproj");
        fs::copy_file(project, copy, fs::copy_options::overwrite_existing);
        {
            store::Connection db(copy, store::Connection::Mode::OpenExisting);
            store::Statement st(db, "UPDATE project_meta SET value = ? WHERE key = ?");
            st.bind(value).bind(key).run();
        }
        auto r = run({"locate", copy, "--lon", "114.805", "--lat", "33.705"});
        EXPECT_EQ(r.exit_code, 5) << key << "=" << value << ": " << r.err;
        EXPECT_NE(r.err.find(key), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("'" + value + "'"), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    }
}

// --- standard output ------------------------------------------------------------------------------

TEST_F(SmallCounty, ResultsThatCannotBeWrittenToStandardOutputExitSix) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    const std::vector<std::vector<std::string>> commands = {
        {"-q", "locate", project, "--lon", "114.805", "--lat", "33.705", "--json"},
        {"-q", "locate", project, "--lon", "114.805", "--lat", "33.705"},
        {"-q", "audit", project, "--layer", "villages"},
        {"--help"},
    };
    for (const auto& args : commands) {
        auto r = run_program(respgrid_binary(), args, "/dev/full");
        EXPECT_EQ(r.exit_code, 6) << args.back() << ": " << r.err;
        EXPECT_NE(r.err.find("standard output"), std::string::npos) << r.err;
    }
    auto r = run_program(respgrid_binary(), commands.front(), dir.file("answer.json"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(read_text(dir.file("answer.json")).find("411626001001"), std::string::npos);
}

// --- a roster run is one transaction ----------------------------------------------------------------

class RosterRun : public SmallCounty {
protected:
    void SetUp() override {
        SmallCounty::SetUp();
        write_text(dir.file("roster.csv"), "owner_id,kind,name,unit_code,contact,phone,packages,active\n"
                                           "T1,township,城关街道,411626001,镇长甲,1,,1\n"
                                           "D01,department,县城市管理局,,,6,,1\n");
        write_text(dir.file("categories.csv"), "code,name,department,deadline_hours,territory_answers\n"
                                               "09006,占道经营,D01,4,0\n");
        write_text(dir.file("zones.geojson"), R"({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"owner_id": "D01", "name": "广场"},
             "geometry": {"type": "Polygon", "coordinates": [[[114.80, 33.70], [114.801, 33.70], [114.801, 33.701],
                                                             [114.80, 33.70]]]}}]})");
    }
    void expect_nothing_stored() {
        auto p = store::Project::open(project);
        EXPECT_TRUE(p.load_owners().empty());
        EXPECT_TRUE(p.load_categories().empty());
        EXPECT_TRUE(p.load_responsibility_layers().empty());
    }
};

TEST_F(RosterRun, AMissingOrUnreadableFileIsFoundBeforeAnythingIsStored) {
    write_text(dir.file("not_a_layer.geojson"), "this is not GeoJSON");
    for (const auto& area : {"zones=" + dir.file("missing.geojson"), "zones=" + dir.file("not_a_layer.geojson")}) {
        auto r = run({"import", "roster", project, dir.file("roster.csv"), "--categories", dir.file("categories.csv"),
                      "--area", area, "--crs", "cgcs2000"});
        EXPECT_NE(r.exit_code, 0) << area;
        EXPECT_NE(r.err.find(area.substr(6)), std::string::npos) << "the message names the file: " << r.err;
        expect_nothing_stored();
    }
}

TEST_F(RosterRun, AFileFailingHalfWayLeavesTheProjectAsItWas) {
    write_text(dir.file("bad_rules.json"), R"({"rules": [{"category": "*", "layers": ["no_such_layer"]}]})");
    auto r = run({"import", "roster", project, dir.file("roster.csv"), "--categories", dir.file("categories.csv"),
                  "--area", "zones=" + dir.file("zones.geojson"), "--crs", "cgcs2000", "--rules",
                  dir.file("bad_rules.json")});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("nothing of this run was stored"), std::string::npos) << r.err;
    expect_nothing_stored();

    r = run({"import", "roster", project, dir.file("roster.csv"), "--categories", dir.file("categories.csv"), "--area",
             "zones=" + dir.file("zones.geojson"), "--crs", "cgcs2000"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto p = store::Project::open(project);
    EXPECT_EQ(p.load_owners().size(), 2u);
    EXPECT_EQ(p.load_categories().size(), 1u);
    EXPECT_EQ(p.load_responsibility_layers().size(), 1u);
}

// --- a project that cannot be written -------------------------------------------------------------

// Runs respgrid -q ARGS as a user who may not write the project: as root (who may write anything)
// through setpriv as nobody, else as the test's own user.
CommandResult run_unprivileged(const std::vector<std::string>& args) {
    std::vector<std::string> quiet = {"-q"};
    quiet.insert(quiet.end(), args.begin(), args.end());
    if (geteuid() != 0) return run_respgrid(quiet);
    std::vector<std::string> argv = {"--reuid=65534", "--regid=65534", "--clear-groups", "--", respgrid_binary()};
    argv.insert(argv.end(), quiet.begin(), quiet.end());
    return run_program("/usr/bin/setpriv", argv);
}

TEST_F(SmallCounty, CommandsThatStoreTheirResultRefuseAReadOnlyProjectBeforeWorking) {
    ASSERT_EQ(run({"grid", project, "--size", "100"}).exit_code, 0);
    write_text(dir.file("roster.csv"), "owner_id,kind,name,unit_code,contact,phone,packages,active\n"
                                       "T1,township,城关街道,411626001,镇长甲,1,,1\n");
    const std::string report = dir.file("reports/audit.json");
    fs::create_directories(dir.file("reports"));
    fs::permissions(dir.file("reports"), fs::perms::all);  // the report's folder is writable by all
    const std::string before = read_text(project);
    // The project read-only, in a folder where no journal can be made.
    fs::permissions(project, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    const std::vector<std::vector<std::string>> commands = {
        {"audit", project, "--report", report},
        {"grid", project, "--size", "200"},
        {"assign", project},
        {"import", "roster", project, dir.file("roster.csv")},
        {"repair", project, "--layer", "villages", "--output", dir.file("reports/repair"), "--apply"},
    };
    for (const auto& args : commands) {
        auto r = run_unprivileged(args);
        EXPECT_EQ(r.exit_code, 5) << args[0] << ": " << r.err;
        EXPECT_NE(r.err.find("cannot be written"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(args[0] == "import" ? "an import" : args[0]), std::string::npos)
            << "the message says what needs to write: " << r.err;
    }
    EXPECT_FALSE(fs::exists(report)) << "the audit stopped before computing anything";
    EXPECT_FALSE(fs::exists(dir.file("reports/repair.json"))) << "repair --apply stopped before planning";
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(project, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(read_text(project), before);
}

// --- rejects ------------------------------------------------------------------------------------

TEST_F(SmallCounty, AVillageWhoseTownshipIsMissingIsRejectedWithItsLayerAndFeature) {
    write_text(dir.file("more_villages.geojson"),
               rect_collection({{"411626001003", "新村", 114.80, 33.70, 114.805, 33.705},
                                {"411626999001", "孤村", 114.80, 33.70, 114.801, 33.701}}));
    auto r = run({"import", "boundaries", project, dir.file("more_villages.geojson"), "--level", "village", "--crs",
                  "cgcs2000"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string rejects = read_text(dir.file("more_villages.rejects.csv"));
    const auto at = rejects.find("411626999");
    ASSERT_NE(at, std::string::npos) << rejects;
    const std::string row = rejects.substr(rejects.rfind('\n', at) + 1, rejects.find('\n', at) - rejects.rfind('\n', at) - 1);
    EXPECT_NE(row.find(",more_villages,1,code,"), std::string::npos) << "file, layer, feature id, field: " << row;
}

}  // namespace
}  // namespace respgrid::test

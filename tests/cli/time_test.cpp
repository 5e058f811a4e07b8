// Dates and times through the real binary: a roster and an issue table kept in Excel (real date
// cells, written here through GDAL's XLSX driver) are imported; a roster change effective
// 2026-09-01 applies from 00:00 Beijing time, whatever form the time is asked in; impossible dates
// are refused everywhere; the map's date is the day in the project's time zone (init --timezone).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "../importers/ogr_fixtures.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

// The square's centre in CGCS2000 lon/lat, for the issue tables.
constexpr const char* kLon = "114.0053";
constexpr const char* kLat = "33.7010";

// A project with grids drawn "in 2020" (so any 2026 time finds them) in time zone `zone` ("" =
// init's default). Returns "" or what failed.
std::string make_project(const TempDir& dir, const std::string& project, const std::string& zone) {
    write_text(dir.file("county.geojson"), square_geojson("411626", "淮阳县"));
    write_text(dir.file("townships.geojson"), square_geojson("411626001", "城关镇"));
    write_text(dir.file("villages.geojson"), square_geojson("411626001001", "东村"));
    std::vector<std::string> init{"-q",     "init",   project, "--county-code", "411626",
                                  "--name", "淮阳县", "--crs", "EPSG:4547"};
    if (!zone.empty()) init.insert(init.end(), {"--timezone", zone});
    std::vector<std::vector<std::string>> steps = {init};
    for (const std::string level : {"county", "township", "village"}) {
        const std::string file = dir.file(level == "county" ? "county.geojson" : level + "s.geojson");
        steps.push_back({"-q", "import", "boundaries", project, file, "--level", level, "--crs", "EPSG:4547"});
    }
    steps.push_back({"-q", "grid", project, "--size", "500"});
    if (auto failed = run_steps(steps); !failed.empty()) return failed;
    store::Project::open(project).connection().exec(
        "UPDATE grid_generations SET created_at = '2020-01-01T00:00:00.000Z'");
    return {};
}

class Times : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        project_ = dir_->file("times.rgproj");
        failure_ = make_project(*dir_, project_, "");
        if (!failure_.empty()) return;
        // The roster as an office keeps it in Excel: validity columns are date cells. The old grid
        // worker serves to 2026-08-31, the new one from 2026-09-01.
        write_layer(dir_->file("roster.xlsx"), "XLSX", "花名册", 0, wkbNone,
                    {{"编号"}, {"类型"}, {"名称"}, {"单位代码"}, {"包联乡镇"}, {"起始日期", OFTDate}, {"终止日期", OFTDate}},
                    {{{"T1", "乡镇", "城关镇", "411626001", "", "", ""}, {}},
                     {{"V1", "村", "东村", "411626001001", "", "", ""}, {}},
                     {{"L1", "领导", "王县长", "", "411626001", "", ""}, {}},
                     {{"GW_OLD", "网格员", "老网格员", "411626001001", "", "2015/01/01", "2026/08/31"}, {}},
                     {{"GW_NEW", "网格员", "新网格员", "411626001001", "", "2026/09/01", ""}, {}}});
        auto r = run_respgrid({"-q", "import", "roster", project_, dir_->file("roster.xlsx")});
        if (r.exit_code != 0) failure_ = "import roster: " + std::to_string(r.exit_code) + " " + r.err;
        auto project = store::Project::open(project_);
        grid_ = project.load_grid_refs(project.current_generation()->id).front().code;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(failure_.empty()) << failure_; }

    // The grid worker answering at `at` (owners --at), and the time the answer was for.
    static std::pair<std::string, std::string> worker_at(const std::string& at) {
        auto r = run_respgrid({"owners", project_, "--grid", grid_, "--at", at, "--json"});
        EXPECT_EQ(r.exit_code, 0) << at << ": " << r.err;
        if (r.exit_code != 0) return {};
        auto j = nlohmann::json::parse(r.out);
        for (const auto& o : j["owners"]) {
            if (o["role"] == "grid_worker") {
                return {o["owner_id"].is_null() ? "-" : o["owner_id"].get<std::string>(), j["at"].get<std::string>()};
            }
        }
        return {"?", j["at"].get<std::string>()};
    }

    static inline TempDir* dir_ = nullptr;
    static inline std::string project_, failure_, grid_;
};

TEST_F(Times, ARosterChangeEffective0901AppliesFromMidnightBeijingTime) {
    // 07:00 on 09-01 in Beijing (23:00 on 08-31 in UTC): the new worker, however it is written.
    for (const std::string at : {"2026-09-01T07:00", "2026-09-01 07:00:00+08:00", "2026/9/1 7:00", "2026年9月1日 7时",
                                 "2026年9月1日 07:00", "2026-08-31T23:00:00Z", "2026-09-01"}) {
        EXPECT_EQ(worker_at(at).first, "GW_NEW") << at;
    }
    // One minute before midnight in Beijing: still the old one.
    for (const std::string at : {"2026-08-31T23:59", "2026/8/31 23:59", "2026-08-31T15:59:00Z", "2026-08-31"}) {
        EXPECT_EQ(worker_at(at).first, "GW_OLD") << at;
    }
    // The answer says when, in the project's zone.
    EXPECT_EQ(worker_at("2026/9/1 7:00").second, "2026-09-01T07:00:00+08:00");
    EXPECT_EQ(worker_at("2026-08-31T23:00:00Z").second, "2026-09-01T07:00:00+08:00");
    // A single locate at the same times agrees.
    auto at_point = [](const std::string& at) {
        auto r = run_respgrid(
            {"locate", project_, "--lon", "500500", "--lat", "3730500", "--crs", "EPSG:4547", "--at", at, "--json"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return nlohmann::json::parse(r.out)["owners"][0]["owner_id"].get<std::string>();
    };
    EXPECT_EQ(at_point("2026/09/01 07:00:00"), "GW_NEW");
    EXPECT_EQ(at_point("2026/08/31 23:59:00"), "GW_OLD");
}

TEST_F(Times, ImpossibleTimesAreUsageErrorsWithTheReason) {
    for (const auto& [at, reason] : std::vector<std::pair<std::string, std::string>>{
             {"2026-02-30", "February 2026 has 28 days"},
             {"2026-13-01", "month 13 does not exist"},
             {"2026-09-01 24:00", "hour 24 is outside 0-23"},
             {"yesterday", "not a date or time"}}) {
        auto r = run_respgrid({"owners", project_, "--grid", grid_, "--at", at});
        EXPECT_EQ(r.exit_code, 2) << at;
        EXPECT_NE(r.err.find("--at '" + at + "' is not a date or time: "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
        auto l =
            run_respgrid({"locate", project_, "--lon", "500500", "--lat", "3730500", "--crs", "EPSG:4547", "--at", at});
        EXPECT_EQ(l.exit_code, 2) << at;
        EXPECT_NE(l.err.find(reason), std::string::npos) << l.err;
    }
}

// Issues kept in Excel: reported_at is a date-time cell. They import, stored as Beijing times, and
// batch locate takes every row (it rejected each one when times had to be ISO).
TEST_F(Times, ExcelIssueTablesImportAndLocateWithTheirDateCells) {
    const std::string xlsx = dir_->file("issues.xlsx");
    write_layer(xlsx, "XLSX", "问题", 0, wkbNone,
                {{"问题编号"}, {"上报时间", OFTDateTime}, {"经度", OFTReal}, {"纬度", OFTReal}, {"坐标系"}},
                {{{"Q1", "2026/09/01 06:42:19", kLon, kLat, "cgcs2000"}, {}},
                 {{"Q2", "2026/08/31 23:59:00", kLon, kLat, "cgcs2000"}, {}}});
    auto imported = run_respgrid({"import", "issues", project_, xlsx});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    std::map<std::string, std::string> at;
    for (const auto& i : store::Project::open(project_).load_issues()) at[i.id] = i.reported_at;
    EXPECT_EQ(at["Q1"], "2026-09-01T06:42:19+08:00");
    EXPECT_EQ(at["Q2"], "2026-08-31T23:59:00+08:00");

    auto located = run_respgrid({"locate", project_, "--input", xlsx, "--output", dir_->file("issues_located.csv")});
    EXPECT_EQ(located.exit_code, 0) << located.out << located.err;
    EXPECT_NE(located.out.find("located 2 point(s)"), std::string::npos) << located.out;
    EXPECT_NE(located.out.find("0 rejected"), std::string::npos) << located.out;
    // The same forms as text in a CSV, Chinese included.
    write_text(dir_->file("issues.csv"),
               "id,reported_at,lon,lat,crs\n"
               "C1,2026/9/1 6:42," + std::string(kLon) + "," + kLat + ",cgcs2000\n"
               "C2,2026年9月1日 6时42分," + kLon + "," + kLat + ",cgcs2000\n"
               "C3,46266.279386574," + kLon + "," + kLat + ",cgcs2000\n");
    auto csv =
        run_respgrid({"locate", project_, "--input", dir_->file("issues.csv"), "--output", dir_->file("c_out.csv")});
    EXPECT_EQ(csv.exit_code, 0) << csv.out << csv.err;
}

TEST_F(Times, ImportIssuesRefusesMonth13) {
    write_text(dir_->file("bad_issues.csv"),
               "id,reported_at,lon,lat,crs\n"
               "B1,2026-13-01," + std::string(kLon) + "," + kLat + ",cgcs2000\n"
               "B2,2026-09-01 08:30," + kLon + "," + kLat + ",cgcs2000\n");
    auto r = run_respgrid({"import", "issues", project_, dir_->file("bad_issues.csv")});
    EXPECT_EQ(r.exit_code, 0) << r.err;  // the good row imports; the bad one is written beside the project
    const std::string rejects = read_text(dir_->file("bad_issues.rejects.csv"));
    EXPECT_NE(rejects.find("reported_at '2026-13-01' is not a date or time: month 13 does not exist"),
              std::string::npos)
        << rejects;
    std::map<std::string, std::string> at;
    for (const auto& i : store::Project::open(project_).load_issues()) at[i.id] = i.reported_at;
    EXPECT_FALSE(at.count("B1"));
    EXPECT_EQ(at["B2"], "2026-09-01T08:30:00+08:00");
}

TEST(TimeZone, InitStoresTheZoneAndRefusesNamesItDoesNotKnow) {
    TempDir dir;
    auto ok = run_respgrid({"init", dir.file("a.rgproj"), "--county-code", "411626", "--name", "淮阳县", "--timezone",
                            "Asia/Shanghai"});
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("time zone +08:00"), std::string::npos) << ok.out;
    EXPECT_EQ(store::Project::open(dir.file("a.rgproj")).info().time_zone, grids::kChinaTime);
    auto utc = run_respgrid({"-q", "init", dir.file("b.rgproj"), "--county-code", "411626", "--name", "淮阳县",
                             "--timezone", "UTC-3"});
    ASSERT_EQ(utc.exit_code, 0) << utc.err;
    EXPECT_EQ(store::Project::open(dir.file("b.rgproj")).info().time_zone.minutes(), -180);
    auto bad = run_respgrid({"init", dir.file("c.rgproj"), "--county-code", "411626", "--name", "淮阳县", "--timezone",
                             "Europe/Paris"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--timezone 'Europe/Paris' is not a time zone"), std::string::npos) << bad.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("c.rgproj")));
}

// The date printed on a map is today where the project is. At any instant, one of +14:00 and
// -12:00 is on another day than UTC, so the two projects tell a local day from the UTC day.
TEST(TimeZone, TheMapIsDatedWithTheDayInTheProjectsZone) {
    for (const std::string zone : {"+14:00", "-12:00"}) {
        TempDir dir;
        const std::string project = dir.file("map.rgproj");
        ASSERT_EQ(make_project(dir, project, zone), "");
        const auto offset = *grids::UtcOffset::parse(zone);
        const auto before = grids::Instant::now().date_in(offset);
        auto map = [&](const std::string& folder, std::vector<std::string> extra) {
            std::vector<std::string> args{"map", project, "--township", "411626001", "--format", "svg", "--output",
                                          dir.file(folder)};
            args.insert(args.end(), extra.begin(), extra.end());
            return run_respgrid(args);
        };
        auto r = map("maps", {});
        const auto after = grids::Instant::now().date_in(offset);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        if (before != after) continue;  // midnight passed in between: nothing to compare
        EXPECT_NE(r.out.find("(dated " + before.to_string() + ","), std::string::npos) << zone << ": " << r.out;
        // --date in any form; an impossible one is refused.
        auto given = map("maps2", {"--date", "2026年9月1日"});
        ASSERT_EQ(given.exit_code, 0) << given.err;
        EXPECT_NE(given.out.find("(dated 2026-09-01,"), std::string::npos) << given.out;
        auto bad = map("maps3", {"--date", "2026-02-29"});
        EXPECT_EQ(bad.exit_code, 2);
        EXPECT_NE(bad.err.find("February 2026 has 28 days"), std::string::npos) << bad.err;
    }
}

}  // namespace
}  // namespace respgrid::test

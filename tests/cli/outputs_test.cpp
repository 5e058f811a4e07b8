// Outputs never destroy anything (issue 12 §1, docs/cli.md "Outputs"): every command that writes
// refuses to write over the project, an input or a folder holding either, even with --overwrite;
// refuses an existing output unless --overwrite; replaces a folder only when respgrid made it;
// stages every output beside its target. Each test checks that the project and the user's own
// files are byte-identical afterwards.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "respgrid/geo/gdal.hpp"
#include "run_command.hpp"
#include "small_county.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

namespace fs = std::filesystem;

// Every file under `folder` with its content: what must not change.
std::map<std::string, std::string> snapshot(const fs::path& folder) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(folder)) {
        if (e.is_regular_file()) files[fs::relative(e.path(), folder).generic_string()] = read_text(e.path().string());
    }
    return files;
}

class Outputs : public SmallCounty {
protected:
    void SetUp() override {
        SmallCounty::SetUp();
        ASSERT_EQ(run({"grid", project, "--size", "500"}).exit_code, 0);
        write_text(dir.file("points.csv"), "id,lon,lat,crs\nP1,114.805,33.705,cgcs2000\nP2,114.815,33.715,cgcs2000\n");
    }
    // Runs `args`, expects exit 6 and that nothing under the test folder changed.
    void expect_refused_and_nothing_changed(const std::vector<std::string>& args, const std::string& says) {
        const auto before = snapshot(dir.path());
        auto r = run(args);
        EXPECT_EQ(r.exit_code, 6) << r.err;
        EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
        const auto after = snapshot(dir.path());
        for (const auto& [name, content] : before) {
            auto it = after.find(name);
            EXPECT_TRUE(it != after.end() && it->second == content) << name << " changed or disappeared";
        }
        for (const auto& [name, content] : after) EXPECT_TRUE(before.count(name)) << name << " appeared";
    }
};

TEST_F(Outputs, AFolderExportIntoTheProjectsFolderIsRefusedEvenWithOverwrite) {
    // `export P --format csv --output .` in the project's folder deleted the project (issue 12).
    expect_refused_and_nothing_changed({"export", project, "--format", "csv", "--output", dir.path().string()},
                                       "holds the project or an input");
    expect_refused_and_nothing_changed(
        {"export", project, "--format", "csv", "--output", dir.path().string() + "/.", "--overwrite"},
        "holds the project or an input");
}

TEST_F(Outputs, AFolderWithTheUsersOwnFilesIsNeverEmptied) {
    const std::string out = dir.file("deliver");
    fs::create_directory(out);
    write_text(out + "/readme.txt", "the office's own notes");
    expect_refused_and_nothing_changed({"export", project, "--format", "shp", "--output", out},
                                       "files respgrid did not write ('readme.txt')");
    expect_refused_and_nothing_changed({"export", project, "--format", "shp", "--output", out, "--overwrite"},
                                       "never emptied");
}

TEST_F(Outputs, AFolderRespgridMadeIsReplacedOnlyWithOverwrite) {
    const std::string out = dir.file("shp");
    auto first = run({"export", project, "--format", "shp", "--output", out});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_TRUE(fs::exists(out + "/grids.shp"));
    EXPECT_TRUE(fs::exists(out + "/.respgrid-output"));
    expect_refused_and_nothing_changed({"export", project, "--format", "shp", "--output", out}, "--overwrite");
    auto again = run({"export", project, "--format", "shp", "--output", out, "--overwrite"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(fs::exists(out + "/grids.shp"));
    // Nothing was left beside it: no staging folder, no intermediate GeoPackage.
    for (const auto& e : fs::directory_iterator(dir.path())) {
        EXPECT_EQ(e.path().filename().string().find(".respgrid-"), std::string::npos) << e.path();
    }
}

TEST_F(Outputs, TheProjectIsNeverAnOutput) {
    // `audit P --report P` replaced the project with JSON; `export P -o P` replaced it with a GeoPackage.
    expect_refused_and_nothing_changed({"audit", project, "--report", project}, "is the project or an input");
    expect_refused_and_nothing_changed({"audit", project, "--report", project, "--overwrite"}, "never written over");
    expect_refused_and_nothing_changed({"audit", project, "--defects", project, "--overwrite"}, "never written over");
    expect_refused_and_nothing_changed({"export", project, "-o", project, "--overwrite"}, "never written over");
}

TEST_F(Outputs, TheInputOfABatchIsNeverItsOutput) {
    // `locate --input f.csv --output f.csv` cut the input from 2,000 rows to 531.
    const std::string input = dir.file("points.csv");
    expect_refused_and_nothing_changed({"locate", project, "--input", input, "--output", input}, "is the project or an input");
    // Another spelling of the same file is the same file.
    expect_refused_and_nothing_changed(
        {"locate", project, "--input", input, "--output", dir.path().string() + "/./points.csv", "--overwrite"},
        "never written over");
}

TEST_F(Outputs, AnExistingFileIsReplacedOnlyWithOverwrite) {
    const std::string located = dir.file("located.csv");
    ASSERT_EQ(run({"locate", project, "--input", dir.file("points.csv"), "--output", located}).exit_code, 0);
    const std::string report = dir.file("audit.json");
    ASSERT_NE(run({"audit", project, "--report", report}).exit_code, 6);
    const std::string gpkg = dir.file("hy.gpkg");
    ASSERT_EQ(run({"export", project, "-o", gpkg}).exit_code, 0);
    write_text(located, "mine");
    write_text(report, "mine too");
    expect_refused_and_nothing_changed({"locate", project, "--input", dir.file("points.csv"), "--output", located},
                                       "the file exists; pass --overwrite");
    expect_refused_and_nothing_changed({"audit", project, "--report", report}, "the file exists; pass --overwrite");
    expect_refused_and_nothing_changed({"export", project, "-o", gpkg}, "the file exists; pass --overwrite");
    EXPECT_EQ(run({"locate", project, "--input", dir.file("points.csv"), "--output", located, "--overwrite"}).exit_code, 0);
    EXPECT_NE(read_text(located), "mine");
    EXPECT_NE(run({"audit", project, "--report", report, "--overwrite"}).exit_code, 6);
    EXPECT_EQ(read_text(report).front(), '{');
}

TEST_F(Outputs, MapSheetsAreRefusedOneByOneAndOtherFilesInTheFolderStay) {
    const std::string maps = dir.file("maps");
    ASSERT_EQ(run({"map", project, "--township", "411626001", "--format", "svg", "-o", maps}).exit_code, 0);
    write_text(maps + "/notes.txt", "kept");
    expect_refused_and_nothing_changed({"map", project, "--all", "--format", "svg", "-o", maps}, "--overwrite");
    // The other township's sheet is new: written without asking, beside the user's file.
    auto other = run({"map", project, "--township", "411626101", "--format", "svg", "-o", maps});
    EXPECT_EQ(other.exit_code, 0) << other.err;
    auto all = run({"map", project, "--all", "--format", "svg", "-o", maps, "--overwrite"});
    EXPECT_EQ(all.exit_code, 0) << all.err;
    EXPECT_EQ(read_text(maps + "/notes.txt"), "kept");
    EXPECT_TRUE(fs::exists(maps + "/county_overview.svg"));
}

TEST_F(Outputs, ADashMeansStandardOutput) {
    auto report = run({"audit", project, "--report", "-"});
    EXPECT_NE(report.exit_code, 6) << report.err;
    ASSERT_FALSE(report.out.empty());
    EXPECT_EQ(report.out.front(), '{') << "stdout carries the JSON only; the table goes to stderr";
    EXPECT_NE(report.err.find("PASS"), std::string::npos);
    EXPECT_FALSE(fs::exists("-"));

    auto located = run({"locate", project, "--input", dir.file("points.csv"), "--output", "-"});
    EXPECT_EQ(located.exit_code, 0) << located.err;
    EXPECT_EQ(located.out.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(located.out.find("P1,114.805,33.705,cgcs2000,inside,411626001001"), std::string::npos) << located.out;
    EXPECT_NE(located.err.find("located 2 point(s)"), std::string::npos) << located.err;
    EXPECT_FALSE(fs::exists("-"));
}

TEST_F(Outputs, AnXlsxOutputIsARealWorkbookWithCodesAsText) {
    const std::string out = dir.file("located.xlsx");
    auto r = run({"locate", project, "--input", dir.file("points.csv"), "--output", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_text(out).substr(0, 2), "PK") << "a zip (XLSX), not CSV bytes";
    auto ds = geo::open_vector(out);
    EXPECT_STREQ(ds->GetDriver()->GetDescription(), "XLSX");
    OGRLayer& layer = geo::layer_of(*ds, out, "located");
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    const int code = defn->GetFieldIndex("grid_code");
    ASSERT_GE(code, 0);
    EXPECT_EQ(defn->GetFieldDefn(code)->GetType(), OFTString);
    const int distance = defn->GetFieldIndex("border_distance_m");
    ASSERT_GE(distance, 0);
    EXPECT_EQ(defn->GetFieldDefn(distance)->GetType(), OFTReal);
    std::size_t rows = 0;
    for (auto& f : layer) {
        ++rows;
        EXPECT_EQ(std::string(f->GetFieldAsString(code)).size(), 15u) << "a 15-digit code kept whole as text";
    }
    EXPECT_EQ(rows, 2u);
}

TEST_F(Outputs, AStaleRejectsFileNeverSurvivesACleanRerunAndAForeignOneIsLeftAlone) {
    const std::string input = dir.file("batch.csv");
    const std::string rejects = dir.file("located.rejects.csv");
    write_text(input, "id,lon,lat,crs\nG1,114.805,33.705,cgcs2000\nB1,114.805,,cgcs2000\n");
    auto first = run({"locate", project, "--input", input, "--output", dir.file("located.csv")});
    EXPECT_EQ(first.exit_code, 8) << first.err;
    ASSERT_TRUE(fs::exists(rejects));
    EXPECT_NE(first.out.find("located 1 point(s)"), std::string::npos) << "rejected rows are not counted as located";
    write_text(input, "id,lon,lat,crs\nG1,114.805,33.705,cgcs2000\nG2,114.815,33.715,cgcs2000\n");
    auto clean = run({"locate", project, "--input", input, "--output", dir.file("located.csv"), "--overwrite"});
    EXPECT_EQ(clean.exit_code, 0) << clean.err;
    EXPECT_FALSE(fs::exists(rejects)) << "the rejects of the earlier run are stale";

    // A file of that name that respgrid did not write is the user's (replaced only with --overwrite).
    write_text(input, "id,lon,lat,crs\nB1,114.805,,cgcs2000\n");
    write_text(dir.file("again.rejects.csv"), "my own table\n");
    expect_refused_and_nothing_changed({"locate", project, "--input", input, "--output", dir.file("again.csv")},
                                       "again.rejects.csv");
    // Imports: the rejects go beside the project, under the same rule.
    write_text(dir.file("roster.rejects.csv"), "not respgrid's\n");
    write_text(dir.file("roster.csv"), "owner_id,kind,name,unit_code\nW1,grid_worker,张三,411626001001\nX,bogus,李四,1\n");
    expect_refused_and_nothing_changed({"import", "roster", project, dir.file("roster.csv")}, "roster.rejects.csv");
}

// 500,000 rejects once took 634 MB: they were all held until the end. Now they are written as
// they come, so 1.5 million (about 1.9 GB if held) run in a process limited to 1 GB.
TEST_F(Outputs, TheRejectsOfABatchAreStreamedNotHeld) {
    const std::string input = dir.file("bad.csv");
    {
        std::string text = "id,lon,lat,crs\n";
        for (int i = 0; i < 1500000; ++i) text += "R" + std::to_string(i) + ",abc,33.7,cgcs2000\n";
        write_text(input, text);
    }
    auto r = run_program("/usr/bin/prlimit", {"--as=1000000000", respgrid_binary(), "-q", "locate", project, "--input",
                                              input, "--output", dir.file("located.csv")});
    EXPECT_EQ(r.exit_code, 8) << r.err.substr(0, 2000);
    const std::string rejects = read_text(dir.file("located.rejects.csv"));
    EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 1500001);
    EXPECT_NE(rejects.find("bad.csv,,1500001,lon"), std::string::npos);
}

TEST_F(Outputs, RepairNeverReplacesAnEarlierChangeListItNamedItself) {
    auto first = run({"repair", project, "--layer", "villages"});
    ASSERT_NE(first.exit_code, 6) << first.err;
    const std::string base = dir.file("small.repair-villages");
    ASSERT_TRUE(fs::exists(base + ".json"));
    write_text(base + ".json", "annotated by hand");
    auto second = run({"repair", project, "--layer", "villages"});
    ASSERT_NE(second.exit_code, 6) << second.err;
    EXPECT_EQ(read_text(base + ".json"), "annotated by hand");
    EXPECT_TRUE(fs::exists(base + ".2.json"));
    EXPECT_NE(second.out.find(base + ".2.json"), std::string::npos) << second.out;
}

}  // namespace
}  // namespace respgrid::test

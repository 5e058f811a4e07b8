// geo/output_files.hpp: the one rule for everything respgrid writes, on real files in a temporary
// folder: protected files by identity (links, other spellings), existing outputs only when asked,
// folders replaced only when respgrid made them and hold nothing else, staging that leaves the
// target whole until commit.
#include <gtest/gtest.h>

#include <filesystem>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/output_files.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

namespace fs = std::filesystem;
using geo::check_output;
using geo::OutputKind;
using geo::OutputRules;

std::string refusal(const std::string& path, OutputKind kind, const OutputRules& rules) {
    try {
        check_output(path, kind, rules);
    } catch (const OutputError& e) {
        EXPECT_EQ(e.path(), path);
        return e.what();
    }
    return {};
}

TEST(CheckOutput, ANewFileInAnExistingFolderIsFine) {
    TempDir dir;
    EXPECT_EQ(refusal(dir.file("new.csv"), OutputKind::File, {}), "");
    EXPECT_NE(refusal(dir.file("missing/new.csv"), OutputKind::File, {}).find("does not exist"), std::string::npos);
}

TEST(CheckOutput, AnExistingFileNeedsOverwrite) {
    TempDir dir;
    write_text(dir.file("a.csv"), "x");
    EXPECT_NE(refusal(dir.file("a.csv"), OutputKind::File, {}).find("pass --overwrite"), std::string::npos);
    EXPECT_EQ(refusal(dir.file("a.csv"), OutputKind::File, {{}, true}), "");
    fs::create_directory(dir.file("folder"));
    EXPECT_NE(refusal(dir.file("folder"), OutputKind::File, {{}, true}).find("a folder of that name"), std::string::npos);
}

TEST(CheckOutput, AProtectedFileIsRefusedByIdentityEvenWithOverwrite) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    write_text(project, "project");
    const OutputRules rules{{project}, true};
    EXPECT_NE(refusal(project, OutputKind::File, rules).find("never written over"), std::string::npos);
    EXPECT_NE(refusal(dir.path().string() + "/./p.rgproj", OutputKind::File, rules), "");
    fs::create_symlink(project, dir.file("link.gpkg"));
    EXPECT_NE(refusal(dir.file("link.gpkg"), OutputKind::File, rules), "") << "a symbolic link to the project";
    fs::create_hard_link(project, dir.file("hard.gpkg"));
    EXPECT_NE(refusal(dir.file("hard.gpkg"), OutputKind::File, rules), "") << "a hard link to the project";
    // A relative spelling from another working folder.
    const fs::path cwd = fs::current_path();
    fs::current_path(dir.path());
    EXPECT_NE(refusal("p.rgproj", OutputKind::File, {{project}, true}), "");
    EXPECT_NE(refusal(".", OutputKind::Folder, {{project}, true}).find("holds the project"), std::string::npos);
    fs::current_path(cwd);
}

TEST(CheckOutput, AFolderHoldingAProtectedFileAtAnyDepthIsRefused) {
    TempDir dir;
    fs::create_directories(dir.file("a/b"));
    write_text(dir.file("a/b/input.csv"), "lon,lat\n");
    const OutputRules rules{{dir.file("a/b/input.csv")}, true};
    EXPECT_NE(refusal(dir.file("a"), OutputKind::Folder, rules).find("holds the project or an input"), std::string::npos);
    EXPECT_NE(refusal(dir.path().string(), OutputKind::Folder, rules), "");
    EXPECT_EQ(refusal(dir.file("c"), OutputKind::Folder, rules), "");
}

TEST(CheckOutput, AFolderIsReplacedOnlyWhenRespgridMadeItAndOnlyWithOverwrite) {
    TempDir dir;
    const std::string out = dir.file("out");
    fs::create_directory(out);
    EXPECT_EQ(refusal(out, OutputKind::Folder, {}), "") << "an empty folder loses nothing";
    write_text(out + "/mine.txt", "x");
    EXPECT_NE(refusal(out, OutputKind::Folder, {{}, true}).find("did not write ('mine.txt')"), std::string::npos);
    fs::remove(out + "/mine.txt");
    {
        geo::StagedFolder staged(out);
        write_text(staged.temporary() + "/layer.csv", "a\n");
        staged.commit();
    }
    EXPECT_TRUE(fs::exists(out + "/" + std::string(geo::kFolderMarker)));
    EXPECT_NE(refusal(out, OutputKind::Folder, {}).find("pass --overwrite"), std::string::npos);
    EXPECT_EQ(refusal(out, OutputKind::Folder, {{}, true}), "");
    write_text(out + "/added-by-hand.txt", "x");
    EXPECT_NE(refusal(out, OutputKind::Folder, {{}, true}).find("added-by-hand.txt"), std::string::npos);
    write_text(dir.file("file"), "x");
    EXPECT_NE(refusal(dir.file("file"), OutputKind::Folder, {{}, true}).find("a file of that name"), std::string::npos);
}

TEST(StagedFolder, ReplacesTheEarlierFolderWholeAndRemovesOnlyItsListedFiles) {
    TempDir dir;
    const std::string out = dir.file("out");
    {
        geo::StagedFolder staged(out);
        fs::create_directory(staged.temporary() + "/sub");
        write_text(staged.temporary() + "/sub/old.csv", "old");
        write_text(staged.temporary() + "/both.csv", "old");
        staged.commit();
    }
    {
        geo::StagedFolder staged(out);
        write_text(staged.temporary() + "/both.csv", "new");
        EXPECT_EQ(read_text(out + "/both.csv"), "old") << "the target is whole until commit";
        staged.commit();
    }
    EXPECT_EQ(read_text(out + "/both.csv"), "new");
    EXPECT_FALSE(fs::exists(out + "/sub"));
    // Nothing left beside it.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 1u);
}

TEST(StagedFolder, AnUncommittedFolderLeavesNothing) {
    TempDir dir;
    {
        geo::StagedFolder staged(dir.file("out"));
        write_text(staged.temporary() + "/half.csv", "x");
    }
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(StagedTextFile, TheTargetChangesOnlyAtCommit) {
    TempDir dir;
    const std::string path = dir.file("report.json");
    write_text(path, "before");
    {
        geo::StagedTextFile file(path);
        file.write("after");
        EXPECT_EQ(read_text(path), "before");
    }
    EXPECT_EQ(read_text(path), "before") << "not committed: the old file stays, the temporary one goes";
    {
        geo::StagedTextFile file(path);
        file.write("after");
        file.commit();
    }
    EXPECT_EQ(read_text(path), "after");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 1u);
}

TEST(StagingName, IsBesideTheTargetUniqueAndKeepsTheExtension) {
    const std::string a = geo::staging_name("/data/out/hy.gpkg", ".gpkg");
    const std::string b = geo::staging_name("/data/out/hy.gpkg", ".gpkg");
    EXPECT_NE(a, b);
    EXPECT_EQ(fs::path(a).parent_path(), "/data/out");
    EXPECT_EQ(fs::path(a).extension(), ".gpkg");
    EXPECT_EQ(fs::path(a).filename().string().front(), '.');
}

}  // namespace
}  // namespace respgrid::test

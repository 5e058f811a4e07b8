#pragma once
// The one rule for every file or folder respgrid writes (docs/cli.md "Outputs"): nothing the user
// has is ever destroyed.
//  - The project and the inputs of a command are never written over, nor is a folder holding one
//    of them replaced, even when the user asks to overwrite (compared as files, with
//    std::filesystem::equivalent, never as strings).
//  - An output that exists is refused unless the user asked to overwrite it; a folder is replaced
//    only when respgrid made it (a marker inside lists every file respgrid wrote there) and it
//    holds nothing else. An existing empty folder is used as it is: nothing in it can be lost.
//  - Every output is written beside its target under a temporary name and renamed over it only
//    when complete, so a failed or killed run leaves the previous output whole.
// Paths GDAL opens itself (/vsimem/, /vsizip/...) are not on the local disk: the checks skip them.

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace respgrid::geo {

struct OutputRules {
    std::vector<std::string> protected_paths;  // the project and every input of the command
    bool overwrite = false;                    // the user asked to replace an earlier output
};

enum class OutputKind { File, Folder };

// The name of a folder's marker file ("written by respgrid; these are its files").
inline constexpr std::string_view kFolderMarker = ".respgrid-output";

// Throws OutputError when `path` may not be written as `kind` under `rules`; the message says what
// exists and, where the user may allow it, how (--overwrite). Call it before any work.
void check_output(const std::string& path, OutputKind kind, const OutputRules& rules);

// A unique temporary name beside `path` ending in `extension` (".gpkg", ".csv": GDAL drivers
// choose what to write by it), hidden on Unix so a file manager does not show half-written files:
// `.<stem of path>.respgrid-<pid>-<n>.partial<extension>`.
std::string staging_name(const std::string& path, const std::string& extension);

// A file written under a temporary name beside `path`, renamed over `path` by commit(). Removed
// unless committed.
class StagedTextFile {
public:
    explicit StagedTextFile(std::string path);  // throws OutputError
    ~StagedTextFile();
    StagedTextFile(const StagedTextFile&) = delete;
    StagedTextFile& operator=(const StagedTextFile&) = delete;

    void write(std::string_view text);  // throws OutputError (disk full)
    void commit();                      // throws OutputError
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
    std::string temporary_;
    std::FILE* file_ = nullptr;
    bool committed_ = false;
};

// A folder written under a temporary name beside `path` (created empty by the constructor),
// then moved over `path` by commit(): the marker listing its files is added, an earlier folder
// that respgrid made is replaced (only the files its marker lists are removed). Removed unless
// committed.
class StagedFolder {
public:
    explicit StagedFolder(std::string path);  // throws OutputError
    ~StagedFolder();
    StagedFolder(const StagedFolder&) = delete;
    StagedFolder& operator=(const StagedFolder&) = delete;

    [[nodiscard]] const std::string& temporary() const { return temporary_; }
    void commit();  // throws OutputError

private:
    std::string path_;
    std::string temporary_;
    bool committed_ = false;
};

}  // namespace respgrid::geo

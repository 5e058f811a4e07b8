#include "respgrid/geo/output_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>

#include "respgrid/geo/error.hpp"

namespace respgrid::geo {

namespace {

namespace fs = std::filesystem;

// Paths GDAL handles itself; nothing on the local disk to protect or check.
bool is_virtual(std::string_view path) { return path.rfind("/vsi", 0) == 0; }

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
}

// `folder` itself or one of its parents is `ancestor` (compared as files, so links and
// different spellings of one folder agree).
bool holds(const fs::path& ancestor, const fs::path& inside) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(inside, ec), ec);
    if (ec) return false;
    for (fs::path d = p.parent_path();; d = d.parent_path()) {
        if (same_file(d, ancestor)) return true;
        if (d == d.root_path() || d.empty()) return false;
    }
}

// The files (not folders) under `folder`, relative to it, sorted.
std::vector<std::string> files_under(const fs::path& folder) {
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_directory(ec)) files.push_back(fs::relative(it->path(), folder, ec).generic_string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// What a respgrid marker says was written into `folder`; nullopt when there is no marker.
std::optional<std::set<std::string>> marked_files(const fs::path& folder) {
    std::ifstream marker(folder / kFolderMarker);
    if (!marker) return std::nullopt;
    std::set<std::string> files;
    std::string line;
    std::getline(marker, line);  // the marker's own description
    while (std::getline(marker, line)) {
        if (!line.empty()) files.insert(line);
    }
    files.insert(std::string(kFolderMarker));
    return files;
}

void write_marker(const fs::path& folder) {
    const auto files = files_under(folder);
    std::ofstream marker(folder / kFolderMarker, std::ios::binary);
    marker << "respgrid wrote this folder and the files listed below; a later run with --overwrite replaces it\n";
    for (const auto& f : files) marker << f << '\n';
    if (!marker.flush()) throw OutputError(folder.string(), "outputs: cannot write the folder's marker file");
}

// Removes the files a marker lists under `folder`, then the folders left empty; anything else
// stays where it is.
void remove_marked(const fs::path& folder) {
    std::error_code ec;
    const auto listed = marked_files(folder).value_or(std::set<std::string>{});
    for (const auto& f : listed) fs::remove(folder / f, ec);
    std::vector<fs::path> dirs;
    for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_directory(ec)) dirs.push_back(it->path());
    }
    std::sort(dirs.rbegin(), dirs.rend());  // deepest first
    for (const auto& d : dirs) fs::remove(d, ec);  // only removes empty ones
    fs::remove(folder, ec);
}

std::string foreign_example(const std::vector<std::string>& foreign) {
    std::string text = "'" + foreign.front() + "'";
    if (foreign.size() > 1) text += " and " + std::to_string(foreign.size() - 1) + " more";
    return text;
}

void check_folder_contents(const fs::path& p, const std::string& path, const OutputRules& rules) {
    const auto present = files_under(p);
    if (present.empty()) return;  // an empty folder: nothing to lose
    const auto marked = marked_files(p);
    std::vector<std::string> foreign;
    for (const auto& f : present) {
        if (!marked || !marked->count(f)) foreign.push_back(f);
    }
    if (!foreign.empty()) {
        throw OutputError(path, "outputs: the folder holds files respgrid did not write (" + foreign_example(foreign) +
                                    "); it is never emptied, even with --overwrite: choose a new or empty folder");
    }
    if (!rules.overwrite) {
        throw OutputError(path, "outputs: the folder exists (an earlier respgrid output); pass --overwrite to replace it");
    }
}

}  // namespace

void check_output(const std::string& path, OutputKind kind, const OutputRules& rules) {
    if (path.empty()) throw OutputError(path, "outputs: the output name is empty");
    if (is_virtual(path)) return;
    const fs::path p(path);
    std::error_code ec;
    const auto status = fs::status(p, ec);
    const bool exists = fs::exists(status);
    for (const auto& q : rules.protected_paths) {
        if (q.empty() || is_virtual(q) || !exists) continue;
        if (same_file(p, q)) {
            throw OutputError(path, "outputs: this is the project or an input of the command (" + q +
                                        "); it is never written over, even with --overwrite: choose another name");
        }
        if (fs::is_directory(status) && holds(p, q)) {
            throw OutputError(path, "outputs: the folder holds the project or an input of the command (" + q +
                                        "); it is never replaced, even with --overwrite: choose another folder");
        }
    }
    const fs::path parent = fs::absolute(p, ec).parent_path();
    if (kind == OutputKind::File && !fs::is_directory(parent, ec)) {
        throw OutputError(path, "outputs: the folder '" + parent.string() + "' does not exist");
    }
    if (!exists) return;
    if (kind == OutputKind::File) {
        if (fs::is_directory(status)) throw OutputError(path, "outputs: a folder of that name exists; give a file name");
        if (!rules.overwrite) throw OutputError(path, "outputs: the file exists; pass --overwrite to replace it");
        return;
    }
    if (!fs::is_directory(status)) {
        throw OutputError(path, "outputs: a file of that name exists where the output folder would go; choose another name");
    }
    check_folder_contents(p, path, rules);
}

std::string staging_name(const std::string& path, const std::string& extension) {
    static std::atomic<unsigned> counter{0};
    // The target's stem only: GDAL's /vsizip/ (which writes XLSX) takes the first ".xlsx" or ".zip"
    // in a path for the end of the archive's name, so the target's extension must not reappear.
    const fs::path p(path);
    const std::string name = "." + p.stem().string() + ".respgrid-" + std::to_string(::getpid()) + "-" +
                             std::to_string(counter.fetch_add(1)) + ".partial" + extension;
    return (p.parent_path() / name).string();
}

StagedTextFile::StagedTextFile(std::string path)
    : path_(std::move(path)), temporary_(staging_name(path_, "")), file_(std::fopen(temporary_.c_str(), "wbx")) {
    if (!file_) throw OutputError(path_, "outputs: cannot create the file beside its target (" + temporary_ + ")");
}

StagedTextFile::~StagedTextFile() {
    if (file_) std::fclose(file_);
    if (!committed_) std::remove(temporary_.c_str());
}

void StagedTextFile::write(std::string_view text) {
    if (!file_) throw OutputError(path_, "outputs: the file is already closed");
    if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
        throw OutputError(path_, "outputs: cannot write (disk full?)");
    }
}

void StagedTextFile::commit() {
    std::FILE* f = file_;
    file_ = nullptr;
    if (!f || std::fclose(f) != 0) throw OutputError(path_, "outputs: cannot write (disk full?)");
    std::error_code ec;
    fs::rename(temporary_, path_, ec);
    if (ec) throw OutputError(path_, "outputs: cannot move the finished file into place: " + ec.message());
    committed_ = true;
}

StagedFolder::StagedFolder(std::string path) : path_(std::move(path)), temporary_(staging_name(path_, "")) {
    std::error_code ec;
    const fs::path parent = fs::absolute(path_, ec).parent_path();
    fs::create_directories(parent, ec);
    if (!fs::create_directory(temporary_, ec)) {
        throw OutputError(path_, "outputs: cannot create a folder beside the target (" + temporary_ + "): " + ec.message());
    }
}

StagedFolder::~StagedFolder() {
    if (committed_) return;
    std::error_code ec;
    fs::remove_all(temporary_, ec);  // our own, uniquely named folder
}

void StagedFolder::commit() {
    write_marker(temporary_);
    std::error_code ec;
    const fs::path target(path_);
    if (fs::is_directory(target, ec) && !fs::is_empty(target, ec)) {
        // Checked by check_output before the work; checked again, since the work took a while.
        check_folder_contents(target, path_, OutputRules{{}, true});
        const std::string old = staging_name(path_, ".old");
        fs::rename(target, old, ec);
        if (ec) throw OutputError(path_, "outputs: cannot move the earlier folder aside: " + ec.message());
        fs::rename(temporary_, target, ec);
        if (ec) {
            std::error_code ignored;
            fs::rename(old, target, ignored);
            throw OutputError(path_, "outputs: cannot move the finished folder into place: " + ec.message());
        }
        committed_ = true;
        remove_marked(old);
        return;
    }
    fs::rename(temporary_, target, ec);  // over nothing, or over an empty folder
    if (ec) throw OutputError(path_, "outputs: cannot move the finished folder into place: " + ec.message());
    committed_ = true;
}

}  // namespace respgrid::geo

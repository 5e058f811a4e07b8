#pragma once
// The rejects of a batch, beside its output (batch locate) or beside the project (imports), as
// `<stem>.rejects.csv`: file, layer, record, field, reason (and the record's text when the reader
// kept it), streamed as they come so a batch never holds them all. The rule for the file is the
// rule for every output (geo/output_files.hpp): never the project or an input; a rejects file of
// an earlier run (recognised by its header) is replaced, and removed when a clean re-run has no
// rejects, so a stale one never survives; any other file of that name is left alone and the
// command stops before doing any work, unless --overwrite.

#include <memory>
#include <string>
#include <vector>

#include "cli/console.hpp"
#include "respgrid/geo/output_files.hpp"

namespace respgrid::geo {
class StagedTextFile;
}

namespace respgrid::cli {

class RejectsFile {
public:
    // Checks at once that `<folder of beside>/<stem of name>.rejects.csv` may be written.
    RejectsFile(const std::string& beside, const std::string& name, const geo::OutputRules& rules, bool with_text);
    ~RejectsFile();
    RejectsFile(const RejectsFile&) = delete;
    RejectsFile& operator=(const RejectsFile&) = delete;

    // Writes `rejects` (in the order given) and keeps the first few for the terminal.
    void add(const std::vector<Reject>& rejects);
    [[nodiscard]] std::size_t count() const { return count_; }
    [[nodiscard]] const std::string& path() const { return path_; }

    // Completes the file and tells the user where it is (with the first reasons); with no
    // rejects, removes the stale file of an earlier run. Throws OutputError.
    void finish(const Console& console, const std::string& input);

private:
    std::string path_;
    bool with_text_;
    std::unique_ptr<geo::StagedTextFile> file_;  // opened at the first reject
    std::size_t count_ = 0;
    std::vector<Reject> first_;
    std::string buffer_;
};

// The rejects of one import, all at once: written beside the project as `<input stem>.rejects.csv`,
// or a stale file removed. The project and the input are protected.
void write_rejects_beside(const Console& console, const std::string& project, const std::string& input,
                          const std::vector<Reject>& rejects);

}  // namespace respgrid::cli

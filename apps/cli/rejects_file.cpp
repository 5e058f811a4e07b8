#include "cli/rejects_file.hpp"

#include <filesystem>

#include "respgrid/exporters/csv.hpp"

namespace respgrid::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kShown = 5;  // reasons shown on the terminal; the rest are in the file

std::string rejects_path(const std::string& beside, const std::string& name) {
    return (fs::path(beside).parent_path() / (fs::path(name).stem().string() + ".rejects.csv")).string();
}

}  // namespace

RejectsFile::RejectsFile(const std::string& beside, const std::string& name, const geo::OutputRules& rules,
                         bool with_text)
    : path_(rejects_path(beside, name)), with_text_(with_text) {
    // A rejects file of an earlier run describes an older state of the same input: replaced
    // without asking. Anything else at that name is the user's.
    geo::OutputRules own = rules;
    std::error_code ec;
    if (fs::is_regular_file(path_, ec) && exporters::rejects_csv::is_rejects_file(path_)) own.overwrite = true;
    geo::check_output(path_, geo::OutputKind::File, own);
}

RejectsFile::~RejectsFile() = default;

void RejectsFile::add(const std::vector<Reject>& rejects) {
    if (rejects.empty()) return;
    if (!file_) {
        file_ = std::make_unique<geo::StagedTextFile>(path_);
        file_->write(exporters::rejects_csv::header(with_text_));
    }
    buffer_.clear();
    for (const auto& r : rejects) {
        exporters::rejects_csv::append(buffer_, r, with_text_);
        if (first_.size() < kShown) first_.push_back(r);
    }
    file_->write(buffer_);
    count_ += rejects.size();
}

void RejectsFile::finish(const Console& console, const std::string& input) {
    if (!file_) {
        std::error_code ec;
        if (fs::is_regular_file(path_, ec) && exporters::rejects_csv::is_rejects_file(path_) && fs::remove(path_, ec)) {
            console.note("removed " + path_ + ": the rejects of an earlier run, none this time");
        }
        return;
    }
    file_->commit();
    console.warn(std::to_string(count_) + " record(s) of " + input + " rejected; reasons in " + path_);
    for (const auto& r : first_) console.io.err << "  " << r.where.describe() << ": " << r.reason << '\n';
    if (count_ > first_.size()) console.io.err << "  ...\n";
}

void write_rejects_beside(const Console& console, const std::string& project, const std::string& input,
                          const std::vector<Reject>& rejects) {
    RejectsFile file(project, input, geo::OutputRules{{project, input}, false}, exporters::rejects_csv::has_text(rejects));
    file.add(exporters::rejects_csv::in_file_order(rejects));
    file.finish(console, input);
}

}  // namespace respgrid::cli

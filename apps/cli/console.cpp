#include "cli/console.hpp"

#include <cstdio>
#include <memory>


namespace respgrid::cli {

namespace {

// GDALTermProgress's look, on stderr: dots every 2.5%, the tens as numbers.
class TermProgress {
public:
    TermProgress(std::ostream& err, std::string label) : err_(err), label_(std::move(label)) {}
    bool operator()(double fraction, std::string_view) {
        if (!started_) {
            err_ << label_ << ": " << std::flush;
            started_ = true;
        }
        int step = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 40.0 + 1e-9);
        while (shown_ < step) {
            ++shown_;
            if (shown_ % 4 == 0) {
                err_ << shown_ / 4 * 10;
                if (shown_ == 40) err_ << " - done.\n";
            } else {
                err_ << '.';
            }
        }
        err_ << std::flush;
        return true;
    }

private:
    std::ostream& err_;
    std::string label_;
    bool started_ = false;
    int shown_ = -1;
};

}  // namespace

Progress Console::progress(const std::string& label) const {
    if (quiet) return {};
    auto state = std::make_shared<TermProgress>(io.err, label);
    return [state](double f, std::string_view msg) { return (*state)(f, msg); };
}

void Console::note(const std::string& text) const {
    if (!quiet) io.err << text << '\n';
}

void Console::warn(const std::string& text) const { io.err << "warning: " << text << '\n'; }

void add_overwrite_flag(CLI::App& command, bool& overwrite) {
    command.add_flag("--overwrite", overwrite,
                     "Replace an output of an earlier run (never the project or an input, nor a folder holding files "
                     "respgrid did not write)");
}

void add_headers_option(CLI::App& command, exporters::Headers& headers, bool zh_alias) {
    command
        .add_option_function<std::string>(
            "--headers", [&headers](const std::string& text) { headers = *exporters::parse_headers(text); },
            "Header row of CSV/XLSX tables: en (column names, the default) or zh (Chinese titles)")
        ->check(CLI::IsMember({"en", "zh"}));
    if (zh_alias) {
        command.add_flag_callback("--headers-zh", [&headers] { headers = exporters::Headers::Zh; }, "Same as --headers zh");
    }
}

}  // namespace respgrid::cli

#pragma once
// What every command shares: the output streams, the --quiet switch, progress on stderr in
// GDAL's style ("message 0...10...20...100 - done."), and a few formatting helpers.

#include <CLI/CLI.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/number_text.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/ops/errors.hpp"

namespace respgrid::cli {

// A command line that is wrong in a way CLI11 cannot see (e.g. conflicting options); the use
// cases throw the same error for a request they cannot carry out as asked.
using UsageError = ops::UsageError;

struct Console {
    Io& io;
    bool quiet = false;

    // A Progress that prints to stderr, or nothing with --quiet.
    [[nodiscard]] Progress progress(const std::string& label) const;
    // A note on stderr (suppressed by --quiet).
    void note(const std::string& text) const;
    // A warning on stderr (always shown).
    void warn(const std::string& text) const;
};

// --overwrite on a command that writes files: an existing output is replaced only when asked
// (geo/output_files.hpp has the whole rule).
void add_overwrite_flag(CLI::App& command, bool& overwrite);

// --headers en|zh on a command that writes tables (CSV, XLSX): the ASCII names (en, the default)
// or the Chinese titles (zh) in the header row (exporters::headed). `zh_alias` also declares
// --headers-zh, the older spelling of --headers zh that ledger list had first.
void add_headers_option(CLI::App& command, exporters::Headers& headers, bool zh_alias = false);

}  // namespace respgrid::cli

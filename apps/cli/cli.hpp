#pragma once
// The respgrid command line as a library function, so tests can run commands in-process.

#include <ostream>
#include <string>
#include <vector>

namespace respgrid::cli {

struct Io {
    std::ostream& out;  // results
    std::ostream& err;  // diagnostics and progress
};

// Exit codes (docs/cli.md). Kept clear of 124-127 and 137, which `timeout` and shells use.
enum ExitCode : int {
    kOk = 0,
    kInternalError = 1,
    kUsageError = 2,
    kDefectsFound = 3,   // audit: coverage not complete; locate: the point is in no grid
    kInputError = 4,     // an input file, CRS or code cannot be used
    kStoreError = 5,     // the project file cannot be opened or written
    kOutputError = 6,    // an output file cannot be written
    kGeometryError = 7,  // GEOS failed on the data
    kRowsRejected = 8,   // a batch wrote its good rows but rejected some (reasons in *.rejects.csv)
    kRefused = 9,        // ledger: the workflow does not allow the change (nothing changed)
};

// args[0] is the program name.
int run_cli(const std::vector<std::string>& args, Io& io);

}  // namespace respgrid::cli

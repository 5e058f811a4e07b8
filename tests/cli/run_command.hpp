#pragma once
// Runs the real respgrid binary and captures what it printed and its exit status.

#include <string>
#include <vector>

namespace respgrid::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `respgrid <args...>`; arguments are passed without a shell.
CommandResult run_respgrid(const std::vector<std::string>& args);

// Runs the program at the absolute path `program` with `args`, without a shell. With
// `stdout_path`, its standard output goes to that file (e.g. /dev/full) and `out` stays empty.
CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stdout_path = {});

}  // namespace respgrid::test

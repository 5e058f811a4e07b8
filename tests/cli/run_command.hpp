#pragma once
// Runs respgrid commands and captures what they printed and their exit status: in-process
// through cli::run_cli (as PROJ's test_projinfo_lib.cpp runs projinfo), or as the real binary
// for the end-to-end tests that need a process (exit status, stdout on /dev/full, limits).

#include <string>
#include <vector>

namespace respgrid::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `respgrid <args...>` in this process (cli::run_cli), unless RESPGRID_BINARY is set: then
// through that binary, so the suite can be pointed at any build.
CommandResult run_respgrid(const std::vector<std::string>& args);
// Runs the built respgrid binary (test_support.hpp respgrid_binary()); arguments are passed
// without a shell.
CommandResult run_respgrid_binary(const std::vector<std::string>& args);

// Runs each `respgrid` command in turn until one fails: "" when all succeed, else which step
// failed, its exit code and what it printed on stderr (for a test suite's set-up).
std::string run_steps(const std::vector<std::vector<std::string>>& steps);

// Runs the program at the absolute path `program` with `args`, without a shell. With
// `stdout_path`, its standard output goes to that file (e.g. /dev/full) and `out` stays empty.
CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stdout_path = {});

}  // namespace respgrid::test

#pragma once
// A bash completion script made from the command line's own definitions (subcommands, options,
// the values an option accepts), so it cannot drift from the real options. The build writes it
// with `respgrid --bash-completion` and installs it (apps/CMakeLists.txt).

#include <CLI/CLI.hpp>
#include <string>

namespace respgrid::cli {

// The script for `program` (the command name it completes), for the whole tree under `app`.
std::string bash_completion(const CLI::App& app, const std::string& program);

}  // namespace respgrid::cli

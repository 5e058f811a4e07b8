#pragma once
// A subcommand, in the shape of osmium-tool's commands (src/cmd.hpp): it declares its options,
// runs one ops use case with them, prints the result and returns the exit code. The work is in
// ops/; a command only translates options into an ops call and the result into text. Errors
// are not caught here: run_cli maps each error type to its exit code once (cli.cpp).
//
//     class InitCommand : public Command {
//         CLI::App* declare(CLI::App& app) override;   // options bind to members
//         int run(Console& console) override;          // ops::init_project(...), print
//     };

#include <CLI/CLI.hpp>

#include <memory>
#include <vector>

#include "cli/console.hpp"

namespace respgrid::cli {

class Command {
public:
    Command() = default;
    Command(const Command&) = delete;
    Command& operator=(const Command&) = delete;
    virtual ~Command() = default;

    // Adds the subcommand and its options to `app`; returns the subcommand.
    virtual CLI::App* declare(CLI::App& app) = 0;
    // Runs after the command line was parsed; returns the exit code (cli.hpp).
    virtual int run(Console& console) = 0;
};

}  // namespace respgrid::cli

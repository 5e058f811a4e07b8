#pragma once
// The subcommands, each a Command (cli/cmd.hpp) made by its make_*_command(); the option
// conversions they share are in cli/options.hpp.

#include <CLI/CLI.hpp>

#include <memory>

#include "cli/cmd.hpp"
#include "cli/console.hpp"
#include "cli/options.hpp"

namespace respgrid::cli {

std::unique_ptr<Command> make_init_command();
std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_grid_command();
std::unique_ptr<Command> make_assign_command();
std::unique_ptr<Command> make_locate_command();
std::unique_ptr<Command> make_audit_command();
std::unique_ptr<Command> make_repair_command();
std::unique_ptr<Command> make_owners_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_map_command();
std::unique_ptr<Command> make_ledger_command();
std::unique_ptr<Command> make_report_command();
std::unique_ptr<Command> make_serve_command();

}  // namespace respgrid::cli

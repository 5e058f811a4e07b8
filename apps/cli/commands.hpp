#pragma once
// One function per subcommand: it declares the subcommand and its options on `app`, and sets
// the callback that does the work and stores the exit code in `exit_code`.

#include <CLI/CLI.hpp>

#include "cli/console.hpp"
#include "respgrid/geo/crs.hpp"

namespace respgrid::cli {

void add_init_command(CLI::App& app, Console& console, int& exit_code);
void add_import_command(CLI::App& app, Console& console, int& exit_code);
void add_grid_command(CLI::App& app, Console& console, int& exit_code);
void add_assign_command(CLI::App& app, Console& console, int& exit_code);
void add_locate_command(CLI::App& app, Console& console, int& exit_code);
void add_audit_command(CLI::App& app, Console& console, int& exit_code);
void add_repair_command(CLI::App& app, Console& console, int& exit_code);
void add_owners_command(CLI::App& app, Console& console, int& exit_code);
void add_export_command(CLI::App& app, Console& console, int& exit_code);
void add_map_command(CLI::App& app, Console& console, int& exit_code);

// Parses a --crs value, turning a CrsError into an input error with the option's name.
geo::Crs crs_option(const std::string& text, const std::string& option);

}  // namespace respgrid::cli

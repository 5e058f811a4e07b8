#pragma once
// The subcommands. Each is a Command (cli/cmd.hpp) made by its make_*_command(); commands not
// yet in that shape still have an add_*_command() that declares them with a callback storing
// the exit code in `exit_code`.

#include <CLI/CLI.hpp>

#include <memory>

#include "cli/cmd.hpp"
#include "cli/console.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::cli {

std::unique_ptr<Command> make_init_command();
std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_grid_command();
std::unique_ptr<Command> make_assign_command();
void add_locate_command(CLI::App& app, Console& console, int& exit_code);
void add_audit_command(CLI::App& app, Console& console, int& exit_code);
void add_repair_command(CLI::App& app, Console& console, int& exit_code);
void add_owners_command(CLI::App& app, Console& console, int& exit_code);
void add_export_command(CLI::App& app, Console& console, int& exit_code);
void add_map_command(CLI::App& app, Console& console, int& exit_code);

// Parses a --crs value, turning a CrsError into a usage error with the option's name.
geo::Crs crs_option(const std::string& text, const std::string& option);
// What a --crs of input coordinates takes (geo::parse_crs), for the options' help.
inline constexpr const char* kCrsForms = "EPSG:n, AUTH:CODE (ESRI:102100), an OGC URN, a PROJ string or WKT; or wgs84, "
                                         "cgcs2000, gcj02, bd09";

// CLI11 check for an input GDAL reads (a table or layer): an existing file or folder, or a GDAL
// source that is not a local path: a /vsi virtual file (/vsizip/a.zip/b.csv, /vsicurl/https://...)
// or a connection string (PG:dbname=..., WFS:https://...). GDAL's own error names what fails.
const CLI::Validator& gdal_source();

// Parses a time option (--at) as every reader reads times (grids::parse_time), a time without an
// offset being in `zone`, a day alone its last second; UsageError naming the option and the reason.
grids::Instant time_option(const std::string& text, const std::string& option, grids::UtcOffset zone);
// Parses a day option (map --date): a day, or a time whose day in `zone` is taken.
grids::Date date_option(const std::string& text, const std::string& option, grids::UtcOffset zone);
// Parses --timezone: a UTC offset or China's zone name.
grids::UtcOffset zone_option(const std::string& text, const std::string& option);

}  // namespace respgrid::cli

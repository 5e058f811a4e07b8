#pragma once
// The subcommands, each a Command (cli/cmd.hpp) made by its make_*_command(), and the option
// conversions they share.

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
std::unique_ptr<Command> make_locate_command();
std::unique_ptr<Command> make_audit_command();
std::unique_ptr<Command> make_repair_command();
std::unique_ptr<Command> make_owners_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_map_command();

// Parses a --crs value, turning a CrsError into a usage error with the option's name.
geo::Crs crs_option(const std::string& text, const std::string& option);
// What a --crs of input coordinates takes (geo::parse_crs), for the options' help.
inline constexpr const char* kCrsForms = "EPSG:n, AUTH:CODE (ESRI:102100), an OGC URN, a PROJ string or WKT; or wgs84, "
                                         "cgcs2000, gcj02, bd09";

// CLI11 check for an input GDAL reads (a table or layer): an existing file or folder, or a GDAL
// source that is not a local path: a /vsi virtual file (/vsizip/a.zip/b.csv, /vsicurl/https://...)
// or a connection string (PG:dbname=..., WFS:https://...). GDAL's own error names what fails.
const CLI::Validator& gdal_source();

// Reads a time option (--at) as every reader reads times (grids::parse_time), for a use case to
// place in the project's zone; UsageError naming the option and the reason.
grids::TimeText time_text_option(const std::string& text, const std::string& option);
// Parses a time option (--at) as every reader reads times (grids::parse_time), a time without an
// offset being in `zone`, a day alone its last second; UsageError naming the option and the reason.
grids::Instant time_option(const std::string& text, const std::string& option, grids::UtcOffset zone);
// Parses a date or time option (map --date) as every reader reads times, for a use case that
// reads it in its project's zone (grids::TimeText::day); UsageError naming the option and the reason.
grids::TimeText time_text_option(const std::string& text, const std::string& option);
// Parses --timezone: a UTC offset or China's zone name.
grids::UtcOffset zone_option(const std::string& text, const std::string& option);

}  // namespace respgrid::cli

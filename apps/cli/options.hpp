#pragma once
// Option text turned into the typed values the use cases take (geo::Crs, grids::TimeText,
// grids::UtcOffset), each with a UsageError that names the option; and the check of a GDAL source.

#include <CLI/CLI.hpp>

#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::cli {

// Parses a --crs value, turning a CrsError into a usage error with the option's name.
geo::Crs crs_option(const std::string& text, const std::string& option);
// What a --crs of input coordinates takes (geo::parse_crs), for the options' help.
inline constexpr const char* kCrsForms = "EPSG:n, AUTH:CODE (ESRI:102100), an OGC URN, a PROJ string or WKT; or wgs84, "
                                         "cgcs2000, gcj02, bd09";

// CLI11 check for an input GDAL reads (a table or layer): an existing file or folder, or a GDAL
// source that is not a local path: a /vsi virtual file (/vsizip/a.zip/b.csv, /vsicurl/https://...)
// or a connection string (PG:dbname=..., WFS:https://...). GDAL's own error names what fails.
const CLI::Validator& gdal_source();

// Reads a time option (--at, map --date) as every reader reads times (grids::parse_time), for a
// use case to place in its project's zone (a time without an offset in the zone, a day alone its
// last second, or for --date the day); UsageError naming the option and the reason.
grids::TimeText time_text_option(const std::string& text, const std::string& option);
// Parses --timezone: a UTC offset or China's zone name.
grids::UtcOffset zone_option(const std::string& text, const std::string& option);

}  // namespace respgrid::cli

#pragma once
// Attribute tables from any tabular source: CSV (.csv/.txt, read by the strict reader of
// csv_records.hpp, UTF-8 or GB18030/GBK), Excel .xlsx, ODS, or the attribute table of any vector
// layer GDAL reads (in the layer's encoding: importers' TextLayer). Every value is read as text;
// the importers parse and validate it, so a bad value becomes a reject naming its line and field.
// A point layer (GeoPackage, Shapefile, GeoJSON points) also gives each row its point.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/text_encoding.hpp"

namespace respgrid::importers {

// Rows are numbered as the file is: a CSV row by the file's line (the header is line 1, blank
// lines count, a record spanning lines has its first line's number: what batch locate reports
// too); a spreadsheet row by the sheet's row (header = row 1); a vector layer's row by its
// feature id. Blank rows are never returned.
struct TableRow {
    long long line = 0;  // the number described above
    std::vector<std::string> values;
    // Point layers: the feature's point as stored (x = easting/longitude, in Table::crs), or why
    // it has none ("geometry is a LineString, not a point").
    std::optional<geo::XY> point{};
    std::string no_point{};
};

struct Table {
    std::string path;
    std::string layer;
    std::vector<std::string> fields;
    std::vector<TableRow> rows{};
    std::vector<Reject> rejects{};  // CSV records that are not rows (broken quoting, too many values)
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the file's (text_encoding.hpp)
    std::string record_label = "row";                      // "line" (CSV), "row" (sheets), "feature"
    bool point_layer = false;                              // rows carry points
    std::optional<geo::Crs> crs{};                         // a point layer's declared CRS

    // Index of the first field whose name matches one of `names` (case-insensitive), if any.
    [[nodiscard]] std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const;
    // As find(), but throws InputError listing the fields present when none matches.
    [[nodiscard]] std::size_t require(std::initializer_list<std::string_view> names) const;
    // Where a value of a row is, for rejects.
    [[nodiscard]] SourceLocation where(const TableRow& row, std::size_t field) const;
    [[nodiscard]] SourceLocation where(const TableRow& row) const;
    // How many records were read: rows and rejected records.
    [[nodiscard]] std::size_t records_read() const { return rows.size() + rejects.size(); }
};

// Reads a table (`layer`: a sheet or layer name; empty: the first; not used for CSV). Throws
// InputError when the file cannot be opened, has no such layer, is neither UTF-8 nor GB18030
// text (naming the line or feature), or GDAL cannot read it to its end.
Table read_table(const std::string& path, const std::string& layer = {});

// Trims ASCII white space (and UTF-8 no-break spaces) from both ends: every reader's one rule.
std::string_view trimmed(std::string_view text);
std::string trim(std::string_view text);
// A list typed into one cell ("411626001;411626002", "0301、0302"): the items between ; , ； ，
// 、 | or spaces, trimmed, empty ones dropped.
std::vector<std::string> split_list(const std::string& text);
// Strict number parsing: the whole text must be a finite number.
std::optional<double> parse_number(std::string_view text);

}  // namespace respgrid::importers

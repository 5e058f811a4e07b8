#pragma once
// Attribute tables from any tabular source GDAL reads: CSV (UTF-8, with or without BOM),
// Excel .xlsx, ODS, or the attribute table of any vector layer. Every value is read as text;
// the importers parse and validate it, so a bad value becomes a reject naming its line and field.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/error.hpp"

namespace respgrid::importers {

// Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row
// 2, and a quoted cell spanning several lines is still one row (Excel and LibreOffice show a CSV
// that way). GDAL skips blank CSV lines without counting them, so after a blank line a CSV row
// number is one less than the spreadsheet's; blank rows are never returned. For other vector
// layers the number is the feature id.
struct TableRow {
    long long line = 0;  // the row number described above
    std::vector<std::string> values;
};

struct Table {
    std::string path;
    std::string layer;
    std::vector<std::string> fields;
    std::vector<TableRow> rows;

    // Index of the first field whose name matches one of `names` (case-insensitive), if any.
    [[nodiscard]] std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const;
    // As find(), but throws InputError listing the fields present when none matches.
    [[nodiscard]] std::size_t require(std::initializer_list<std::string_view> names) const;
    // Where a value of a row is, for rejects.
    [[nodiscard]] SourceLocation where(const TableRow& row, std::size_t field) const;
    [[nodiscard]] SourceLocation where(const TableRow& row) const;
};

// Reads a table; throws InputError when the file cannot be opened or has no such layer.
Table read_table(const std::string& path, const std::string& layer = {});

// Trims ASCII white space (and a UTF-8 no-break space) from both ends.
std::string trim(std::string_view text);
// A list typed into one cell ("411626001;411626002", "0301、0302"): the items between ; , ； ，
// 、 | or spaces, trimmed, empty ones dropped.
std::vector<std::string> split_list(const std::string& text);
// Strict number parsing: the whole text must be a finite number.
std::optional<double> parse_number(std::string_view text);

}  // namespace respgrid::importers

#pragma once
// Plain tables written as CSV (RFC 4180 quoting of commas, quotes and line breaks, by the one
// writer of table_sink.hpp). UTF-8 with a byte-order mark, so Excel on a county office PC shows
// the Chinese text correctly; GDAL and most tools skip the mark when reading.
//
// Every text cell respgrid writes into a CSV goes through csv_text(): these files are opened
// in Excel, and a cell such as =HYPERLINK(...) taken from an imported name would run as a
// formula there (CSV or formula injection).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters {

// `value` made safe for a spreadsheet cell, as OWASP recommends: text starting with = + - @,
// a tab or a line break gets a leading single quote ('), which Excel reads as "this is text".
// A value that is entirely a decimal number ("-12.5", "+3", "1e-3") is a number, not a
// formula, and stays as it is; so does every other value.
std::string csv_text(std::string_view value);

// Appends `value` as one field of a CSV line: csv_text(), then quoted when it holds a comma, a
// quote or a line break (RFC 4180). For writers that build their lines themselves.
void append_csv_field(std::string& out, std::string_view value);
// One record: cells back to back in `text`, cell i ending at ends[i] (cell 0 starting at
// `begin`), written as append_csv_field writes each, with commas and a line feed. A record
// with nothing to quote or guard (the usual one) is copied in one pass.
void append_csv_record(std::string& out, std::string_view text, std::uint32_t begin, const std::uint32_t* ends,
                       std::size_t width);

// Writes `rows` under `header` (a short row gets empty cells) through csv_file_sink(). Replaces
// `path`. Throws OutputError.
void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows);

// The rejects of a batch: file, layer, record (line or feature id), field, reason, and with
// `with_text` the record as it was in the file. Written in pieces, so a batch streams them.
namespace rejects_csv {
// The UTF-8 BOM and the header line.
std::string header(bool with_text);
// One reject as a CSV line.
void append(std::string& out, const Reject& reject, bool with_text);
// Whether the file at `path` starts with the header respgrid writes: a rejects file of an earlier
// run, which a new run of the same input may replace.
bool is_rejects_file(const std::string& path);
// Whether any reject carries the record's own text (then the file gets a `text` column, so a
// technician can fix the record and resubmit it).
bool has_text(const std::vector<Reject>& rejects);
// `rejects` in file and record order; ties keep their order.
std::vector<Reject> in_file_order(std::vector<Reject> rejects);
}  // namespace rejects_csv

// Writes `layer` to the CSV file `path` with GDAL's CSV driver and the layer creation
// `options`, feature by feature: numeric columns as GDAL writes them, every text column through
// csv_text(). With Headers::Zh the columns are named by the fields' Chinese titles where the
// layer is one respgrid writes (layer_fields.hpp). Returns the number of rows. Throws OutputError.
long long write_layer_csv(OGRLayer& layer, const std::string& path, const std::vector<std::string>& options,
                          Headers headers = Headers::En);

}  // namespace respgrid::exporters

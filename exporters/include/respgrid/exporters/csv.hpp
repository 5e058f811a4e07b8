#pragma once
// Plain tables written as CSV through GDAL's CSV driver (correct quoting of commas, quotes and
// line breaks). UTF-8 with a byte-order mark, so Excel on a county office PC shows the Chinese
// text correctly; GDAL and most tools skip the mark when reading.

#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/error.hpp"

namespace respgrid::exporters {

// Writes `rows` under `header`; every row must have header.size() values. Replaces `path`.
// Throws OutputError.
void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows);

// Appends one CSV field to `out`, quoted only where CSV needs it (a comma, quote or line break):
// numbers-as-text such as codes stay readable.
void append_csv_field(std::string& out, std::string_view value);

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
}  // namespace rejects_csv

// The rejects of a batch in file and record order, replacing `path` (staged). Throws OutputError.
void write_rejects(const std::string& path, const std::vector<Reject>& rejects);

}  // namespace respgrid::exporters

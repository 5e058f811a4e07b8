#pragma once
// Plain tables written as CSV through GDAL's CSV driver (correct quoting of commas, quotes and
// line breaks). UTF-8 with a byte-order mark, so Excel on a county office PC shows the Chinese
// text correctly; GDAL and most tools skip the mark when reading.

#include <string>
#include <vector>

#include "respgrid/geo/error.hpp"

namespace respgrid::exporters {

// Writes `rows` under `header`; every row must have header.size() values. Replaces `path`.
// Throws OutputError.
void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows);

// The rejects of a batch: file, record (line or feature id), field, reason.
void write_rejects(const std::string& path, const std::vector<Reject>& rejects);

}  // namespace respgrid::exporters

#pragma once
// Batch locate's reader: a CSV point table read in blocks of whole records and parsed on several
// threads, because a general reader (GDAL's) costs more per row than locating does. The records,
// their values and the file's encoding come from the strict CSV reader every CSV import uses
// (csv_records.hpp); fast_float parses the numbers, and every row goes through the same
// PointChecker as read_point_table, so both readers accept and reject the same rows for the same
// reasons, on the same lines.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/importers/csv_records.hpp"
#include "respgrid/importers/point_checker.hpp"

namespace respgrid::importers {

// Parsed, checked rows of some records; rows keep their values for the output.
struct PointRows {
    std::size_t field_count = 0;
    std::string values;               // every value of every row, back to back
    std::vector<std::uint32_t> ends;  // end offset in `values` of each value, field_count per row
    std::vector<long long> lines;
    std::vector<geo::XY> positions;  // target CRS
    std::vector<Reject> rejects;     // in input order, each with the record's text

    [[nodiscard]] std::size_t size() const { return lines.size(); }
    [[nodiscard]] std::string_view value(std::size_t row, std::size_t field) const;
    void clear();
};

class CsvPointFile {
public:
    // Opens the file and reads its header. Throws InputError when it cannot be read, is neither
    // UTF-8 nor GB18030 text (naming the line), or lacks a lon or lat column (or a crs column
    // when no default CRS is given).
    explicit CsvPointFile(const PointTableOptions& options);

    [[nodiscard]] const std::vector<std::string>& fields() const { return file_.fields(); }
    [[nodiscard]] std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const;
    [[nodiscard]] const PointTableOptions& options() const { return options_; }
    [[nodiscard]] geo::TextEncoding encoding() const { return file_.encoding(); }
    [[nodiscard]] std::uint64_t bytes_total() const { return file_.bytes_total(); }
    [[nodiscard]] std::uint64_t bytes_read() const { return file_.bytes_read(); }

    // Replaces `block` with the next whole records, about `bytes` of text; false at the end.
    bool read_block(CsvBlock& block, std::size_t bytes = std::size_t{8} << 20) {
        return file_.read_block(block, bytes);
    }

    // Parses and checks records [first, last) of `block`, appending to `out`. Const: several
    // threads may parse parts of one block at once, each with its own checker and output.
    void parse(const CsvBlock& block, std::size_t first, std::size_t last, PointChecker& checker, PointRows& out) const;

private:
    PointTableOptions options_;
    CsvFile file_;
    std::size_t x_field_ = 0;
    std::size_t y_field_ = 0;
    std::optional<std::size_t> crs_field_;
};

}  // namespace respgrid::importers

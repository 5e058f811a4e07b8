#pragma once
// Batch locate's reader: a CSV point table read in blocks of whole records and parsed on several
// threads, because a general reader (GDAL's CSV driver) costs more per row than locating does.
// libcsv splits the fields (strict RFC 4180 quoting), fast_float parses the numbers, and every
// row goes through the same PointChecker as read_point_table, so both readers accept and reject
// the same rows for the same reasons. Every other tabular input still goes through GDAL.
//
// Records: a record ends at a line feed outside quotes. A quoted value may span lines (Excel
// writes them), but a quote still open after kMaxRecordLines lines, or at the end of the file, is
// taken as broken quoting: that one line is rejected and reading goes on at the next line, so a
// stray quote cannot swallow the rest of the file. Line numbers are the file's own (the header
// is line 1; blank lines count; a record spanning lines has the number of its first line).
// A row with fewer fields than the header is padded with empty values (as GDAL reads it); one
// with more is rejected (an unquoted comma shifts every value after it).

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/importers/point_checker.hpp"

namespace respgrid::importers {

inline constexpr std::size_t kMaxRecordLines = 16;

struct CsvRecord {
    std::size_t offset = 0;  // in CsvBlock::text
    std::size_t length = 0;  // without the line end
    long long line = 0;
    bool broken_quote = false;
};

// Whole records of a file, in order.
struct CsvBlock {
    std::string text;
    std::vector<CsvRecord> records;
};

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
    // Opens the file and reads its header. Throws InputError when it cannot be read, is not
    // UTF-8 text, or lacks a lon or lat column (or a crs column when no default CRS is given).
    explicit CsvPointFile(const PointTableOptions& options);
    ~CsvPointFile();
    CsvPointFile(const CsvPointFile&) = delete;
    CsvPointFile& operator=(const CsvPointFile&) = delete;

    [[nodiscard]] const std::vector<std::string>& fields() const { return fields_; }
    [[nodiscard]] std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const;
    [[nodiscard]] const PointTableOptions& options() const { return options_; }
    [[nodiscard]] std::uint64_t bytes_total() const { return bytes_total_; }
    [[nodiscard]] std::uint64_t bytes_read() const { return bytes_read_; }

    // Replaces `block` with the next whole records, about `bytes` of text; false at the end.
    bool read_block(CsvBlock& block, std::size_t bytes = std::size_t{8} << 20);

    // Parses and checks records [first, last) of `block`, appending to `out`. Const: several
    // threads may parse parts of one block at once, each with its own checker and output.
    void parse(const CsvBlock& block, std::size_t first, std::size_t last, PointChecker& checker, PointRows& out) const;

private:
    bool fill(std::size_t bytes);
    PointTableOptions options_;
    std::FILE* file_ = nullptr;
    std::vector<std::string> fields_;
    std::size_t x_field_ = 0;
    std::size_t y_field_ = 0;
    std::optional<std::size_t> crs_field_;
    std::string pending_;  // text read but not yet handed out as records
    long long next_line_ = 1;
    bool eof_ = false;
    std::uint64_t bytes_total_ = 0;
    std::uint64_t bytes_read_ = 0;
};

// True for a path batch locate reads with CsvPointFile (.csv and .txt); others go through GDAL.
bool is_csv_path(const std::string& path);

}  // namespace respgrid::importers

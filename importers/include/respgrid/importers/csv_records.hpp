#pragma once
// The strict CSV reader every .csv/.txt table goes through: batch locate's points
// (csv_points.hpp) and the roster, category and issue imports (read_table), so they all accept and
// reject the same records for the same reasons, with the same line numbers. (GDAL's CSV driver
// is not used for CSV: it silently ends a file at a value over ~10 MB and lets a stray quote
// swallow the next row.)
//
// Encoding: decided for the whole file from every line before the first record is handed out
// (geo/text_encoding.hpp): UTF-8 (a BOM is dropped) or GB18030/GBK, transcoded to UTF-8 as the
// blocks are read; anything else is an InputError naming the line.
//
// Records: a record ends at a line feed outside quotes. A quoted value may span lines (Excel
// writes them), but a quote still open after kMaxRecordLines lines, or at the end of the file, is
// taken as broken quoting: that one line is rejected and reading goes on at the next line, so a
// stray quote cannot swallow the rest of the file. Line numbers are the file's own (the header
// is line 1; blank lines count; a record spanning lines has the number of its first line).
// A value may be of any length (a base64 photo in a description is read whole).
//
// Values: libcsv, strict RFC 4180 quoting. A quote inside an unquoted value (a"b) rejects the
// record. A record with fewer values than the header is padded with empty values (as Excel
// writes short rows); one with more is rejected (an unquoted comma shifts every value after it).
// A record whose values are all blank (Excel's trailing ",,,," rows) is not a row.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/text_encoding.hpp"

namespace respgrid::importers {

inline constexpr std::size_t kMaxRecordLines = 16;

struct CsvRecord {
    std::size_t offset = 0;  // in CsvBlock::text
    std::size_t length = 0;  // without the line end
    long long line = 0;
    bool broken_quote = false;
};

// Whole records of a file, in order, in UTF-8.
struct CsvBlock {
    std::string text;
    std::vector<CsvRecord> records;

    [[nodiscard]] std::string_view text_of(const CsvRecord& r) const {
        return std::string_view(text).substr(r.offset, r.length);
    }
};

class CsvFile {
public:
    // Opens the file, decides its encoding and reads its header. Throws InputError naming the
    // file (and line) when it cannot be read, is not text (NUL bytes, UTF-16), is neither UTF-8
    // nor GB18030, or has no header line.
    explicit CsvFile(std::string path);
    ~CsvFile();
    CsvFile(const CsvFile&) = delete;
    CsvFile& operator=(const CsvFile&) = delete;

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::vector<std::string>& fields() const { return fields_; }  // trimmed
    [[nodiscard]] geo::TextEncoding encoding() const { return encoding_; }
    [[nodiscard]] std::uint64_t bytes_total() const { return bytes_total_; }
    [[nodiscard]] std::uint64_t bytes_read() const { return bytes_read_; }

    // Replaces `block` with the next whole records, about `bytes` of text; false at the end.
    bool read_block(CsvBlock& block, std::size_t bytes = std::size_t{8} << 20);

private:
    void fill(std::size_t bytes);
    std::string path_;
    geo::VsiFilePtr file_;  // through GDAL's VSI: local files and /vsizip/, /vsicurl/...
    geo::TextEncoding encoding_ = geo::TextEncoding::Utf8;
    std::unique_ptr<geo::Gb18030Decoder> decoder_;  // GB18030 files
    std::string raw_;                                // GB18030 files: bytes read after the last line feed
    std::vector<std::string> fields_;
    std::string pending_;  // UTF-8 text read but not yet handed out as records
    long long next_line_ = 1;
    bool eof_ = false;
    std::uint64_t bytes_total_ = 0;
    std::uint64_t bytes_read_ = 0;
};

// What parsing a record gave.
enum class CsvRecordKind { Row, Blank, Rejected };

// Splits records into values with libcsv (strict mode). Not thread-safe: one per thread.
class CsvRecordParser {
public:
    CsvRecordParser();
    ~CsvRecordParser();
    CsvRecordParser(const CsvRecordParser&) = delete;
    CsvRecordParser& operator=(const CsvRecordParser&) = delete;

    // Appends exactly `field_count` values of `record` to `values`, their end offsets to `ends`
    // (a Row); for a Blank or Rejected record appends nothing, and for Rejected sets `reason`.
    CsvRecordKind parse(const CsvBlock& block, const CsvRecord& record, std::size_t field_count, std::string& values,
                        std::vector<std::uint32_t>& ends, std::string& reason);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// True for a path read as CSV (.csv and .txt, any case); other tables go through GDAL.
bool is_csv_path(const std::string& path);

}  // namespace respgrid::importers

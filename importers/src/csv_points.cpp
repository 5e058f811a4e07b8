#include "respgrid/importers/csv_points.hpp"

#include <csv.h>
#include <fast_float/fast_float.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

namespace {

// Whether a quoted value is still open at the end of [begin, end), given whether one was open
// at its start. A quote opens a value only at the start of a field (after optional blanks), as
// RFC 4180 has it; a stray quote inside an unquoted value (a"b) is text, so it cannot make the
// record swallow the lines after it.
bool quote_open_after(const char* begin, const char* end, bool open) {
    if (!open && !std::memchr(begin, '"', static_cast<std::size_t>(end - begin))) return false;
    bool field_start = !open;
    for (const char* c = begin; c < end; ++c) {
        if (open) {
            if (*c == '"') {
                if (c + 1 < end && c[1] == '"') {
                    ++c;  // an escaped quote
                } else {
                    open = false;
                }
            }
        } else if (*c == ',') {
            field_start = true;
        } else if (*c == '"' && field_start) {
            open = true;
            field_start = false;
        } else if (*c != ' ' && *c != '\t') {
            field_start = false;
        }
    }
    return open;
}

// Splits `text` (from `pos`) into whole records. Stops before a record that may continue past
// the end of the text, unless `at_end`. Returns the offset where unconsumed text begins.
std::size_t split_records(const std::string& text, std::size_t pos, bool at_end, long long& line,
                          std::vector<CsvRecord>& out, std::size_t max_records = SIZE_MAX) {
    const char* base = text.data();
    const char* end = base + text.size();
    auto line_end = [&](const char* from) -> const char* {
        const void* nl = std::memchr(from, '\n', static_cast<std::size_t>(end - from));
        return nl ? static_cast<const char*>(nl) : nullptr;
    };
    auto record_length = [&](const char* from, const char* to) {
        std::size_t n = static_cast<std::size_t>(to - from);
        if (n > 0 && from[n - 1] == '\r') --n;
        return n;
    };
    while (pos < text.size() && out.size() < max_records) {
        const char* start = base + pos;
        const char* nl = line_end(start);
        if (!nl && !at_end) break;
        const char* stop = nl ? nl : end;
        if (!quote_open_after(start, stop, false)) {
            std::size_t n = record_length(start, stop);
            if (n > 0) out.push_back({pos, n, line, false});
            ++line;
            pos = static_cast<std::size_t>(stop - base) + (nl ? 1 : 0);
            continue;
        }
        // An open quote: the record goes on over the next lines until the quote closes.
        const char* cursor = stop;
        std::size_t lines = 1;
        bool closed = false, need_more = false;
        while (lines < kMaxRecordLines) {
            if (cursor == end) {
                need_more = !at_end;
                break;
            }
            const char* from = cursor + 1;  // past the line feed
            const char* next = line_end(from);
            if (!next && !at_end) {
                need_more = true;
                break;
            }
            const char* next_stop = next ? next : end;
            ++lines;
            cursor = next_stop;
            if (!quote_open_after(from, next_stop, true)) {
                closed = true;
                break;
            }
        }
        if (need_more) break;
        if (closed) {
            out.push_back({pos, record_length(start, cursor), line, false});
            line += static_cast<long long>(lines);
            pos = static_cast<std::size_t>(cursor - base) + (cursor == end ? 0 : 1);
        } else {
            out.push_back({pos, record_length(start, stop), line, true});
            ++line;
            pos = static_cast<std::size_t>(stop - base) + (nl ? 1 : 0);
        }
    }
    return pos;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;
        if (n == 9 || i + n >= s.size() + (n == 0 ? 1 : 0)) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n + 1;
    }
    return true;
}

// A libcsv parser in strict mode, reset before each record.
class FieldParser {
public:
    FieldParser() { init(); }
    ~FieldParser() { csv_free(&parser_); }
    FieldParser(const FieldParser&) = delete;
    FieldParser& operator=(const FieldParser&) = delete;

    // Appends the record's values to `values`/`ends`; false, with `error` set, on bad quoting.
    bool parse(std::string_view record, std::string& values, std::vector<std::uint32_t>& ends, std::size_t& count,
               std::string& error) {
        Sink sink{&values, &ends, 0, 0};
        std::size_t used = csv_parse(&parser_, record.data(), record.size(), on_field, on_row, &sink);
        bool ok = used == record.size();
        if (ok) ok = csv_fini(&parser_, on_field, on_row, &sink) == 0;
        if (!ok) {
            error = "broken quoting (";
            error += csv_strerror(csv_error(&parser_));
            error += " at byte " + std::to_string(used + 1) + " of the line): a quote inside an unquoted value?";
            csv_free(&parser_);
            init();
            return false;
        }
        if (sink.rows > 1) {
            error = "a carriage return inside an unquoted value splits the record";
            return false;
        }
        count = sink.fields;
        return true;
    }

private:
    struct Sink {
        std::string* values;
        std::vector<std::uint32_t>* ends;
        std::size_t fields;
        std::size_t rows;
    };
    static void on_field(void* s, std::size_t len, void* data) {
        auto* sink = static_cast<Sink*>(data);
        if (len) sink->values->append(static_cast<const char*>(s), len);
        sink->ends->push_back(static_cast<std::uint32_t>(sink->values->size()));
        ++sink->fields;
    }
    static void on_row(int, void* data) { ++static_cast<Sink*>(data)->rows; }
    void init() {
        if (csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
    }
    csv_parser parser_{};
};

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool parse_double(std::string_view text, double& value) {
    text = trimmed(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return false;
    auto [ptr, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(value);
}

}  // namespace

std::string_view PointRows::value(std::size_t row, std::size_t field) const {
    std::size_t k = row * field_count + field;
    std::size_t begin = k == 0 ? 0 : ends[k - 1];
    return std::string_view(values).substr(begin, ends[k] - begin);
}

void PointRows::clear() {
    values.clear();
    ends.clear();
    lines.clear();
    positions.clear();
    rejects.clear();
}

bool is_csv_path(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".csv" || ext == ".txt";
}

CsvPointFile::CsvPointFile(const PointTableOptions& options) : options_(options) {
    const SourceLocation where{options.path, {}, {}, {}, "line"};
    file_ = std::fopen(options.path.c_str(), "rb");
    if (!file_) throw InputError(where, "importers: cannot open the file: " + std::string(std::strerror(errno)));
    std::error_code ec;
    bytes_total_ = std::filesystem::file_size(options.path, ec);
    while (!eof_ && pending_.find('\n') == std::string::npos) fill(std::size_t{1} << 16);
    if (pending_.rfind("\xEF\xBB\xBF", 0) == 0) pending_.erase(0, 3);
    std::vector<CsvRecord> header;
    long long line = 1;
    std::size_t consumed = split_records(pending_, 0, true, line, header, 1);
    if (header.empty() || header.front().broken_quote) throw InputError(where, "importers: the file has no header line");
    std::string_view text(pending_.data() + header.front().offset, header.front().length);
    if (text.find('\0') != std::string_view::npos) {
        throw InputError(where, "importers: this is not a CSV text file (it holds NUL bytes); give a .csv, or an .xlsx");
    }
    if (!valid_utf8(text)) {
        throw InputError(where,
                         "importers: the header is not UTF-8 text (a GBK/GB18030 CSV saved by Excel?); save it as "
                         "\"CSV UTF-8\" or give the .xlsx");
    }
    FieldParser parser;
    std::string values, error;
    std::vector<std::uint32_t> ends;
    std::size_t count = 0;
    if (!parser.parse(text, values, ends, count, error)) throw InputError(where, "importers: header line: " + error);
    for (std::size_t i = 0; i < count; ++i) {
        std::size_t begin = i == 0 ? 0 : ends[i - 1];
        fields_.push_back(trim(std::string_view(values).substr(begin, ends[i] - begin)));
    }
    // The header may have spanned lines only through quotes; the data begins after it.
    pending_.erase(0, consumed);
    next_line_ = line;

    Table columns{options.path, {}, fields_, {}};
    x_field_ = columns.require({"lon", "lng", "longitude", "x", "经度"});
    y_field_ = columns.require({"lat", "latitude", "y", "纬度"});
    crs_field_ = columns.find({"crs", "坐标系"});
    if (!crs_field_ && !options.default_crs) {
        throw InputError(SourceLocation{options.path, {}, {}, "crs"},
                         "importers: the table has no crs column; give the coordinates' CRS with --crs");
    }
}

CsvPointFile::~CsvPointFile() {
    if (file_) std::fclose(file_);
}

std::optional<std::size_t> CsvPointFile::find(std::initializer_list<std::string_view> names) const {
    return Table{options_.path, {}, fields_, {}}.find(names);
}

bool CsvPointFile::fill(std::size_t bytes) {
    if (eof_) return false;
    std::size_t old = pending_.size();
    pending_.resize(old + bytes);
    std::size_t got = std::fread(pending_.data() + old, 1, bytes, file_);
    pending_.resize(old + got);
    bytes_read_ += got;
    if (got < bytes) {
        if (std::ferror(file_)) {
            throw InputError(SourceLocation{options_.path, {}, {}, {}, "line"}, "importers: read error");
        }
        eof_ = true;
    }
    return got > 0;
}

bool CsvPointFile::read_block(CsvBlock& block, std::size_t bytes) {
    block.records.clear();
    if (pending_.size() < bytes) fill(bytes - pending_.size());
    for (;;) {
        long long line = next_line_;
        std::size_t consumed = split_records(pending_, 0, eof_, line, block.records);
        if (!block.records.empty() || consumed > 0 || eof_) {
            next_line_ = line;
            block.text.assign(pending_, 0, consumed);
            pending_.erase(0, consumed);
            return !block.records.empty() || !(eof_ && pending_.empty());
        }
        fill(bytes);  // one record longer than a block: read on
    }
}

void CsvPointFile::parse(const CsvBlock& block, std::size_t first, std::size_t last, PointChecker& checker,
                         PointRows& out) const {
    out.field_count = fields_.size();
    const std::size_t nf = fields_.size();
    FieldParser parser;
    std::string error;
    for (std::size_t r = first; r < last; ++r) {
        const CsvRecord& rec = block.records[r];
        std::string_view text(block.text.data() + rec.offset, rec.length);
        auto reject = [&](std::size_t field, std::string reason) {
            out.rejects.push_back(
                {SourceLocation{options_.path, {}, rec.line, field < nf ? fields_[field] : std::string(), "line"},
                 std::move(reason), std::string(text)});
        };
        if (rec.broken_quote) {
            reject(nf, "broken quoting: a quote opened on this line is not closed within " +
                           std::to_string(kMaxRecordLines) + " lines");
            continue;
        }
        const std::size_t values_before = out.values.size();
        const std::size_t ends_before = out.ends.size();
        auto undo = [&] {
            out.values.resize(values_before);
            out.ends.resize(ends_before);
        };
        std::size_t count = 0;
        if (!parser.parse(text, out.values, out.ends, count, error)) {
            undo();
            reject(nf, error);
            continue;
        }
        if (count > nf) {
            undo();
            reject(nf, "the line has " + std::to_string(count) + " values but the header has " + std::to_string(nf) +
                           ": an unquoted comma?");
            continue;
        }
        for (; count < nf; ++count) out.ends.push_back(static_cast<std::uint32_t>(out.values.size()));
        auto value = [&](std::size_t field) {
            std::size_t k = ends_before + field;
            std::size_t begin = k == 0 ? 0 : out.ends[k - 1];
            return std::string_view(out.values).substr(begin, out.ends[k] - begin);
        };
        double x = 0.0, y = 0.0;
        if (!parse_double(value(x_field_), x)) {
            std::string reason = "longitude/x '" + std::string(value(x_field_)) + "' is not a number";
            undo();
            reject(x_field_, std::move(reason));
            continue;
        }
        if (!parse_double(value(y_field_), y)) {
            std::string reason = "latitude/y '" + std::string(value(y_field_)) + "' is not a number";
            undo();
            reject(y_field_, std::move(reason));
            continue;
        }
        PointProblem problem;
        const geo::Crs* crs = checker.crs_of(crs_field_ ? trimmed(value(*crs_field_)) : std::string_view(), problem);
        geo::XY position;
        if (!crs || !checker.check(x, y, *crs, trimmed(value(x_field_)), trimmed(value(y_field_)), position, problem)) {
            std::size_t field = problem.field == PointField::X   ? x_field_
                                : problem.field == PointField::Y ? y_field_
                                                                 : crs_field_.value_or(x_field_);
            undo();
            reject(field, std::move(problem.reason));
            continue;
        }
        out.lines.push_back(rec.line);
        out.positions.push_back(position);
    }
}

}  // namespace respgrid::importers

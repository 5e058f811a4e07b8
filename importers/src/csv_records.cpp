#include "respgrid/importers/csv_records.hpp"

#include <csv.h>

#include <algorithm>
#include <cerrno>
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

SourceLocation file_location(const std::string& path, std::optional<long long> line = std::nullopt) {
    return SourceLocation{path, {}, line, {}, "line"};
}

// Every line of the file in order, in runs of whole lines (for geo::decide_encoding, which numbers
// them itself). A short read is the end of the file: GDAL 3.6's VSI has no error flag (VSIFEofL is
// not set by every handler), so a read that stops before the file's known size is the error.
void visit_lines(VSILFILE* file, const std::string& path, std::uint64_t size_known,
                 const std::function<bool(std::string_view text, long long record)>& take) {
    VSIFSeekL(file, 0, SEEK_SET);
    std::uint64_t total = 0;
    constexpr std::size_t kChunk = std::size_t{4} << 20;
    std::string text(kChunk, '\0');
    std::size_t carried = 0;  // bytes of a line begun in an earlier read
    for (;;) {
        if (text.size() < carried + kChunk) text.resize(carried + kChunk);
        const std::size_t got = VSIFReadL(text.data() + carried, 1, kChunk, file);
        total += got;
        if (got < kChunk && total < size_known) throw InputError(file_location(path), "importers: read error");
        const std::size_t size = carried + got;
        const bool at_end = got < kChunk;
        const std::size_t last_nl = std::string_view(text.data(), size).rfind('\n');
        const std::size_t whole = at_end ? size : (last_nl == std::string_view::npos ? 0 : last_nl + 1);
        if (whole > 0 && !take(std::string_view(text.data(), whole), 0)) return;
        if (at_end) return;
        std::memmove(text.data(), text.data() + whole, size - whole);
        carried = size - whole;
    }
}

// libcsv in strict mode, reset after an error.
class FieldSplitter {
public:
    FieldSplitter() { init(); }
    ~FieldSplitter() { csv_free(&parser_); }
    FieldSplitter(const FieldSplitter&) = delete;
    FieldSplitter& operator=(const FieldSplitter&) = delete;

    // Appends the record's values to `values` and their end offsets to `ends`; false, with
    // `error` set, on bad quoting.
    bool split(std::string_view record, std::string& values, std::vector<std::uint32_t>& ends, std::size_t& count,
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

}  // namespace

// --- CsvRecordParser ---------------------------------------------------------------------------

struct CsvRecordParser::Impl {
    FieldSplitter splitter;
};

CsvRecordParser::CsvRecordParser() : impl_(std::make_unique<Impl>()) {}
CsvRecordParser::~CsvRecordParser() = default;

CsvRecordKind CsvRecordParser::parse(const CsvBlock& block, const CsvRecord& record, std::size_t field_count,
                                     std::string& values, std::vector<std::uint32_t>& ends, std::string& reason) {
    if (record.broken_quote) {
        reason = "broken quoting: a quote opened on this line is not closed within " + std::to_string(kMaxRecordLines) +
                 " lines";
        return CsvRecordKind::Rejected;
    }
    // A NUL would cut the value short where it reaches GDAL or SQLite as C text (a file padded
    // with zeros after a crash): the record is rejected, not stored cut.
    if (block.text_of(record).find('\0') != std::string_view::npos) {
        reason = "the line holds NUL bytes (a damaged or binary file?)";
        return CsvRecordKind::Rejected;
    }
    const std::size_t values_before = values.size();
    const std::size_t ends_before = ends.size();
    auto undo = [&] {
        values.resize(values_before);
        ends.resize(ends_before);
    };
    std::size_t count = 0;
    if (!impl_->splitter.split(block.text_of(record), values, ends, count, reason)) {
        undo();
        return CsvRecordKind::Rejected;
    }
    if (count > field_count) {
        undo();
        reason = "the line has " + std::to_string(count) + " values but the header has " + std::to_string(field_count) +
                 ": an unquoted comma?";
        return CsvRecordKind::Rejected;
    }
    if (trimmed(std::string_view(values).substr(values_before)).empty()) {
        undo();
        return CsvRecordKind::Blank;
    }
    for (; count < field_count; ++count) ends.push_back(static_cast<std::uint32_t>(values.size()));
    return CsvRecordKind::Row;
}

// --- CsvFile ------------------------------------------------------------------------------------

CsvFile::CsvFile(std::string path) : path_(std::move(path)) {
    const SourceLocation where = file_location(path_);
    file_.reset(VSIFOpenL(path_.c_str(), "rb"));
    if (!file_) throw InputError(where, "importers: cannot open the file: " + std::string(std::strerror(errno)));
    VSIStatBufL stat;
    bytes_total_ = VSIStatL(path_.c_str(), &stat) == 0 ? static_cast<std::uint64_t>(stat.st_size) : 0;

    unsigned char start[2] = {0, 0};
    const bool two = VSIFReadL(start, 1, 2, file_.get()) == 2;
    if (two && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF))) {
        throw InputError(where, "importers: this is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\"");
    }
    encoding_ = geo::decide_encoding(geo::TextSource{
        where, [this](const auto& take) { visit_lines(file_.get(), path_, bytes_total_, take); }});
    if (encoding_ == geo::TextEncoding::Gb18030) decoder_ = std::make_unique<geo::Gb18030Decoder>();
    VSIFSeekL(file_.get(), 0, SEEK_SET);

    while (!eof_ && pending_.find('\n') == std::string::npos) fill(std::size_t{1} << 16);
    if (pending_.rfind("\xEF\xBB\xBF", 0) == 0) pending_.erase(0, 3);
    CsvBlock header;
    long long line = 1;
    std::size_t consumed = split_records(pending_, 0, true, line, header.records, 1);
    if (header.records.empty() || header.records.front().broken_quote) {
        throw InputError(where, "importers: the file has no header line");
    }
    header.text = pending_.substr(0, consumed);
    if (header.text_of(header.records.front()).find('\0') != std::string_view::npos) {
        throw InputError(where,
                         "importers: this is not a CSV text file (it holds NUL bytes); give a .csv, or an .xlsx");
    }
    std::string values, error;
    std::vector<std::uint32_t> ends;
    std::size_t count = 0;
    FieldSplitter parser;
    if (!parser.split(header.text_of(header.records.front()), values, ends, count, error)) {
        throw InputError(where, "importers: header line: " + error);
    }
    for (std::size_t i = 0; i < count; ++i) {
        std::size_t begin = i == 0 ? 0 : ends[i - 1];
        fields_.push_back(trim(std::string_view(values).substr(begin, ends[i] - begin)));
    }
    // The header may have spanned lines only through quotes; the data begins after it.
    pending_.erase(0, consumed);
    next_line_ = line;
}

CsvFile::~CsvFile() = default;

void CsvFile::fill(std::size_t bytes) {
    if (eof_) return;
    std::string& into = decoder_ ? raw_ : pending_;
    const std::size_t old = into.size();
    into.resize(old + bytes);
    const std::size_t got = VSIFReadL(into.data() + old, 1, bytes, file_.get());
    into.resize(old + got);
    bytes_read_ += got;
    if (got < bytes) {
        if (bytes_read_ < bytes_total_) throw InputError(file_location(path_), "importers: read error");
        eof_ = true;
    }
    if (!decoder_) return;
    // GB18030: whole lines are decoded (no character spans a line feed: its bytes are >= 0x30).
    const std::size_t last_nl = raw_.rfind('\n');
    const std::size_t whole = eof_ ? raw_.size() : (last_nl == std::string::npos ? 0 : last_nl + 1);
    if (whole == 0) return;
    if (!decoder_->decode(std::string_view(raw_).substr(0, whole), pending_)) {
        throw InputError(file_location(path_), "importers: the file changed while it was read (no longer GB18030)");
    }
    raw_.erase(0, whole);
}

bool CsvFile::read_block(CsvBlock& block, std::size_t bytes) {
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
        fill(std::max(bytes, pending_.size() + raw_.size()));  // one record longer than a block: read on
    }
}

bool is_csv_path(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".csv" || ext == ".txt";
}

}  // namespace respgrid::importers

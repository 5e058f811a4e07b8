#pragma once
// The text encodings respgrid reads, and the one rule that decides which one a file is in.
//
// County offices hand over UTF-8 files (GIS software, Excel's "CSV UTF-8", .xlsx) and GB18030/GBK
// files (Chinese Windows' code page 936: Excel's plain "CSV", Shapefiles whose .dbf has no .cpg).
// GB18030 is a superset of GBK, so one decoder (iconv's GB18030) reads both. The rule, used by
// every table and layer reader (importers/csv_records.hpp for CSV, importers' OGR layers for the
// rest):
//   * the encoding is decided for the whole file (or layer), never per value or per line: one
//     GBK character in five is valid UTF-8 by accident, so a guess per value would garble short
//     names; and every record is looked at, not the header or a sample (an ASCII header says
//     nothing about the rows);
//   * every text valid UTF-8: the file is UTF-8 (the readers drop a leading BOM);
//   * else every text valid GB18030, and none reads as UTF-8 Chinese (two or more CJK
//     ideographs, valid UTF-8: rows pasted from a UTF-8 file into a GBK one): the file is
//     GB18030 and is transcoded to UTF-8 as it is read; the import says so (transcoding_note);
//   * else the file is refused: an InputError naming the file and the first record that is
//     neither (or that is UTF-8 in a GB18030 file). No mojibake is ever stored.
// Accidental UTF-8 Chinese from GBK bytes needs rare characters in a row (measured: none in
// 200,000 random names of GB2312's common characters), so a GBK file is not refused for it.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "respgrid/geo/error.hpp"

namespace respgrid::geo {

enum class TextEncoding { Utf8, Gb18030 };

// "UTF-8", "GB18030".
std::string_view to_string(TextEncoding encoding);

// The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no
// overlong forms, surrogates or code points past U+10FFFF), or npos when all of `text` is UTF-8.
std::size_t utf8_error_offset(std::string_view text);
inline bool is_utf8(std::string_view text) { return utf8_error_offset(text) == std::string_view::npos; }

// GB18030 (and so GBK) to UTF-8 through iconv. Not thread-safe: one object per thread.
class Gb18030Decoder {
public:
    Gb18030Decoder();
    ~Gb18030Decoder();
    Gb18030Decoder(const Gb18030Decoder&) = delete;
    Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

    // Appends the UTF-8 of `text` to `out`. False when `text` is not GB18030: `out` is then as
    // it was and `error_at` (when given) is the offset of the first byte that is not.
    bool decode(std::string_view text, std::string& out, std::size_t* error_at = nullptr);

private:
    void* cd_;  // iconv_t
};

// The texts of one input, for decide_encoding. `visit(take)` calls take(text, record) for every
// text of the input in order, until take returns false; it may be called twice. `where` names the
// input in errors (file, layer) and what records are (record_label): for "line", the texts are
// the whole input from its first line, in runs of whole lines, and `record` is not used
// (decide_encoding numbers the lines itself, only when it has to name one); otherwise each text
// is one value and `record` its row or feature (-1: a field name).
struct TextSource {
    SourceLocation where;
    std::function<void(const std::function<bool(std::string_view text, long long record)>& take)> visit;
};

// The rule above: UTF-8 or GB18030, or InputError naming the record that is neither.
TextEncoding decide_encoding(const TextSource& source);

// What an import prints when it transcoded `file`: "" for UTF-8, else e.g.
// "roster.csv: read as GB18030 (GBK, Excel's Chinese CSV), transcoded to UTF-8".
std::string transcoding_note(TextEncoding encoding, const std::string& file);

}  // namespace respgrid::geo

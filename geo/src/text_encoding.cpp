#include "respgrid/geo/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace respgrid::geo {

namespace {

constexpr std::size_t npos = std::string_view::npos;

iconv_t handle(void* cd) { return static_cast<iconv_t>(cd); }

bool is_ascii(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Valid UTF-8 holding at least two CJK ideographs (U+4E00-U+9FFF): UTF-8 Chinese. GBK bytes
// form such text only by rare accident; UTF-8 Chinese that is also valid GB18030 always does
// (a valid run has an even number of 3-byte characters).
bool reads_as_utf8_chinese(std::string_view text) {
    if (!is_utf8(text)) return false;
    int ideographs = 0;
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xF0) != 0xE0) continue;
        unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                      (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
        if (cp >= 0x4E00 && cp <= 0x9FFF && ++ideographs >= 2) return true;
        i += 2;
    }
    return false;
}

// Negative records are the header of a layer (its field names).
std::string record_name(const SourceLocation& where, long long record) {
    return record < 0 ? "the field names" : where.record_label + " " + std::to_string(record);
}

SourceLocation at_record(const SourceLocation& where, long long record) {
    SourceLocation at = where;
    if (record >= 0) at.record = record;
    return at;
}

}  // namespace

std::string_view to_string(TextEncoding encoding) {
    return encoding == TextEncoding::Utf8 ? "UTF-8" : "GB18030";
}

std::size_t utf8_error_offset(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time: most of a CSV is ASCII (codes, coordinates, commas).
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, p + i, 8);
            if (word & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;   // overlong
            if (c == 0xED) high = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;   // overlong
            if (c == 0xF4) high = 0x8F;  // past U+10FFFF
        } else {
            return i;
        }
        if (i + length > n || p[i + 1] < low || p[i + 1] > high) return i;
        for (std::size_t k = 2; k < length; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
        }
        i += length;
    }
    return npos;
}

Gb18030Decoder::Gb18030Decoder() : cd_(iconv_open("UTF-8", "GB18030")) {
    if (cd_ == reinterpret_cast<void*>(static_cast<std::intptr_t>(-1))) {
        throw std::runtime_error("geo: iconv cannot convert GB18030 to UTF-8 on this system");
    }
}

Gb18030Decoder::~Gb18030Decoder() { iconv_close(handle(cd_)); }

bool Gb18030Decoder::decode(std::string_view text, std::string& out, std::size_t* error_at) {
    iconv(handle(cd_), nullptr, nullptr, nullptr, nullptr);  // back to the initial state
    const std::size_t start = out.size();
    char* in = const_cast<char*>(text.data());  // iconv's signature; it does not write the input
    std::size_t in_left = text.size();
    while (in_left > 0) {
        // A GB18030 character of n bytes is at most 2n UTF-8 bytes (2 -> 3, 4 -> 4, 1 -> 1).
        const std::size_t used = out.size();
        out.resize(used + 2 * in_left + 16);
        char* dest = out.data() + used;
        std::size_t out_left = out.size() - used;
        const std::size_t result = iconv(handle(cd_), &in, &in_left, &dest, &out_left);
        out.resize(out.size() - out_left);
        if (result == static_cast<std::size_t>(-1) && errno != E2BIG) {
            // EILSEQ: an invalid sequence; EINVAL: one cut off at the end.
            if (error_at) *error_at = static_cast<std::size_t>(in - text.data());
            out.resize(start);
            return false;
        }
    }
    return true;
}

TextEncoding decide_encoding(const TextSource& source) {
    const bool lines = source.where.record_label == "line";
    // Pass 1, UTF-8: where the first byte that is not lies (which text, what offset). Lines are
    // not counted here: counting them costs more than the check itself (a million-row batch).
    struct Position {
        std::size_t text = 0;
        std::size_t offset = 0;
        long long record = 0;
    };
    std::optional<Position> bad_utf8;
    std::size_t index = 0;
    source.visit([&](std::string_view text, long long record) {
        const std::size_t at = utf8_error_offset(text);
        if (at != npos) {
            bad_utf8 = Position{index, at, record};
            return false;
        }
        ++index;
        return true;
    });
    if (!bad_utf8) return TextEncoding::Utf8;

    // Pass 2, GB18030, value by value or line by line (numbering the lines as it goes), until a
    // problem is found and the line of the first non-UTF-8 byte is known.
    Gb18030Decoder decoder;
    std::string scratch;
    std::optional<long long> not_utf8, not_gb18030, utf8_chinese;
    if (!lines) not_utf8 = bad_utf8->record;
    auto problem = [&] { return not_gb18030 || utf8_chinese; };
    auto check = [&](std::string_view piece, long long record) {
        if (problem() || is_ascii(piece)) return;
        if (reads_as_utf8_chinese(piece)) {
            utf8_chinese = record;
            return;
        }
        scratch.clear();
        if (!decoder.decode(piece, scratch)) not_gb18030 = record;
    };
    index = 0;
    long long line = 1;
    source.visit([&](std::string_view text, long long record) {
        if (!lines) {
            check(text, record);
            return !problem();
        }
        for (std::size_t begin = 0; begin < text.size(); ++line) {
            const std::size_t end = std::min(text.find('\n', begin), text.size());
            check(text.substr(begin, end - begin), line);
            if (index == bad_utf8->text && bad_utf8->offset >= begin && bad_utf8->offset <= end) not_utf8 = line;
            if (problem() && not_utf8) return false;
            begin = end + 1;
        }
        ++index;
        return true;
    });
    const auto& where = source.where;
    const std::string first_not_utf8 = record_name(where, not_utf8.value_or(bad_utf8->record));
    const std::string save_as = "; save it as UTF-8 (Excel: \"CSV UTF-8\")";
    if (utf8_chinese) {
        throw InputError(at_record(where, *utf8_chinese),
                         "geo: the file mixes encodings: " + first_not_utf8 + " is not UTF-8 (GBK?) but " +
                             record_name(where, *utf8_chinese) + " is UTF-8" + save_as);
    }
    if (not_gb18030) {
        throw InputError(at_record(where, *not_gb18030),
                         "geo: the text is neither UTF-8 (" + first_not_utf8 + " is not) nor GB18030/GBK (" +
                             record_name(where, *not_gb18030) + " is not)" + save_as);
    }
    return TextEncoding::Gb18030;
}

std::string transcoding_note(TextEncoding encoding, const std::string& file) {
    if (encoding == TextEncoding::Utf8) return {};
    return std::filesystem::path(file).filename().string() +
           ": read as GB18030 (GBK, Excel's Chinese CSV), transcoded to UTF-8";
}

}  // namespace respgrid::geo

#include "respgrid/exporters/file_names.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace respgrid::exporters {

namespace {

// The length of the UTF-8 sequence starting at `text[i]`, or 0 when it is not one (stray
// continuation byte, overlong or truncated sequence, surrogate, beyond U+10FFFF).
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    }
    if (n == 2 && c < 0xC2) return 0;                                      // overlong
    if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;               // overlong
    if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;              // surrogate
    if (n == 4 && c == 0xF0 && byte(i + 1) < 0x90) return 0;               // overlong
    if (n == 4 && (c > 0xF4 || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;  // beyond U+10FFFF
    return n;
}

bool refused(std::string_view character) {
    if (character.size() == 1) {
        const unsigned char c = static_cast<unsigned char>(character[0]);
        return c < 0x20 || c == 0x7F || std::string_view("<>:\"/\\|?*").find(character[0]) != std::string_view::npos;
    }
    // C1 control characters, U+0080 to U+009F.
    return character.size() == 2 && static_cast<unsigned char>(character[0]) == 0xC2 &&
           static_cast<unsigned char>(character[1]) < 0xA0;
}

std::string ascii_lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool windows_device_name(const std::string& name) {
    static const std::array<std::string_view, 22> devices{
        "con",  "prn",  "aux",  "nul",  "com1", "com2", "com3", "com4", "com5", "com6", "com7",
        "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"};
    const std::string base = ascii_lower(name.substr(0, name.find('.')));
    return std::find(devices.begin(), devices.end(), base) != devices.end();
}

}  // namespace

std::string file_name_part(std::string_view text, std::size_t max_bytes) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_length(text, i);
        const std::string_view character = n ? text.substr(i, n) : std::string_view("_");
        i += n ? n : 1;
        const std::string_view kept = refused(character) ? std::string_view("_") : character;
        if (out.size() + kept.size() > max_bytes) break;
        out.append(kept);
    }
    const auto edge = [](char c) { return c == ' ' || c == '.'; };
    while (!out.empty() && edge(out.back())) out.pop_back();
    const std::size_t first = std::find_if_not(out.begin(), out.end(), edge) - out.begin();
    out.erase(0, first);
    if (out.empty()) return "_";
    // Windows reserves a device name whatever extension follows it: NUL.txt too.
    if (windows_device_name(out) && out.size() < max_bytes) out.insert(std::min(out.find('.'), out.size()), "_");
    return out;
}

std::string UniqueFileNames::take(const std::string& name) {
    std::string candidate = name;
    for (int n = 2; !taken_.insert(ascii_lower(candidate)).second; ++n) candidate = name + "_" + std::to_string(n);
    return candidate;
}

namespace {

constexpr std::size_t kMaxSheetUnits = 31;

// `text` cut to at most `max_units` UTF-16 units at a character boundary (a 4-byte UTF-8
// character is two units).
std::string cut_to_utf16_units(const std::string& text, std::size_t max_units) {
    std::size_t units = 0, i = 0;
    while (i < text.size()) {
        const std::size_t n = std::max<std::size_t>(utf8_length(text, i), 1);
        const std::size_t u = n == 4 ? 2 : 1;
        if (units + u > max_units) break;
        units += u;
        i += n;
    }
    return text.substr(0, i);
}

std::string excel_safe(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_length(text, i);
        const std::string_view character = n ? text.substr(i, n) : std::string_view("_");
        i += n ? n : 1;
        // refused() also takes the file-name characters; of those Excel allows < > " |.
        const bool file_name_only =
            character.size() == 1 && std::string_view("<>\"|").find(character[0]) != std::string_view::npos;
        const bool excel = character.size() == 1 && std::string_view("[]").find(character[0]) != std::string_view::npos;
        out.append((refused(character) && !file_name_only) || excel ? std::string_view("_") : character);
    }
    const auto edge = [](char c) { return c == ' ' || c == '\''; };
    while (!out.empty() && edge(out.back())) out.pop_back();
    out.erase(0, static_cast<std::size_t>(std::find_if_not(out.begin(), out.end(), edge) - out.begin()));
    if (out.empty()) out = "Sheet";
    if (ascii_lower(out) == "history") out += "_";
    return out;
}

}  // namespace

std::vector<std::string> excel_sheet_names(const std::vector<std::string>& wanted) {
    std::set<std::string> taken;
    std::vector<std::string> names;
    for (const auto& w : wanted) {
        const std::string base = excel_safe(w);
        std::string candidate = cut_to_utf16_units(base, kMaxSheetUnits);
        for (int n = 2; !taken.insert(ascii_lower(candidate)).second; ++n) {
            const std::string suffix = " (" + std::to_string(n) + ")";
            candidate = cut_to_utf16_units(base, kMaxSheetUnits - suffix.size()) + suffix;
        }
        names.push_back(candidate);
    }
    return names;
}

}  // namespace respgrid::exporters

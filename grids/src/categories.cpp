#include "respgrid/grids/categories.hpp"
#include "respgrid/geo/enum_names.hpp"

#include <algorithm>

namespace respgrid::grids {

namespace {

// The UTF-8 white space an office file puts around or inside a text: ASCII, U+00A0 (no-break
// space, what a web page pasted into Excel brings), U+3000 (the ideographic space of Chinese
// input methods). Its length in bytes at `s`, 0 when none.
std::size_t space_at(std::string_view s) {
    if (s.empty()) return 0;
    const auto c = static_cast<unsigned char>(s[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (s.size() >= 2 && c == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) return 2;
    if (s.size() >= 3 && c == 0xE3 && static_cast<unsigned char>(s[1]) == 0x80 && static_cast<unsigned char>(s[2]) == 0x80) {
        return 3;
    }
    return 0;
}

// A full-width form U+FF01..U+FF5E (EF BC 81..BF, EF BD 80..9E) at `s`: its ASCII twin, or 0.
char half_width_at(std::string_view s) {
    if (s.size() < 3 || static_cast<unsigned char>(s[0]) != 0xEF) return 0;
    const auto b1 = static_cast<unsigned char>(s[1]), b2 = static_cast<unsigned char>(s[2]);
    unsigned code = 0;
    if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) code = 0xFF00u + (b2 - 0x80u);
    if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) code = 0xFF40u + (b2 - 0x80u);
    return code ? static_cast<char>(code - 0xFF00u + 0x20u) : 0;
}

// The alias separators besides line breaks: ; ； 、 , ， | ｜ (length in bytes at `s`, 0 when none).
std::size_t separator_at(std::string_view s) {
    if (s.empty()) return 0;
    if (s[0] == ';' || s[0] == ',' || s[0] == '|' || s[0] == '\n' || s[0] == '\r') return 1;
    for (std::string_view wide : {"；", "、", "，", "｜"}) {
        if (s.starts_with(wide)) return wide.size();
    }
    return 0;
}

std::string_view trimmed(std::string_view s) {
    while (std::size_t n = space_at(s)) s.remove_prefix(n);
    for (;;) {
        std::size_t n = 0;
        for (std::size_t len : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
            if (s.size() >= len && space_at(s.substr(s.size() - len)) == len) n = len;
        }
        if (!n) return s;
        s.remove_suffix(n);
    }
}

}  // namespace

std::string category_key(std::string_view text) {
    std::string key;
    key.reserve(text.size());
    bool pending_space = false;
    while (!text.empty()) {
        if (std::size_t n = space_at(text)) {
            pending_space = !key.empty();
            text.remove_prefix(n);
            continue;
        }
        if (pending_space) key.push_back(' ');
        pending_space = false;
        char c = text[0];
        std::size_t n = 1;
        if (char half = half_width_at(text)) {
            c = half;
            n = 3;
        }
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        key.push_back(c);
        text.remove_prefix(n);
    }
    return key;
}

std::vector<std::string> split_aliases(std::string_view cell) {
    std::vector<std::string> out;
    std::vector<std::string> keys;
    auto take = [&](std::string_view piece) {
        piece = trimmed(piece);
        if (piece.empty()) return;
        std::string key = category_key(piece);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return;
        keys.push_back(std::move(key));
        out.emplace_back(piece);
    };
    std::size_t start = 0;
    for (std::size_t i = 0; i < cell.size();) {
        if (std::size_t n = separator_at(cell.substr(i))) {
            take(cell.substr(start, i - start));
            i += n;
            start = i;
        } else {
            ++i;
        }
    }
    take(cell.substr(start));
    return out;
}

std::string join_aliases(const std::vector<std::string>& aliases) {
    std::string out;
    for (const auto& a : aliases) {
        if (!out.empty()) out += "；";
        out += a;
    }
    return out;
}

namespace {
constexpr geo::EnumNames<CategoryMatchKind, 4> kCategoryMatchNames{{{{CategoryMatchKind::None, "unrecognised"},
                                                                    {CategoryMatchKind::Code, "code"},
                                                                    {CategoryMatchKind::Name, "name"},
                                                                    {CategoryMatchKind::Alias, "alias"}}}};
}  // namespace

std::string_view to_string(CategoryMatchKind kind) { return kCategoryMatchNames.name(kind); }

std::string CategoryClash::describe() const {
    return std::string(to_string(what)) + " '" + text + "' is already the " + std::string(to_string(other_what)) +
           " of category " + other_code + " " + other_name;
}

CategoryCatalogue::CategoryCatalogue(std::vector<IssueCategory> categories) {
    for (auto& c : categories) add(std::move(c));
}

std::vector<std::pair<std::string, CategoryMatchKind>> CategoryCatalogue::texts_of(const IssueCategory& c) {
    std::vector<std::pair<std::string, CategoryMatchKind>> out;
    std::vector<std::string> keys;
    auto take = [&](const std::string& text, CategoryMatchKind how) {
        std::string key = category_key(text);
        if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) return;
        keys.push_back(std::move(key));
        out.emplace_back(text, how);
    };
    take(c.code, CategoryMatchKind::Code);
    take(c.name, CategoryMatchKind::Name);
    for (const auto& a : c.aliases) take(a, CategoryMatchKind::Alias);
    return out;
}

std::optional<CategoryClash> CategoryCatalogue::clash_with(const IssueCategory& c) const {
    for (const auto& [text, what] : texts_of(c)) {
        auto it = keys_.find(category_key(text));
        if (it == keys_.end()) continue;
        if (it->second.index == kAmbiguous) {
            return CategoryClash{text, what, "(several)", "", CategoryMatchKind::None};
        }
        const IssueCategory& other = *categories_[it->second.index];
        if (other.code == c.code) continue;
        return CategoryClash{text, what, other.code, other.name, it->second.how};
    }
    return std::nullopt;
}

void CategoryCatalogue::add(IssueCategory c) {
    const std::size_t index = categories_.size();
    for (const auto& [text, how] : texts_of(c)) {
        auto [it, fresh] = keys_.try_emplace(category_key(text), Claim{index, how});
        if (!fresh) it->second.index = kAmbiguous;
    }
    codes_.emplace(c.code, index);
    categories_.push_back(std::make_unique<IssueCategory>(std::move(c)));
}

CategoryMatch CategoryCatalogue::match(std::string_view text) const {
    auto it = keys_.find(category_key(text));
    if (it == keys_.end() || it->second.index == kAmbiguous) return {};
    return {categories_[it->second.index].get(), it->second.how};
}

const IssueCategory* CategoryCatalogue::find_code(std::string_view code) const {
    auto it = codes_.find(code);
    return it == codes_.end() ? nullptr : categories_[it->second].get();
}

std::vector<const IssueCategory*> CategoryCatalogue::list() const {
    std::vector<const IssueCategory*> all;
    all.reserve(categories_.size());
    for (const auto& c : categories_) all.push_back(c.get());
    return all;
}

}  // namespace respgrid::grids

#pragma once
// The names of an enum's values, written once: one table per enum, read by both its to_string
// and its parse function, so the two cannot drift apart. A table is checked when it is compiled:
// a table shorter than its size (the missing slots would be value 0 with an empty name, and
// parse("") would accept it), an empty name, or a value or name listed twice does not compile.
//
//     constexpr geo::EnumNames<LineKind, 4> kLineKindNames{{
//         {LineKind::MinorRoad, "minor_road"}, {LineKind::MainRoad, "main_road"}, ...}};
//     std::string_view to_string(LineKind k) { return kLineKindNames.name(k); }
//     std::optional<LineKind> parse_line_kind(std::string_view t) { return kLineKindNames.parse(t); }

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace respgrid::geo {

template <typename Enum, std::size_t N>
struct EnumNames {
    std::array<std::pair<Enum, std::string_view>, N> entries;

    // consteval: a bad table is a compile error (a throw in a constant evaluation), not a "?" or
    // a wrong value at run time.
    consteval EnumNames(std::array<std::pair<Enum, std::string_view>, N> table) : entries(table) {
        for (std::size_t i = 0; i < N; ++i) {
            if (entries[i].second.empty()) throw "geo::EnumNames: a table entry is missing or has an empty name";
            for (std::size_t j = 0; j < i; ++j) {
                if (entries[j].first == entries[i].first || entries[j].second == entries[i].second) {
                    throw "geo::EnumNames: a value or a name is listed twice";
                }
            }
        }
    }

    // The value's name; "?" for a value outside the table (a cast from a bad integer).
    [[nodiscard]] constexpr std::string_view name(Enum value) const {
        for (const auto& [v, n] : entries) {
            if (v == value) return n;
        }
        return "?";
    }
    // The value of exactly `text` (case and spacing as written), or nullopt.
    [[nodiscard]] constexpr std::optional<Enum> parse(std::string_view text) const {
        for (const auto& [v, n] : entries) {
            if (n == text) return v;
        }
        return std::nullopt;
    }
};

}  // namespace respgrid::geo

#pragma once
// The names of an enum's values, written once: one table per enum, read by both its to_string
// and its parse function, so the two cannot drift apart (a value added to the table is named and
// parsed; one left out is caught by the table's size check at compile time).
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

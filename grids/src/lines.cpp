#include "respgrid/grids/lines.hpp"
#include "respgrid/geo/enum_names.hpp"

namespace respgrid::grids {

namespace {
constexpr geo::EnumNames<LineKind, 4> kLineKindNames{{{{LineKind::MinorRoad, "minor_road"},
                                                      {LineKind::MainRoad, "main_road"},
                                                      {LineKind::Rail, "rail"},
                                                      {LineKind::River, "river"}}}};
}  // namespace

std::string_view to_string(LineKind kind) { return kLineKindNames.name(kind); }

std::optional<LineKind> parse_line_kind(std::string_view text) {
    if (text == "road") return LineKind::MainRoad;  // what offices write for a main road
    return kLineKindNames.parse(text);
}

}  // namespace respgrid::grids

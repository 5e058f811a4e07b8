#include "respgrid/grids/lines.hpp"

namespace respgrid::grids {

std::string_view to_string(LineKind kind) {
    switch (kind) {
        case LineKind::MinorRoad: return "minor_road";
        case LineKind::MainRoad: return "main_road";
        case LineKind::Rail: return "rail";
        case LineKind::River: return "river";
    }
    return "?";
}

std::optional<LineKind> parse_line_kind(std::string_view text) {
    if (text == "road" || text == "main_road") return LineKind::MainRoad;
    if (text == "minor_road") return LineKind::MinorRoad;
    if (text == "rail") return LineKind::Rail;
    if (text == "river") return LineKind::River;
    return std::nullopt;
}

}  // namespace respgrid::grids

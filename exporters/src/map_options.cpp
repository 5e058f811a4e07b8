#include <algorithm>
#include <cctype>
#include <string>

#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::optional<MapFormat> parse_map_format(std::string_view text) {
    const auto t = lower(text);
    if (t == "pdf") return MapFormat::Pdf;
    if (t == "png") return MapFormat::Png;
    if (t == "svg") return MapFormat::Svg;
    return std::nullopt;
}

std::string_view extension(MapFormat format) {
    switch (format) {
        case MapFormat::Pdf: return "pdf";
        case MapFormat::Svg: return "svg";
        case MapFormat::Png: break;
    }
    return "png";
}

std::optional<Paper> parse_paper(std::string_view text) {
    const auto t = lower(text);
    if (t == "a4") return Paper::A4;
    if (t == "a3") return Paper::A3;
    return std::nullopt;
}

}  // namespace respgrid::exporters

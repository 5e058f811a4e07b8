#include <algorithm>
#include <cctype>
#include <string>

#include "respgrid/exporters/area_sheet.hpp"
#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/geo/enum_names.hpp"

namespace respgrid::exporters {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Formats by their file extension, papers by their name in lower case (the options take any case).
constexpr geo::EnumNames<MapFormat, 3> kMapFormatNames{
    {{{MapFormat::Pdf, "pdf"}, {MapFormat::Png, "png"}, {MapFormat::Svg, "svg"}}}};
constexpr geo::EnumNames<Paper, 2> kPaperNames{{{{Paper::A4, "a4"}, {Paper::A3, "a3"}}}};
constexpr geo::EnumNames<AreaKind, 2> kAreaKindNames{{{{AreaKind::Worker, "worker"}, {AreaKind::Village, "village"}}}};

}  // namespace

std::optional<MapFormat> parse_map_format(std::string_view text) { return kMapFormatNames.parse(lower(text)); }
std::string_view extension(MapFormat format) { return kMapFormatNames.name(format); }
std::optional<Paper> parse_paper(std::string_view text) { return kPaperNames.parse(lower(text)); }
std::optional<AreaKind> parse_area_kind(std::string_view text) { return kAreaKindNames.parse(text); }

}  // namespace respgrid::exporters

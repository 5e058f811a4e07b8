#pragma once
// The legend: a key of the line and point symbols, then one entry per owner (swatch, name,
// phone, village) in as many columns and as small a font as it takes to fit the room; when even
// that does not fit, the entries that fit and a last line "另见附表" pointing to the full table
// written beside the sheet.

#include <string>
#include <vector>

#include "map_cairo.hpp"

namespace respgrid::exporters::map {

// A symbol of the key: a line style or a point marker.
struct KeySymbol {
    enum class Shape { Line, Dot, Box } shape = Shape::Line;
    RgbColour colour;
    double width = 1;  // line width, dot radius or box border, points
    std::string label;
    double dash = 0;  // lines: dash length, 0 = solid (drawn as the map draws it)
};

struct LegendPlacement {
    double font_pt = 0;
    int columns = 0;
    std::size_t shown = 0;  // entries drawn; the rest went to the table
    bool overflow = false;
    PageBox box;            // what the legend took
};

// Draws the legend inside `room`: `heading`, the key, then the entries; sets each drawn entry's
// box. `table_name` is named in the "另见附表" line when the entries overflow.
LegendPlacement draw_legend(cairo_t* cr, TextPen& pen, const PageBox& room, const std::string& heading,
                            const std::vector<KeySymbol>& key, std::vector<LegendEntry>& entries,
                            const std::string& table_name);

// The full legend as a CSV table (UTF-8 with BOM): name, unit, phone, grids.
void write_legend_table(const std::string& path, const std::vector<LegendEntry>& entries, const std::string& name_header,
                        const std::string& unit_header);

}  // namespace respgrid::exporters::map

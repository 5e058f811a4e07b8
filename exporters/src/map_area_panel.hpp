#pragma once
// The right-hand panel of a worker's or village's sheet: who to call (the worker, the village,
// the township, the 包联 leader), the table of the area's grids or workers in as many columns and
// as small a font as it takes, then the furniture every sheet has (north arrow, scale bar, footer).

#include <optional>
#include <string>
#include <vector>

#include "map_cairo.hpp"

namespace respgrid::exporters::map {

struct PanelTable {
    std::string heading;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;  // as many cells as headers
    // A colour swatch before each row (the village sheet's workers, as filled on the map); none
    // when empty. A row whose swatch is nullopt gets the hatch of grids nobody patrols.
    std::vector<std::optional<RgbColour>> swatches;
};

struct AreaPanel {
    std::vector<std::string> contacts;  // one line each
    PanelTable table;
    std::vector<std::string> footer;
};

// The table's rows that do not fit are counted in a last line.
void draw_area_panel(cairo_t* cr, TextPen& pen, const PageBox& panel, const PageTransform& t, const AreaPanel& content);

}  // namespace respgrid::exporters::map

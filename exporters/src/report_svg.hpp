#pragma once
// The HTML report's pictures as inline SVG (no xmlns: an HTML5 document needs none, and the file
// must hold no URL at all): horizontal bars, and the choropleth map of cases per grid.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/exporters/ledger_report.hpp"

namespace respgrid::exporters::report {

// `text` with & < > " ' escaped, for HTML and SVG text and attribute values.
std::string xml_escape(std::string_view text);

struct Bar {
    std::string label;
    std::optional<double> value;  // none: no bar, the text alone (greyed)
    std::string text;             // what is written after the bar ("46.2%")
};
// One bar per row, 0..`max_value` over the bar area, in `colour` ("#2c7fb8").
std::string svg_bars(const std::vector<Bar>& bars, double max_value, std::string_view colour);

// The colour classes of the map: a grid with `count` cases falls in the class whose range holds it.
struct MapClass {
    int from = 0;  // inclusive
    int to = 0;    // inclusive
    std::string colour;
};
// Five classes of equal width from 1 to `max_count` (fewer when max_count < 5), after a class for 0.
std::vector<MapClass> map_classes(int max_count);

struct CaseMap {
    std::string svg;                // "" when there is nothing to draw (no grid, no township)
    std::vector<MapClass> classes;  // the legend
    std::size_t cells_drawn = 0;
    std::size_t cells_skipped = 0;  // too small to see, or beyond kMapAllCellsLimit without cases
};
// The grids coloured by `counts` (grid code → cases), township boundaries and names over them.
CaseMap svg_case_map(const ReportMap& map, const std::map<std::string, int>& counts);

}  // namespace respgrid::exporters::report

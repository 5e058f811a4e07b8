#pragma once
// The right-hand panel of a sheet, the same on every sheet: north arrow, scale bar and footer at
// the bottom, the legend above them, and the legend's full table beside the sheet when it did not
// fit.

#include <string>
#include <vector>

#include "map_cairo.hpp"
#include "map_legend.hpp"
#include "map_page.hpp"
#include "respgrid/geo/output_files.hpp"

namespace respgrid::exporters::map {

struct PanelContent {
    std::string heading;  // the legend's heading
    std::vector<KeySymbol> key;
    std::vector<std::string> footer;
    std::string table_name;  // file name of the table written beside the sheet on overflow
    std::string name_header, unit_header;  // its column headers
    geo::OutputRules outputs;              // what the table may replace
};

// Draws the panel; reads and updates result.legend (the entries' boxes), sets the scale bar, the
// legend box and, on overflow, writes the table into `dir` and sets result.owner_table.
void draw_panel(cairo_t* cr, TextPen& pen, const SheetFrame& frame, const std::string& dir, const PanelContent& content,
                SheetResult& result);

// Clips drawing to the map frame until the matching cairo_restore().
void clip_to_map(cairo_t* cr, const PageBox& frame);

}  // namespace respgrid::exporters::map

#pragma once
// What makes a map a sheet: the title band, the north arrow, the scale bar and the footer lines
// (scale, date, grid generation, CRS).

#include <string>
#include <vector>

#include "map_cairo.hpp"

namespace respgrid::exporters::map {

// The title centred in `band`, the subtitle (county, sheet kind) under it, a rule below.
void draw_title(cairo_t* cr, TextPen& pen, const PageBox& band, const std::string& title, const std::string& subtitle);

// A north arrow filling `box` (north is up: the working CRS is a Gauss-Krüger projection, whose
// grid north differs from true north by less than 2 degrees within a 3-degree zone).
void draw_north_arrow(cairo_t* cr, TextPen& pen, const PageBox& box);

// A scale bar of a round length no wider than `max_width`, left end at (x, y); returns it.
ScaleBar draw_scale_bar(cairo_t* cr, TextPen& pen, double x, double y, double max_width, const PageTransform& t);

// Lines of small text from the top of `box` down; returns the height used.
double draw_text_lines(TextPen& pen, const PageBox& box, const std::vector<std::string>& lines, double size_pt);

// The bottom part of the panel: north arrow, scale bar and the footer lines; returns the box it
// took (its top is where the legend must stop).
struct Furniture {
    PageBox box;
    ScaleBar scale_bar;
};
Furniture draw_panel_furniture(cairo_t* cr, TextPen& pen, const PageBox& panel, const PageTransform& t,
                               const std::vector<std::string>& footer);

// "1:25,000"
std::string format_scale(double denominator);

}  // namespace respgrid::exporters::map

#pragma once
// Where a worker's or village's sheet goes on paper (area_sheet.hpp): the area's grids within
// its township, the scale at which every grid number fits, and the pages (one, or several that
// overlap plus an index page) at that scale.

#include <string>
#include <vector>

#include "map_cairo.hpp"
#include "map_page.hpp"
#include "map_township_grids.hpp"
#include "respgrid/exporters/area_sheet.hpp"

namespace respgrid::exporters::map {

// The area's grids: indices into the township's grids, and the owner group of a worker's area.
struct AreaGrids {
    std::vector<std::size_t> grids;
    std::size_t owner = kNoOwner;
    geo::Envelope extent;
};
// Throws InputError when the area has no grid in `tg`.
AreaGrids select_area(const TownshipGrids& tg, const AreaSpec& area);

// A grid's number and where its centre goes: the grid's envelope centre, or the centre of its
// largest inscribed circle when the number does not fit around the envelope centre.
struct NumberLabel {
    std::size_t grid = 0;
    std::string text;
    TextSize size;
    geo::XY anchor;
    // Whether the sheet's scale must make room for it: a whole grid (filling 95% of its envelope,
    // not a piece cut by a boundary, road or river) of at least 90% of the area's median grid
    // area, whose number fits inside it at the largest scale offered. Pieces at a village's edge do not hold the scale
    // down (a sheet at 1:2,000 for a 0.1 ha triangle is no use): their number goes on their widest spot, or beside
    // them, where it meets no other label.
    bool holds_scale = true;
};

// The round scales a worker's sheet may print at: 1, 2, 2.5, 5, 7.5 times a power of ten, no
// larger than 1:2,000.
double round_area_denominator_up(double denominator);
double next_larger_scale(double denominator);  // the next smaller denominator of that series
inline constexpr double kLargestScale = 2000;  // 1:2,000: no sheet goes beyond

// Whether the label, centred on its anchor with room around it (three quarters of the grid at most:
// legible in the field), lies inside its grid at 1:`denominator`.
bool number_fits(const NumberLabel& label, const SheetGrid& grid, double denominator);

struct AreaLayout {
    PageLayout layout;                 // the map pages' layout (orientation by the area's shape)
    double denominator = 0;            // the map pages' scale
    std::vector<geo::Envelope> views;  // each map page's world box, north-west first, row by row
    std::vector<NumberLabel> numbers;  // the area's grid numbers, in the area's grid order
    geo::Envelope covered;             // what the pages cover together
    [[nodiscard]] bool split() const { return views.size() > 1; }
};

// Plans an area's sheet on `paper`: scale and pages (see area_sheet.hpp).
AreaLayout plan_area_layout(TextPen& pen, const TownshipGrids& tg, const AreaGrids& area, Paper paper);

// The page transform showing `view` in `frame` (points per metre from the scale).
PageTransform view_transform(const geo::Envelope& view, const PageBox& frame, double denominator);

}  // namespace respgrid::exporters::map

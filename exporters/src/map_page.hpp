#pragma once
// The page of a sheet: paper size and orientation, where the title, the map and the side panel
// go, and the printed scale (a round 1:N chosen so the area fills the map frame).

#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/geo/xy.hpp"

namespace respgrid::exporters::map {

struct PageLayout {
    PageBox page;
    PageBox title;      // the band across the top
    PageBox map_frame;  // the map, left
    PageBox panel;      // the legend, scale bar, north arrow and footer, right
};

inline constexpr double kPointsPerMm = 72.0 / 25.4;

// Landscape or portrait, whichever prints `extent` at the larger scale.
PageLayout choose_layout(Paper paper, const geo::Envelope& extent);

// The smallest round denominator (1, 1.25, 1.5, 1.75, then 2 to 9.5 in halves, times a power of
// ten) at or above `denominator`: 1:N scales as printed maps state them.
double round_scale_denominator(double denominator);

// The transform that shows `extent` centred in `frame` at a round scale.
PageTransform fit_extent(const geo::Envelope& extent, const PageBox& frame);

// The layout, transform and visible world box of a sheet showing `extent` with a 2% margin.
struct SheetFrame {
    PageLayout layout;
    PageTransform transform;
    geo::Envelope view;  // the map frame in the working CRS
};
SheetFrame frame_sheet(Paper paper, const geo::Envelope& extent);
// A result with the frame's page, map frame and transform filled in.
SheetResult start_result(const SheetFrame& frame);

// The longest 1, 2 or 5 x 10^n metres not longer than `max_metres`.
double round_scale_bar_metres(double max_metres);

}  // namespace respgrid::exporters::map

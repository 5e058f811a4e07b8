#include "map_page.hpp"

#include <algorithm>
#include <cmath>

namespace respgrid::exporters::map {

namespace {

struct PaperSize {
    double long_mm, short_mm;
};

PaperSize paper_size(Paper paper) { return paper == Paper::A3 ? PaperSize{420, 297} : PaperSize{297, 210}; }

PageLayout layout_for(double width_mm, double height_mm, Paper paper) {
    const double margin = 10 * kPointsPerMm;
    const double title_height = (paper == Paper::A3 ? 20 : 16) * kPointsPerMm;
    // The panel holds the legend: wide enough for a worker, a phone number and a village name
    // at 7 pt, in one or two columns.
    const double panel_width = (paper == Paper::A3 ? 100 : 78) * kPointsPerMm;
    const double gap = 5 * kPointsPerMm;
    PageLayout l;
    l.page = {0, 0, width_mm * kPointsPerMm, height_mm * kPointsPerMm};
    l.title = {margin, margin, l.page.x1 - margin, margin + title_height};
    l.panel = {l.page.x1 - margin - panel_width, l.title.y1 + gap, l.page.x1 - margin, l.page.y1 - margin};
    l.map_frame = {margin, l.title.y1 + gap, l.panel.x0 - gap, l.page.y1 - margin};
    return l;
}

double fit_points_per_metre(const geo::Envelope& extent, const PageBox& frame) {
    const double w = std::max(extent.max_x - extent.min_x, 1.0);
    const double h = std::max(extent.max_y - extent.min_y, 1.0);
    return std::min(frame.width() / w, frame.height() / h);
}

}  // namespace

PageLayout choose_layout(Paper paper, const geo::Envelope& extent) {
    const auto size = paper_size(paper);
    auto landscape = layout_for(size.long_mm, size.short_mm, paper);
    auto portrait = layout_for(size.short_mm, size.long_mm, paper);
    return fit_points_per_metre(extent, portrait.map_frame) > fit_points_per_metre(extent, landscape.map_frame)
               ? portrait
               : landscape;
}

double round_scale_denominator(double denominator) {
    // Steps of a quarter below 2, of a half above: a township fills most of its frame, and the
    // scale still reads as a round number (1:25,000, 1:55,000).
    static constexpr double kSteps[] = {1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10};
    const double decade = std::pow(10.0, std::floor(std::log10(denominator)));
    for (double s : kSteps) {
        // A hair of tolerance: 25000.000001 is printed as 1:25,000, not bumped to 1:30,000.
        if (s * decade >= denominator * (1 - 1e-9)) return s * decade;
    }
    return 10 * decade;
}

PageTransform fit_extent(const geo::Envelope& extent, const PageBox& frame) {
    PageTransform t;
    const double fitted_denominator = 1000.0 * kPointsPerMm / fit_points_per_metre(extent, frame);
    t.points_per_metre = 1000.0 * kPointsPerMm / round_scale_denominator(fitted_denominator);
    const auto centre = extent.centre();
    t.origin_x = frame.x0;
    t.origin_y = frame.y0;
    t.min_x = centre.x - frame.width() / 2 / t.points_per_metre;
    t.max_y = centre.y + frame.height() / 2 / t.points_per_metre;
    return t;
}

SheetFrame frame_sheet(Paper paper, const geo::Envelope& extent) {
    SheetFrame f;
    f.layout = choose_layout(paper, extent);
    auto padded = extent;
    const double margin = 0.02 * std::max(extent.max_x - extent.min_x, extent.max_y - extent.min_y);
    padded.expand(geo::XY{extent.min_x - margin, extent.min_y - margin});
    padded.expand(geo::XY{extent.max_x + margin, extent.max_y + margin});
    f.transform = fit_extent(padded, f.layout.map_frame);
    const auto& t = f.transform;
    const auto& frame = f.layout.map_frame;
    f.view.expand(geo::XY{t.min_x, t.max_y - frame.height() / t.points_per_metre});
    f.view.expand(geo::XY{t.min_x + frame.width() / t.points_per_metre, t.max_y});
    return f;
}

SheetResult start_result(const SheetFrame& frame) {
    SheetResult result;
    result.page = frame.layout.page;
    result.map_frame = frame.layout.map_frame;
    result.transform = frame.transform;
    return result;
}

double round_scale_bar_metres(double max_metres) {
    const double decade = std::pow(10.0, std::floor(std::log10(max_metres)));
    for (double s : {5.0, 2.0, 1.0}) {
        if (s * decade <= max_metres) return s * decade;
    }
    return decade;
}

}  // namespace respgrid::exporters::map

namespace respgrid::exporters {

double PageTransform::scale_denominator() const { return 1000.0 * map::kPointsPerMm / points_per_metre; }

}  // namespace respgrid::exporters

#include "map_furniture.hpp"

#include <cmath>

#include "map_page.hpp"

namespace respgrid::exporters::map {

namespace {

// Metres even for kilometres: the grids are measured in metres, and so is the bar.
std::string format_metres(double metres) { return std::to_string(static_cast<long long>(std::llround(metres))) + " 米"; }

}  // namespace

std::string format_scale(double denominator) {
    auto digits = std::to_string(static_cast<long long>(std::llround(denominator)));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return "1:" + digits;
}

void draw_title(cairo_t* cr, TextPen& pen, const PageBox& band, const std::string& title, const std::string& subtitle) {
    const double title_pt = band.height() * 0.48;
    const double subtitle_pt = band.height() * 0.2;
    auto t = pen.measure(title, title_pt, true);
    cairo_set_source_rgb(cr, 0, 0, 0);
    pen.draw(title, title_pt, band.x0 + (band.width() - t.width) / 2, band.y0, true);
    auto s = pen.measure(subtitle, subtitle_pt);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    pen.draw(subtitle, subtitle_pt, band.x0 + (band.width() - s.width) / 2, band.y0 + t.height);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1.2);
    cairo_move_to(cr, band.x0, band.y1);
    cairo_line_to(cr, band.x1, band.y1);
    cairo_stroke(cr);
}

void draw_north_arrow(cairo_t* cr, TextPen& pen, const PageBox& box) {
    const double letter_pt = box.height() * 0.22;
    const auto n = pen.measure("N", letter_pt, true);
    const double cx = box.x0 + box.width() / 2;
    const double top = box.y0 + n.height;
    const double half = std::min(box.width(), box.height()) * 0.22;
    cairo_set_source_rgb(cr, 0, 0, 0);
    pen.draw("N", letter_pt, cx - n.width / 2, box.y0, true);
    // The classic half-black, half-white arrow head.
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, cx, top);
    cairo_line_to(cr, cx - half, box.y1);
    cairo_line_to(cr, cx, box.y1 - (box.y1 - top) * 0.3);
    cairo_close_path(cr);
    cairo_fill_preserve(cr);
    cairo_stroke(cr);
    cairo_move_to(cr, cx, top);
    cairo_line_to(cr, cx + half, box.y1);
    cairo_line_to(cr, cx, box.y1 - (box.y1 - top) * 0.3);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_stroke(cr);
}

ScaleBar draw_scale_bar(cairo_t* cr, TextPen& pen, double x, double y, double max_width, const PageTransform& t) {
    ScaleBar bar;
    bar.metres = round_scale_bar_metres(max_width / t.points_per_metre);
    const double width = bar.metres * t.points_per_metre;
    const double height = 4.0;
    bar.box = {x, y, x + width, y + height};
    constexpr int kSegments = 4;
    cairo_set_line_width(cr, 0.6);
    for (int i = 0; i < kSegments; ++i) {
        cairo_rectangle(cr, x + width * i / kSegments, y, width / kSegments, height);
        if (i % 2 == 0) {
            cairo_set_source_rgb(cr, 0, 0, 0);
        } else {
            cairo_set_source_rgb(cr, 1, 1, 1);
        }
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_stroke(cr);
    }
    const double label_pt = 7;
    for (double f : {0.0, 0.5, 1.0}) {
        const std::string text = f == 0.0 ? "0" : format_metres(bar.metres * f);
        const auto size = pen.measure(text, label_pt);
        pen.draw(text, label_pt, x + width * f - size.width / 2, y + height + 1.5);
    }
    return bar;
}

double draw_text_lines(TextPen& pen, const PageBox& box, const std::vector<std::string>& lines, double size_pt) {
    double y = box.y0;
    for (const auto& line : lines) {
        const auto size = pen.measure(line, size_pt);
        pen.draw(line, size_pt, box.x0, y);
        y += size.height;
    }
    return y - box.y0;
}

Furniture draw_panel_furniture(cairo_t* cr, TextPen& pen, const PageBox& panel, const PageTransform& t,
                               const std::vector<std::string>& footer) {
    const double footer_pt = 7;
    const double line_height = pen.measure("网格", footer_pt).height;
    const double footer_height = line_height * static_cast<double>(footer.size());
    const double arrow_size = 16 * kPointsPerMm;
    Furniture f;
    f.box = {panel.x0, panel.y1 - footer_height - arrow_size - 6, panel.x1, panel.y1};
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, f.box.x0, f.box.y0 - 3);
    cairo_line_to(cr, f.box.x1, f.box.y0 - 3);
    cairo_stroke(cr);
    const PageBox arrow{panel.x0, f.box.y0, panel.x0 + arrow_size * 0.7, f.box.y0 + arrow_size};
    draw_north_arrow(cr, pen, arrow);
    const double bar_x = arrow.x1 + 8;
    // Room for half of the end label, which is centred on the bar's end.
    const double bar_max = panel.x1 - bar_x - pen.measure("10000 米", 7).width / 2;
    const std::string scale = "比例尺 " + format_scale(t.scale_denominator());
    cairo_set_source_rgb(cr, 0, 0, 0);
    pen.draw(scale, 8, bar_x, f.box.y0 + 2);
    f.scale_bar = draw_scale_bar(cr, pen, bar_x, f.box.y0 + arrow_size * 0.5, bar_max, t);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    draw_text_lines(pen, {panel.x0, panel.y1 - footer_height, panel.x1, panel.y1}, footer, footer_pt);
    return f;
}

}  // namespace respgrid::exporters::map

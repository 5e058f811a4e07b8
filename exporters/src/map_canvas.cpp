#include "map_canvas.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <cmath>

#include "respgrid/geo/error.hpp"

namespace respgrid::exporters::detail {

namespace {
// fontconfig picks the first family it has; both are Debian packages (fonts-wqy-zenhei is
// installed by scripts/setup.sh).
constexpr const char* kFamilies = "WenQuanYi Zen Hei,Noto Sans CJK SC,sans-serif";
}  // namespace

MapCanvas::MapCanvas(const std::string& path, SheetFormat format, double width_pt, double height_pt, double dpi)
    : path_(path), format_(format) {
    const double px_per_pt = dpi / 72.0;
    switch (format) {
        case SheetFormat::Pdf: surface_.reset(cairo_pdf_surface_create(path.c_str(), width_pt, height_pt)); break;
        case SheetFormat::Svg: surface_.reset(cairo_svg_surface_create(path.c_str(), width_pt, height_pt)); break;
        case SheetFormat::Png:
            surface_.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(width_pt * px_per_pt)),
                                                      static_cast<int>(std::lround(height_pt * px_per_pt))));
            break;
    }
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
        throw OutputError(path, std::string("cannot create the map sheet: ") +
                                    cairo_status_to_string(cairo_surface_status(surface_.get())));
    }
    cr_.reset(cairo_create(surface_.get()));
    if (format == SheetFormat::Png) cairo_scale(cr_.get(), px_per_pt, px_per_pt);
    // White paper (an image surface starts black).
    cairo_set_source_rgb(cr_.get(), 1, 1, 1);
    cairo_paint(cr_.get());
    layout_.reset(pango_cairo_create_layout(cr_.get()));
    // Font sizes in points = user units.
    pango_cairo_context_set_resolution(pango_layout_get_context(layout_.get()), 72.0);
    pango_layout_context_changed(layout_.get());
}

MapCanvas::~MapCanvas() = default;

void MapCanvas::set_colour(const Rgba& c) const {
    cairo_set_source_rgba(cr_.get(), c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

PangoLayout* MapCanvas::layout_for(const std::string& text, const TextStyle& style) const {
    std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
        pango_font_description_from_string(kFamilies), &pango_font_description_free);
    pango_font_description_set_size(font.get(), static_cast<gint>(style.size_pt * PANGO_SCALE));
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_.get(), font.get());
    pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
    return layout_.get();
}

std::pair<double, double> MapCanvas::measure(const std::string& text, const TextStyle& style) const {
    PangoRectangle logical;
    pango_layout_get_extents(layout_for(text, style), nullptr, &logical);
    return {logical.width / static_cast<double>(PANGO_SCALE), logical.height / static_cast<double>(PANGO_SCALE)};
}

PageBox MapCanvas::text(const std::string& text, double x, double y, const TextStyle& style) const {
    auto [w, h] = measure(text, style);
    cairo_move_to(cr_.get(), x, y);
    set_colour(style.colour);
    pango_cairo_update_layout(cr_.get(), layout_.get());
    pango_cairo_show_layout(cr_.get(), layout_.get());
    return {x, y, x + w, y + h};
}

PageBox MapCanvas::text_with_halo(const std::string& text, double x, double y, const TextStyle& style) const {
    auto [w, h] = measure(text, style);
    cairo_t* c = cr_.get();
    cairo_save(c);
    cairo_move_to(c, x, y);
    pango_cairo_update_layout(c, layout_.get());
    pango_cairo_layout_path(c, layout_.get());
    cairo_set_source_rgba(c, 1, 1, 1, 0.9);
    cairo_set_line_width(c, style.size_pt * 0.25);
    cairo_set_line_join(c, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(c);
    cairo_restore(c);
    cairo_move_to(c, x, y);
    set_colour(style.colour);
    pango_cairo_show_layout(c, layout_.get());
    return {x, y, x + w, y + h};
}

void MapCanvas::finish() {
    if (finished_) return;
    finished_ = true;
    layout_.reset();
    cairo_surface_flush(surface_.get());
    cairo_status_t status = CAIRO_STATUS_SUCCESS;
    if (format_ == SheetFormat::Png) {
        status = cairo_surface_write_to_png(surface_.get(), path_.c_str());
    } else {
        cairo_surface_finish(surface_.get());
        status = cairo_surface_status(surface_.get());
    }
    cr_.reset();
    surface_.reset();
    if (status != CAIRO_STATUS_SUCCESS) {
        throw OutputError(path_, std::string("cannot write the map sheet: ") + cairo_status_to_string(status));
    }
}

}  // namespace respgrid::exporters::detail

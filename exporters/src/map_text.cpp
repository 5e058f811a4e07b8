#include "map_cairo.hpp"

namespace respgrid::exporters::map {

TextPen::TextPen(cairo_t* cr)
    : cr_(cr), layout_(pango_cairo_create_layout(cr)), font_(pango_font_description_from_string(kFontFamilies)) {
    // Metrics must not depend on the surface's pixel grid: a label measured for a PDF must take
    // the same room in the PNG of the same sheet.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout_.get()), options);
    cairo_font_options_destroy(options);
    pango_layout_context_changed(layout_.get());
}

void TextPen::set(std::string_view text, double size_pt, bool bold, double wrap_width) {
    if (wrap_width > 0) {
        pango_layout_set_width(layout_.get(), static_cast<int>(wrap_width * PANGO_SCALE));
        pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    } else {
        pango_layout_set_width(layout_.get(), -1);
    }
    pango_font_description_set_absolute_size(font_.get(), size_pt * PANGO_SCALE);
    pango_font_description_set_weight(font_.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_.get(), font_.get());
    pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
}

TextSize TextPen::measure(std::string_view text, double size_pt, bool bold) {
    set(text, size_pt, bold);
    PangoRectangle logical;
    pango_layout_get_extents(layout_.get(), nullptr, &logical);
    return {static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE};
}

void TextPen::draw(std::string_view text, double size_pt, double x, double y, bool bold) {
    set(text, size_pt, bold);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_.get());
}

void TextPen::draw_with_halo(std::string_view text, double size_pt, double x, double y, bool bold) {
    set(text, size_pt, bold);
    cairo_save(cr_);
    cairo_move_to(cr_, x, y);
    pango_cairo_layout_path(cr_, layout_.get());
    cairo_set_source_rgba(cr_, 1, 1, 1, 0.85);
    cairo_set_line_width(cr_, std::max(0.8, size_pt * 0.25));
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr_);
    cairo_restore(cr_);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_.get());
}

TextSize TextPen::measure_wrapped(std::string_view text, double size_pt, double width, bool bold) {
    set(text, size_pt, bold, width);
    PangoRectangle logical;
    pango_layout_get_extents(layout_.get(), nullptr, &logical);
    return {static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE};
}

void TextPen::draw_wrapped(std::string_view text, double size_pt, double x, double y, double width, bool bold) {
    set(text, size_pt, bold, width);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_.get());
}

}  // namespace respgrid::exporters::map

#pragma once
// The Cairo and Pango handles of the map renderer, each wrapped once with its destroy function,
// and the one way text is measured and drawn (Pango layouts in the CJK font).

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters::map {

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct PatternDeleter {
    void operator()(cairo_pattern_t* p) const noexcept { cairo_pattern_destroy(p); }
};
struct GObjectDeleter {
    void operator()(void* o) const noexcept { g_object_unref(o); }
};
struct FontDescriptionDeleter {
    void operator()(PangoFontDescription* d) const noexcept { pango_font_description_free(d); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;
using PatternPtr = std::unique_ptr<cairo_pattern_t, PatternDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;

// fontconfig families, first choice first.
inline constexpr const char* kFontFamilies = "WenQuanYi Zen Hei,Noto Sans CJK SC";

struct TextSize {
    double width = 0, height = 0;  // logical box, points
};

// One Pango layout reused for every text of a sheet (creating a layout per label costs more
// than drawing it). Sizes are absolute, in user units (points), whatever the surface.
class TextPen {
public:
    explicit TextPen(cairo_t* cr);
    [[nodiscard]] TextSize measure(std::string_view text, double size_pt, bool bold = false);
    // Draws `text` with its logical box's top-left at (x, y).
    void draw(std::string_view text, double size_pt, double x, double y, bool bold = false);
    // Draws with a white halo first, so the text reads over fills and lines.
    void draw_with_halo(std::string_view text, double size_pt, double x, double y, bool bold = false);
    // Text wrapped into lines of at most `width` points (at spaces, and between CJK characters,
    // as Pango breaks them; a word longer than a line is broken too): the box it takes, and
    // drawing it with that box's top-left at (x, y).
    [[nodiscard]] TextSize measure_wrapped(std::string_view text, double size_pt, double width, bool bold = false);
    void draw_wrapped(std::string_view text, double size_pt, double x, double y, double width, bool bold = false);

private:
    // `wrap_width` <= 0: one line.
    void set(std::string_view text, double size_pt, bool bold, double wrap_width = 0);
    cairo_t* cr_;
    LayoutPtr layout_;
    FontDescriptionPtr font_;
};

inline void set_colour(cairo_t* cr, const RgbColour& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

}  // namespace respgrid::exporters::map

#pragma once
// A page to draw on in points (1/72 inch, origin top left), backed by a Cairo PDF, SVG or image
// surface, with Pango text in a CJK font. Owns every Cairo and Pango handle it makes.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters::detail {

struct TextStyle {
    double size_pt = 8;
    bool bold = false;
    Rgba colour{0, 0, 0, 255};
};

class MapCanvas {
public:
    // Writes to `path` (PDF, SVG at once; PNG on finish()).
    MapCanvas(const std::string& path, SheetFormat format, double width_pt, double height_pt, double dpi);
    ~MapCanvas();
    MapCanvas(const MapCanvas&) = delete;
    MapCanvas& operator=(const MapCanvas&) = delete;

    [[nodiscard]] cairo_t* cr() const { return cr_.get(); }
    void set_colour(const Rgba& c) const;
    // Width and height of `text` in points.
    [[nodiscard]] std::pair<double, double> measure(const std::string& text, const TextStyle& style) const;
    // Draws `text` with its top left corner at (x, y); returns its box.
    PageBox text(const std::string& text, double x, double y, const TextStyle& style) const;
    // With a white halo, so it reads over fills and lines.
    PageBox text_with_halo(const std::string& text, double x, double y, const TextStyle& style) const;
    void finish();  // throws OutputError when the file could not be written

private:
    PangoLayout* layout_for(const std::string& text, const TextStyle& style) const;
    std::string path_;
    SheetFormat format_;
    struct SurfaceDeleter {
        void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
    };
    struct ContextDeleter {
        void operator()(cairo_t* c) const { cairo_destroy(c); }
    };
    struct ObjectDeleter {
        void operator()(void* o) const { g_object_unref(o); }
    };
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface_;
    std::unique_ptr<cairo_t, ContextDeleter> cr_;
    std::unique_ptr<PangoLayout, ObjectDeleter> layout_;
    bool finished_ = false;
};

}  // namespace respgrid::exporters::detail

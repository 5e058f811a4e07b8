#include "map_draw.hpp"

#include "map_palette.hpp"

namespace respgrid::exporters::map {

namespace {

void add_ring(cairo_t* cr, const geo::Ring& ring, const PageTransform& t, bool close) {
    if (ring.empty()) return;
    cairo_move_to(cr, t.page_x(ring.front().x), t.page_y(ring.front().y));
    for (std::size_t i = 1; i < ring.size(); ++i) cairo_line_to(cr, t.page_x(ring[i].x), t.page_y(ring[i].y));
    if (close) cairo_close_path(cr);
}

}  // namespace

void add_polygons(cairo_t* cr, const std::vector<geo::PolygonRings>& polygons, const PageTransform& t) {
    for (const auto& polygon : polygons) {
        for (const auto& ring : polygon) add_ring(cr, ring, t, true);
    }
}

void add_polylines(cairo_t* cr, const std::vector<Polyline>& lines, const PageTransform& t) {
    for (const auto& line : lines) add_ring(cr, line, t, false);
}

void set_dash(cairo_t* cr, double dash) {
    if (dash <= 0) {
        cairo_set_dash(cr, nullptr, 0, 0);
        return;
    }
    const double dashes[] = {dash * 2, dash};
    cairo_set_dash(cr, dashes, 2, 0);
}

PatternPtr hatch_pattern() {
    constexpr int kTile = 6;  // points
    // A bounded recording surface keeps the hatch vector in PDF and SVG; its extent is the tile
    // the pattern repeats.
    const cairo_rectangle_t extent{0, 0, kTile, kTile};
    SurfacePtr tile(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extent));
    {
        ContextPtr cr(cairo_create(tile.get()));
        set_colour(cr.get(), kUnownedFill);
        cairo_rectangle(cr.get(), 0, 0, kTile, kTile);
        cairo_fill(cr.get());
        cairo_set_source_rgb(cr.get(), 0.45, 0.45, 0.45);
        cairo_set_line_width(cr.get(), 0.6);
        // One diagonal and the two corner pieces that continue it across the tile's edges.
        cairo_move_to(cr.get(), 0, kTile);
        cairo_line_to(cr.get(), kTile, 0);
        cairo_move_to(cr.get(), -1, 1);
        cairo_line_to(cr.get(), 1, -1);
        cairo_move_to(cr.get(), kTile - 1, kTile + 1);
        cairo_line_to(cr.get(), kTile + 1, kTile - 1);
        cairo_stroke(cr.get());
    }
    PatternPtr pattern(cairo_pattern_create_for_surface(tile.get()));
    cairo_pattern_set_extend(pattern.get(), CAIRO_EXTEND_REPEAT);
    return pattern;
}

bool meets(const geo::Envelope& a, const geo::Envelope& b) {
    return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

}  // namespace respgrid::exporters::map

// The map on a dispatch sheet: the owner's area and its cases as numbered markers, drawn with the
// township sheets' pieces (map_layers.hpp) at a round scale (map_page.hpp).
#include <algorithm>
#include <cmath>

#include "dispatch_draw.hpp"
#include "map_furniture.hpp"
#include "map_labels.hpp"
#include "map_layers.hpp"
#include "map_page.hpp"
#include "map_panel.hpp"

namespace respgrid::exporters::map {

namespace {

// Grids are outlined only on maps small enough to show them (a village, a township): a
// department's cases spread over the county would parse every grid of it for a grey smudge.
constexpr std::size_t kMaxGridsDrawn = 20000;
// A map never shows less than this across, so one case alone still shows its streets.
constexpr double kMinExtentMetres = 600;

geo::Envelope owner_extent(const DispatchOwner& owner) {
    geo::Envelope e;
    if (owner.unit) e = owner.unit->geometry.envelope();
    for (const auto& r : owner.rows) e.expand(r.ledger_case->position);
    const geo::XY centre = e.centre();
    const double half_w = std::max((e.max_x - e.min_x) / 2, kMinExtentMetres / 2);
    const double half_h = std::max((e.max_y - e.min_y) / 2, kMinExtentMetres / 2);
    // A margin, so that markers on the edge are drawn whole.
    const double margin = 0.04 * 2 * std::max(half_w, half_h);
    geo::Envelope padded;
    padded.expand(geo::XY{centre.x - half_w - margin, centre.y - half_h - margin});
    padded.expand(geo::XY{centre.x + half_w + margin, centre.y + half_h + margin});
    return padded;
}

std::vector<PlainUnit> units_in(std::span<const grids::AdminUnit> units, const geo::Envelope& view) {
    std::vector<PlainUnit> out;
    for (const auto& u : units) {
        if (!u.geometry.is_empty() && meets(u.geometry.envelope(), view)) out.push_back(plain_unit(u));
    }
    return out;
}

void stroke_grids(cairo_t* cr, std::span<const grids::GridCell> cells, const geo::Envelope& view, const PageTransform& t) {
    std::vector<const grids::GridCell*> shown;
    for (const auto& c : cells) {
        if (meets(c.envelope, view)) shown.push_back(&c);
        if (shown.size() > kMaxGridsDrawn) return;
    }
    cairo_new_path(cr);
    for (const auto* c : shown) add_polygons(cr, c->shape().polygons(), t);
    cairo_set_source_rgba(cr, kGridBoundary.colour.r, kGridBoundary.colour.g, kGridBoundary.colour.b, 0.45);
    cairo_set_line_width(cr, kGridBoundary.width);
    cairo_stroke(cr);
}

// The key in the map's top-left corner: what the two marker colours mean.
void draw_marker_key(cairo_t* cr, TextPen& pen, const PageBox& frame) {
    const double size = 7;
    const std::string late = "超期", on_time = "未超期";
    const double width = 2 * kMarkerRadius + 4 + std::max(pen.measure(late, size).width, pen.measure(on_time, size).width) + 8;
    const PageBox box{frame.x0 + 4, frame.y0 + 4, frame.x0 + 4 + width, frame.y0 + 4 + 2 * (2 * kMarkerRadius + 3) + 4};
    cairo_rectangle(cr, box.x0, box.y0, box.width(), box.height());
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
    double y = box.y0 + 2 + kMarkerRadius + 1.5;
    for (bool overdue : {true, false}) {
        const double x = box.x0 + 4 + kMarkerRadius;
        cairo_new_path(cr);
        cairo_arc(cr, x, y, kMarkerRadius * 0.8, 0, 2 * M_PI);
        set_colour(cr, overdue ? kOverdueMarker : kOnTimeMarker);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        const std::string& text = overdue ? late : on_time;
        pen.draw(text, size, x + kMarkerRadius + 4, y - pen.measure(text, size).height / 2);
        y += 2 * kMarkerRadius + 3;
    }
}

}  // namespace

void draw_case_marker(cairo_t* cr, TextPen& pen, double x, double y, int seq, bool overdue) {
    cairo_new_path(cr);
    cairo_arc(cr, x, y, kMarkerRadius, 0, 2 * M_PI);
    set_colour(cr, overdue ? kOverdueMarker : kOnTimeMarker);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    const std::string text = std::to_string(seq);
    // Two digits fit the circle at 6 pt; more shrink.
    const double size = text.size() <= 2 ? 6.0 : 6.0 * 2 / static_cast<double>(text.size());
    const auto extent = pen.measure(text, size, true);
    pen.draw(text, size, x - extent.width / 2, y - extent.height / 2, true);
}

std::vector<DispatchMarker> draw_dispatch_map(cairo_t* cr, TextPen& pen, const PageBox& frame, const ProjectLayers& layers,
                                              const MapOverlays& overlays, const DispatchOwner& owner,
                                              std::size_t owner_index) {
    const PageTransform t = fit_extent(owner_extent(owner), frame);
    const geo::Envelope view = to_world(frame, t);
    const auto townships = units_in(layers.townships, view);
    const auto villages = units_in(layers.villages, view);

    clip_to_map(cr, frame);
    // The owner's own unit lightly tinted, so its edge reads at once.
    if (owner.unit) {
        cairo_new_path(cr);
        add_polygons(cr, owner.unit->geometry.polygons(), t);
        cairo_set_source_rgb(cr, 1.0, 0.97, 0.86);
        cairo_fill(cr);
    }
    stroke_grids(cr, layers.grids, view, t);
    draw_lines(cr, plain_lines(overlays.lines, view, true), t);
    stroke_units(cr, villages, t, kVillageBoundary);
    stroke_units(cr, townships, t, kTownshipBoundary);
    if (owner.unit) {
        const PlainUnit own = plain_unit(*owner.unit);
        stroke_units(cr, std::span(&own, 1), t, Stroke{{0.75, 0.35, 0.0}, 2.0, 0});
    }
    LabelPlacer placer(frame);
    // The markers' room first, so no name hides a case.
    for (const auto& r : owner.rows) {
        const double x = t.page_x(r.ledger_case->position.x), y = t.page_y(r.ledger_case->position.y);
        placer.try_place(LabelKind::Grid, "", {x - kMarkerRadius, y - kMarkerRadius, x + kMarkerRadius, y + kMarkerRadius});
    }
    place_unit_names(pen, placer, villages, LabelKind::Village, label_size(LabelKind::Village), t);
    place_unit_names(pen, placer, townships, LabelKind::Township, label_size(LabelKind::Township), t);
    std::vector<PlacedLabel> names;
    for (const auto& l : placer.placed()) {
        if (!l.text.empty()) names.push_back(l);
    }
    draw_labels(cr, pen, names);
    // The first case drawn last, on top: its number is the one a reader looks for first.
    std::vector<DispatchMarker> markers;
    for (auto r = owner.rows.rbegin(); r != owner.rows.rend(); ++r) {
        const double x = t.page_x(r->ledger_case->position.x), y = t.page_y(r->ledger_case->position.y);
        draw_case_marker(cr, pen, x, y, r->seq, r->clock.overdue);
        markers.push_back({owner_index, r->seq, r->clock.overdue, 0, x, y});
    }
    std::reverse(markers.begin(), markers.end());
    cairo_restore(cr);
    draw_frame(cr, frame);
    draw_marker_key(cr, pen, frame);

    // The scale bar at the bottom left and the north arrow at the top right, on white.
    const double bar_room = std::min(frame.width() * 0.3, 150.0);
    cairo_rectangle(cr, frame.x0 + 4, frame.y1 - 24, bar_room + 24, 20);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    pen.draw("比例尺 " + format_scale(t.scale_denominator()), 6, frame.x0 + 8, frame.y1 - 24);
    draw_scale_bar(cr, pen, frame.x0 + 12, frame.y1 - 15, bar_room, t);
    const PageBox arrow{frame.x1 - 22, frame.y0 + 4, frame.x1 - 6, frame.y0 + 30};
    cairo_rectangle(cr, arrow.x0 - 2, arrow.y0 - 1, arrow.width() + 4, arrow.height() + 3);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_fill(cr);
    draw_north_arrow(cr, pen, arrow);
    return markers;
}

}  // namespace respgrid::exporters::map

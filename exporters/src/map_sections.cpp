#include "map_sections.hpp"

#include "map_draw.hpp"
#include "map_layers.hpp"

namespace respgrid::exporters::map {

std::vector<const grids::ResponsibilityFeature*> sections_in(std::span<const grids::ResponsibilityFeature> sections,
                                                             const geo::Envelope& view) {
    std::vector<const grids::ResponsibilityFeature*> out;
    for (const auto& s : sections) {
        geo::Envelope e;
        for (const auto& polygon : s.area) {
            for (const auto& p : polygon.front()) e.expand(p);
        }
        if (!e.empty() && meets(e, view)) out.push_back(&s);
    }
    return out;
}

void draw_sections(cairo_t* cr, std::span<const grids::ResponsibilityFeature* const> sections, const PageTransform& t) {
    cairo_new_path(cr);
    for (const auto* s : sections) add_polygons(cr, s->area, t);
    cairo_set_source_rgba(cr, kSectionOutline.r, kSectionOutline.g, kSectionOutline.b, 0.3);
    cairo_fill_preserve(cr);
    set_colour(cr, kSectionOutline);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
}

void place_section_labels(TextPen& pen, LabelPlacer& placer, std::span<const grids::ResponsibilityFeature* const> sections,
                          const PageTransform& t) {
    const double size_pt = label_size(LabelKind::Section);
    for (const auto* s : sections) {
        if (s->label.empty() || s->area.empty() || s->area.front().empty()) continue;
        const auto size = pen.measure(s->label, size_pt, true);
        const auto& ring = s->area.front().front();
        // A quarter, half and three quarters along the outline: one of them is usually clear.
        for (double f : {0.5, 0.25, 0.75}) {
            const auto& p = ring[static_cast<std::size_t>(f * static_cast<double>(ring.size() - 1))];
            const double cx = t.page_x(p.x), cy = t.page_y(p.y);
            const auto box = centred_box(cx, cy, size.width, size.height);
            if (placer.try_place(LabelKind::Section, s->label, box)) break;
        }
    }
}

}  // namespace respgrid::exporters::map

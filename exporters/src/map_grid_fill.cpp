#include "map_grid_fill.hpp"

#include "map_draw.hpp"
#include "map_layers.hpp"
#include "map_palette.hpp"

namespace respgrid::exporters::map {

void fill_grids(cairo_t* cr, const TownshipGrids& tg, const std::vector<RgbColour>& colours, const PageTransform& t,
                const geo::Envelope& view) {
    // One path per owner: Cairo fills thousands of rectangles in one call far faster than one by one.
    std::vector<std::vector<std::size_t>> by_owner(tg.owners.size() + 1);
    for (std::size_t i = 0; i < tg.grids.size(); ++i) {
        if (!meets(tg.grids[i].envelope, view)) continue;
        by_owner[tg.grids[i].owner == kNoOwner ? tg.owners.size() : tg.grids[i].owner].push_back(i);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (std::size_t o = 0; o < by_owner.size(); ++o) {
        if (by_owner[o].empty()) continue;
        cairo_new_path(cr);
        for (std::size_t i : by_owner[o]) add_polygons(cr, tg.grids[i].polygons, t);
        if (o == tg.owners.size()) {
            auto hatch = hatch_pattern();
            cairo_set_source(cr, hatch.get());
        } else {
            set_colour(cr, colours[o]);
        }
        cairo_fill(cr);
    }
    // Grid outlines in magenta (品红), the colour DB11 gives 单元网格 boundaries on maps; thin and
    // a little transparent, so the grid shows without drowning the owner patches.
    cairo_new_path(cr);
    for (const auto& list : by_owner) {
        for (std::size_t i : list) add_polygons(cr, tg.grids[i].polygons, t);
    }
    cairo_set_source_rgba(cr, kGridBoundary.colour.r, kGridBoundary.colour.g, kGridBoundary.colour.b, 0.55);
    cairo_set_line_width(cr, kGridBoundary.width);
    cairo_stroke(cr);
}

void stroke_worker_borders(cairo_t* cr, const TownshipGrids& tg, std::span<const std::size_t> groups,
                           const PageTransform& t) {
    stroke_borders(cr, group_borders([&](std::size_t i) -> const auto& { return tg.grids[i].polygons; }, groups), t);
}

void stroke_borders(cairo_t* cr, const std::vector<Polyline>& borders, const PageTransform& t) {
    cairo_new_path(cr);
    add_polylines(cr, borders, t);
    set_colour(cr, kWorkerBorder.colour);
    cairo_set_line_width(cr, kWorkerBorder.width);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_stroke(cr);
}

}  // namespace respgrid::exporters::map

#include "map_grid_labels.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "map_draw.hpp"
#include "map_layers.hpp"

namespace respgrid::exporters::map {

void place_owner_names(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const PageTransform& t) {
    const double size_pt = label_size(LabelKind::Owner);
    for (const auto& group : tg.owners) {
        geo::XY middle{0, 0};
        for (std::size_t i : group.grids) {
            const auto c = tg.grids[i].envelope.centre();
            middle.x += c.x / static_cast<double>(group.grids.size());
            middle.y += c.y / static_cast<double>(group.grids.size());
        }
        auto candidates = group.grids;
        auto distance = [&](std::size_t i) {
            const auto c = tg.grids[i].envelope.centre();
            return (c.x - middle.x) * (c.x - middle.x) + (c.y - middle.y) * (c.y - middle.y);
        };
        const std::size_t tries = std::min<std::size_t>(candidates.size(), 12);
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(tries), candidates.end(),
                          [&](std::size_t a, std::size_t b) { return distance(a) < distance(b); });
        const auto size = pen.measure(group.owner->name, size_pt);
        for (std::size_t k = 0; k < tries; ++k) {
            const auto c = tg.grids[candidates[k]].envelope.centre();
            const auto box = centred_box(t.page_x(c.x), t.page_y(c.y), size.width, size.height);
            if (!placer.is_free(box)) continue;
            const auto world = to_world(box, t);
            bool on_own_grids = true;
            for (const geo::XY corner : {geo::XY{world.min_x, world.min_y}, geo::XY{world.max_x, world.min_y},
                                         geo::XY{world.max_x, world.max_y}, geo::XY{world.min_x, world.max_y}}) {
                bool covered = false;
                for (std::size_t i : group.grids) {
                    const auto& e = tg.grids[i].envelope;
                    if (corner.x < e.min_x || corner.x > e.max_x || corner.y < e.min_y || corner.y > e.max_y) continue;
                    if ((covered = point_inside(corner, tg.grids[i].polygons))) break;
                }
                on_own_grids = on_own_grids && covered;
            }
            if (on_own_grids && placer.try_place(LabelKind::Owner, group.owner->name, box)) break;
        }
    }
}

void place_grid_labels(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const PageTransform& t,
                       const geo::Envelope& view) {
    const double size_pt = label_size(LabelKind::Grid);
    std::unordered_map<std::string, TextSize> sizes;  // sequences repeat in every village
    // A label cannot fit a grid narrower than one digit: skip those without measuring.
    const double min_side_m = pen.measure("0", size_pt).width / t.points_per_metre;
    for (const auto& g : tg.grids) {
        const auto& e = g.envelope;
        if (e.max_x - e.min_x < min_side_m || e.max_y - e.min_y < min_side_m || !meets(e, view)) continue;
        const auto& code = g.cell->code;
        std::string text = code.size() > g.cell->village_code.size() ? code.substr(g.cell->village_code.size()) : code;
        auto it = sizes.find(text);
        if (it == sizes.end()) it = sizes.emplace(text, pen.measure(text, size_pt)).first;
        const auto c = e.centre();
        const auto box = centred_box(t.page_x(c.x), t.page_y(c.y), it->second.width, it->second.height);
        if (!box_inside(to_world(box, t), g.polygons)) continue;
        placer.try_place(LabelKind::Grid, std::move(text), box);
    }
}

}  // namespace respgrid::exporters::map

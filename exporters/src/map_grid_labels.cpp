#include "map_grid_labels.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "map_draw.hpp"
#include "map_layers.hpp"

namespace respgrid::exporters::map {

bool place_owner_name(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const OwnerGroup& group,
                      std::span<const std::size_t> candidates, const PageTransform& t) {
    const auto size = pen.measure(group.owner->name, label_size(LabelKind::Owner));
    for (std::size_t candidate : candidates) {
        const auto c = tg.grids[candidate].envelope.centre();
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
        if (on_own_grids && placer.try_place(LabelKind::Owner, group.owner->name, box)) return true;
    }
    return false;
}

std::vector<std::size_t> nearest_grids(const TownshipGrids& tg, std::vector<std::size_t> grids, const geo::XY& to,
                                       std::size_t count) {
    auto distance = [&](std::size_t i) {
        const auto c = tg.grids[i].envelope.centre();
        return (c.x - to.x) * (c.x - to.x) + (c.y - to.y) * (c.y - to.y);
    };
    const std::size_t tries = std::min<std::size_t>(grids.size(), count);
    std::partial_sort(grids.begin(), grids.begin() + static_cast<std::ptrdiff_t>(tries), grids.end(),
                      [&](std::size_t a, std::size_t b) { return distance(a) < distance(b); });
    grids.resize(tries);
    return grids;
}

void place_owner_names(TextPen& pen, LabelPlacer& placer, const TownshipGrids& tg, const PageTransform& t) {
    for (const auto& group : tg.owners) {
        geo::XY middle{0, 0};
        for (std::size_t i : group.grids) {
            const auto c = tg.grids[i].envelope.centre();
            middle.x += c.x / static_cast<double>(group.grids.size());
            middle.y += c.y / static_cast<double>(group.grids.size());
        }
        place_owner_name(pen, placer, tg, group, nearest_grids(tg, group.grids, middle, 12), t);
    }
}

std::string grid_sequence(const grids::GridCell& cell) {
    return cell.code.size() > cell.village_code.size() ? cell.code.substr(cell.village_code.size()) : cell.code;
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
        std::string text = grid_sequence(*g.cell);
        auto it = sizes.find(text);
        if (it == sizes.end()) it = sizes.emplace(text, pen.measure(text, size_pt)).first;
        const auto c = e.centre();
        const auto box = centred_box(t.page_x(c.x), t.page_y(c.y), it->second.width, it->second.height);
        if (!box_inside(to_world(box, t), g.polygons)) continue;
        placer.try_place(LabelKind::Grid, std::move(text), box);
    }
}

}  // namespace respgrid::exporters::map

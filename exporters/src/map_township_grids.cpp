#include "map_township_grids.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace respgrid::exporters::map {

namespace {

geo::Envelope envelope_of(const std::vector<geo::PolygonRings>& polygons) {
    geo::Envelope e;
    for (const auto& polygon : polygons) {
        for (const auto& p : polygon.front()) e.expand(p);
    }
    return e;
}

}  // namespace

TownshipGrids collect_grids(const ProjectLayers& layers, const std::string& township_code) {
    TownshipGrids out;
    std::map<std::string, std::size_t> owner_index;
    for (const auto& cell : layers.grids) {
        if (cell.township_code != township_code) continue;
        SheetGrid g;
        g.cell = &cell;
        g.polygons = cell.shape().polygons();
        g.envelope = envelope_of(g.polygons);
        const grids::ResolvedLink* worker = nullptr;
        grids::ResolvedChain chain;
        if (layers.directory) {
            chain = layers.directory->chain(cell.code);
            worker = chain.find(grids::Role::GridWorker);
        }
        if (worker) {
            auto [it, inserted] = owner_index.try_emplace(worker->owner->id, out.owners.size());
            if (inserted) out.owners.push_back({worker->owner, {}});
            g.owner = it->second;
            out.owners[g.owner].grids.push_back(out.grids.size());
        } else {
            ++out.unowned;
        }
        out.grids.push_back(std::move(g));
    }
    // Legend order: by village, then name; owner indices in the grids follow.
    std::vector<std::size_t> order(out.owners.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& oa = *out.owners[a].owner;
        const auto& ob = *out.owners[b].owner;
        return std::tie(oa.unit_code, oa.name, oa.id) < std::tie(ob.unit_code, ob.name, ob.id);
    });
    std::vector<std::size_t> new_index(order.size());
    std::vector<OwnerGroup> sorted;
    for (std::size_t i = 0; i < order.size(); ++i) {
        new_index[order[i]] = i;
        sorted.push_back(std::move(out.owners[order[i]]));
    }
    out.owners = std::move(sorted);
    for (auto& g : out.grids) {
        if (g.owner != kNoOwner) g.owner = new_index[g.owner];
    }
    return out;
}

}  // namespace respgrid::exporters::map

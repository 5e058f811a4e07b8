#include "respgrid/grids/generator.hpp"
#include "respgrid/geo/enum_names.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "respgrid/geo/densify.hpp"
#include "respgrid/geo/parallel.hpp"
#include "respgrid/geo/linework.hpp"
#include "respgrid/grids/cell_estimate.hpp"
#include "respgrid/grids/hex_grid.hpp"
#include "respgrid/grids/noise.hpp"
#include "respgrid/grids/slivers.hpp"
#include "respgrid/grids/square_grid.hpp"
#include "respgrid/grids/tiling_check.hpp"
#include "method_cutters.hpp"

namespace respgrid::grids {

namespace {
constexpr geo::EnumNames<GridMethod, 4> kGridMethodNames{{{{GridMethod::Square, "square"},
                                                          {GridMethod::Hex, "hex"},
                                                          {GridMethod::Blocks, "blocks"},
                                                          {GridMethod::Balanced, "balanced"}}}};
}  // namespace

std::string_view to_string(GridMethod method) { return kGridMethodNames.name(method); }
std::optional<GridMethod> parse_grid_method(std::string_view text) { return kGridMethodNames.parse(text); }

double GridOptions::nominal_area_m2() const {
    switch (method) {
        case GridMethod::Square: return cell_size_m * cell_size_m;
        case GridMethod::Hex: return std::sqrt(3.0) / 2.0 * cell_size_m * cell_size_m;
        case GridMethod::Blocks: return target_area_m2;
        case GridMethod::Balanced: return base_cell_m * base_cell_m;
    }
    return 0.0;
}

double cell_size_for_area(GridMethod method, double area_m2) {
    return method == GridMethod::Hex ? std::sqrt(2.0 * area_m2 / std::sqrt(3.0)) : std::sqrt(area_m2);
}

namespace {

// What a worker thread gets: plain data only (geometries as WKB), so that it builds every GEOS
// object it touches in its own context (see geo/parallel.hpp).
struct VillageJob {
    const AdminUnit* village = nullptr;
    std::vector<std::uint8_t> wkb;        // noded with its neighbours (node_villages): what is cut
    std::vector<std::uint8_t> drawn_wkb;  // as stored: what the grids are verified against
    std::vector<std::size_t> dedicated;  // indices into the dedicated WKB list
    std::vector<std::size_t> lines;      // indices into the line WKB list
    std::vector<WeightPoint> weights;
};

struct VillageOut {
    std::vector<GridCell> cells;
    std::size_t slivers_merged = 0;
    std::vector<KeptSliver> slivers_kept;
    std::size_t dedicated = 0;
};

// A neighbour's vertex closer than this to a village edge is taken to lie on it (metres); the
// tiling check allows for it (tiling_tolerance).
constexpr double kNodingTolerance = geo::kContactTolerance;

bool envelopes_meet(const geo::Envelope& a, const geo::Envelope& b) {
    return !a.empty() && !b.empty() && a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y &&
           b.min_y <= a.max_y;
}

double band_height(const GridOptions& o) {
    switch (o.method) {
        case GridMethod::Square:
        case GridMethod::Hex: return o.cell_size_m;
        default: return std::sqrt(o.nominal_area_m2());
    }
}

geo::Geometry single_or_multi(geo::Geometry g) { return g.num_geometries() == 1 ? g.part(0) : std::move(g); }

// The polygons of `g` that are not noise (noise.hpp), as a MultiPolygon (possibly empty).
geo::Geometry without_noise_parts(const geo::Geometry& g) {
    std::vector<geo::Geometry> kept;
    for (std::size_t i = 0; i < g.num_geometries(); ++i) {
        geo::Geometry part = g.part(i);
        if (!part.is_empty() && !is_noise_piece(part)) kept.push_back(std::move(part));
    }
    return kept.empty() ? geo::Geometry::empty_multipolygon() : geo::Geometry::collect(std::move(kept)).polygonal();
}

// The check every method's pieces pass (tiling_check.hpp), against the village as stored. A
// village that is itself noise leaves one noise piece, which no rule may keep as a grid.
void verify_pieces(const AdminUnit& village, const geo::Geometry& drawn, const std::vector<CellPiece>& pieces) {
    if (pieces.size() == 1 && !pieces[0].geometry.is_null() && is_noise_piece(pieces[0].geometry)) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "smaller than %g m² or narrower than %g m on average", kNoiseAreaM2, kNoiseWidthM);
        throw TilingError(village.code, "grids: village " + village.name + " is noise (" + buf +
                                            "): no grid can be cut from it; correct or remove it");
    }
    std::vector<geo::Envelope> boxes;  // whole squares carry only their box: checked by arithmetic
    std::vector<const geo::Geometry*> shapes;
    for (const auto& p : pieces) {
        if (p.geometry.is_null() && p.box) {
            boxes.push_back(*p.box);
        } else {
            shapes.push_back(&p.geometry);
        }
    }
    verify_tiling(village.code, village.name, drawn, shapes, boxes);
}

// Cuts the general (non-dedicated) area of a village with the chosen method.
std::vector<CellPiece> cut_general(const geo::Geometry& area, const AdminUnit& village, const GridOptions& o,
                                   std::span<const LineFeature> lines, std::span<const WeightPoint> weights) {
    switch (o.method) {
        case GridMethod::Square: {
            geo::Geometry dense = densify_at_grid_lines(area, o.cell_size_m);
            // Inserting points can, rarely, make a nearly self-touching ring invalid; GEOS overlay
            // needs valid input, so repair here (only that village's coordinates move, by rounding).
            if (!dense.is_valid()) dense = dense.make_valid().polygonal();
            return cut_squares(dense, o.cell_size_m, /*whole_as_geometry=*/false);
        }
        case GridMethod::Hex: return cut_hexes(area, o.cell_size_m);
        case GridMethod::Blocks: return detail::cut_blocks_of(area, village, lines, o);
        case GridMethod::Balanced: return detail::cut_balanced_of(area, village, lines, weights, o);
    }
    return {};
}

VillageOut process_village(const VillageJob& job, const GridOptions& o,
                           const std::vector<std::vector<std::uint8_t>>& dedicated_wkb,
                           const std::vector<const DedicatedArea*>& dedicated_meta,
                           const std::vector<std::vector<std::uint8_t>>& line_wkb,
                           const std::vector<LineKind>& line_kinds) {
    const AdminUnit& v = *job.village;
    AdminUnit village{v.level, v.code, v.name, v.parent_code, geo::Geometry::from_wkb(job.wkb), {}};
    // Every cutter overlays the village with GEOS, whose answers on an invalid polygon are
    // anything at all. Noding can, rarely, make a nearly self-touching ring invalid; repairing it
    // moves only that village's coordinates, by rounding.
    if (!village.geometry.is_valid()) village.geometry = village.geometry.make_valid().polygonal();
    std::vector<LineFeature> lines;
    for (auto i : job.lines) lines.push_back({line_kinds[i], geo::Geometry::from_wkb(line_wkb[i])});

    // 1. Dedicated areas out of the village, meeting it at shared crossing vertices.
    geo::Geometry general = village.geometry.clone();
    std::vector<CellPiece> dedicated;
    if (!job.dedicated.empty()) {
        std::vector<geo::Geometry> areas;
        std::vector<geo::Segment> cutters;
        for (auto i : job.dedicated) {
            areas.push_back(geo::Geometry::from_wkb(dedicated_wkb[i]));
            auto segs = geo::segments_of(areas.back());
            cutters.insert(cutters.end(), segs.begin(), segs.end());
        }
        const auto village_segments = geo::segments_of(village.geometry);
        general = geo::split_at_crossings(village.geometry, cutters);
        geo::Geometry taken = geo::Geometry::empty_multipolygon();
        for (std::size_t k = 0; k < areas.size(); ++k) {
            geo::Geometry d = geo::split_at_crossings(areas[k], village_segments);
            geo::Geometry part = d.intersection(general).polygonal();
            if (!taken.is_empty()) part = part.difference(taken).polygonal();  // overlapping institutions: first wins
            // An institution drawn millimetres across the village border leaves noise here, not a
            // dedicated grid: such parts stay in the general area (and merge as noise there).
            part = without_noise_parts(part);
            if (part.is_empty()) continue;
            taken = taken.union_with(part).polygonal();
            CellPiece piece;
            piece.geometry = single_or_multi(std::move(part));
            piece.dedicated = true;
            const DedicatedArea& meta = *dedicated_meta[job.dedicated[k]];
            piece.label = meta.name + (meta.type.empty() ? "" : " (" + meta.type + ")");
            dedicated.push_back(std::move(piece));
        }
        if (!taken.is_empty()) general = general.difference(taken).polygonal();
    }

    // 2. The method cuts the rest.
    std::vector<CellPiece> pieces;
    if (!general.is_empty() && general.area() > 0.0) {
        pieces = cut_general(general, village, o, lines, job.weights);
    }
    // Dedicated pieces take the vertices their general neighbours put on the common boundary.
    if (!dedicated.empty()) {
        std::vector<geo::XY> vertices;
        for (const auto& p : pieces) {
            if (p.geometry.is_null() && p.box) {
                const auto& b = *p.box;
                vertices.insert(vertices.end(), {{b.min_x, b.min_y}, {b.max_x, b.min_y}, {b.max_x, b.max_y}, {b.min_x, b.max_y}});
                continue;
            }
            for (const auto& rings : p.geometry.polygons()) {
                for (const auto& ring : rings) vertices.insert(vertices.end(), ring.begin(), ring.end());
            }
        }
        const double bh = band_height(o);
        for (auto& d : dedicated) {
            d.geometry = geo::insert_points_on_edges(d.geometry, vertices, 1e-6);
            d.anchor = interior_point(d.geometry);
            d.row = band_of(d.anchor, bh);
            pieces.push_back(std::move(d));
        }
    }

    // 3. Slivers; noise always merges.
    VillageOut out;
    auto slivers = merge_slivers(pieces, o.min_piece_fraction * o.nominal_area_m2());
    out.slivers_merged = slivers.merged;
    // 4. Before anything leaves: the pieces tile the village as stored.
    verify_pieces(village, geo::Geometry::from_wkb(job.drawn_wkb), pieces);

    out.cells.reserve(pieces.size());
    // 5. Numbering: rows north->south, west->east within a row.
    std::vector<std::size_t> order(pieces.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return numbered_before(pieces[a], pieces[b]); });
    std::vector<std::size_t> rank(pieces.size());
    for (std::size_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
    for (std::size_t k = 0; k < order.size(); ++k) {
        CellPiece& p = pieces[order[k]];
        GridCell c;
        c.code = make_grid_code(village.code, static_cast<int>(k + 1), o.scheme);
        c.name = p.dedicated ? p.label : village.name + "第" + std::to_string(k + 1) + "网格";
        c.village_code = village.code;
        c.township_code = village.parent_code;
        c.column = p.column;
        c.row = p.row;
        c.area_m2 = p.area();
        c.envelope = p.envelope();
        c.weight = p.weight;
        c.dedicated = p.dedicated;
        c.label = p.label;
        c.wkb = p.to_wkb();
        out.dedicated += p.dedicated ? 1 : 0;
        out.cells.push_back(std::move(c));
    }
    for (auto i : slivers.kept) {
        const auto& cell = out.cells[rank[i]];
        out.slivers_kept.push_back({village.code, cell.code, cell.area_m2,
                                    "no general neighbour in the same village (an exclave, or enclosed by dedicated grids)"});
    }
    return out;
}

// Villages drawn separately often have T-junctions: a vertex of one village lying on an edge of
// its neighbour. Giving each village its neighbours' vertices that lie on its edges makes the
// shared borders identical vertex for vertex before anything is cut.
std::vector<geo::Geometry> node_villages(std::span<const AdminUnit> villages) {
    std::vector<std::vector<geo::XY>> vertices(villages.size());
    std::vector<geo::Envelope> env(villages.size());
    for (std::size_t i = 0; i < villages.size(); ++i) {
        env[i] = villages[i].geometry.envelope();
        for (const auto& rings : villages[i].geometry.polygons()) {
            for (const auto& ring : rings) vertices[i].insert(vertices[i].end(), ring.begin(), ring.end());
        }
    }
    std::vector<geo::Geometry> out;
    out.reserve(villages.size());
    for (std::size_t i = 0; i < villages.size(); ++i) {
        std::vector<geo::XY> neighbours;
        for (std::size_t j = 0; j < villages.size(); ++j) {
            if (j == i || !envelopes_meet(env[i], env[j])) continue;
            for (const auto& p : vertices[j]) {
                if (p.x >= env[i].min_x && p.x <= env[i].max_x && p.y >= env[i].min_y && p.y <= env[i].max_y) {
                    neighbours.push_back(p);
                }
            }
        }
        out.push_back(neighbours.empty() ? villages[i].geometry.clone()
                                         : geo::insert_points_on_edges(villages[i].geometry, neighbours, kNodingTolerance));
    }
    return out;
}

}  // namespace

GridRun generate_grids(const GridInputs& inputs, const GridOptions& o, const Progress& progress) {
    return generate_grids(inputs, o, CellSink{}, progress);
}

GridRun generate_grids(const GridInputs& inputs, const GridOptions& o, const CellSink& sink, const Progress& progress) {
    if (!(o.cell_size_m > 0.0) || !std::isfinite(o.cell_size_m)) {
        throw std::invalid_argument("grids: cell size must be a positive number of metres");
    }
    if (!(o.min_piece_fraction >= 0.0 && o.min_piece_fraction < 1.0)) {
        throw std::invalid_argument("grids: the sliver fraction must be in [0, 1)");
    }
    require_cells_fit(inputs.villages, o);
    // Plain-data copies of everything the workers read.
    std::vector<std::vector<std::uint8_t>> dedicated_wkb;
    std::vector<const DedicatedArea*> dedicated_meta;
    std::vector<geo::Envelope> dedicated_env;
    for (const auto& d : inputs.dedicated) {
        dedicated_wkb.push_back(d.geometry.to_wkb());
        dedicated_meta.push_back(&d);
        dedicated_env.push_back(d.geometry.envelope());
    }
    std::vector<std::vector<std::uint8_t>> line_wkb;
    std::vector<LineKind> line_kinds;
    std::vector<geo::Envelope> line_env;
    for (const auto& l : inputs.lines) {
        line_wkb.push_back(l.geometry.to_wkb());
        line_kinds.push_back(l.kind);
        line_env.push_back(l.geometry.envelope());
    }
    const auto noded = node_villages(inputs.villages);
    std::vector<VillageJob> jobs;
    for (std::size_t n = 0; n < inputs.villages.size(); ++n) {
        const AdminUnit& v = inputs.villages[n];
        VillageJob job;
        job.village = &v;
        job.wkb = noded[n].to_wkb();
        job.drawn_wkb = v.geometry.to_wkb();
        geo::Envelope e = noded[n].envelope();
        for (std::size_t i = 0; i < dedicated_env.size(); ++i) {
            if (envelopes_meet(e, dedicated_env[i])) job.dedicated.push_back(i);
        }
        // Lines a hair outside the village still matter: the blocks method turns contacts closer
        // than geo::kContactTolerance into border vertices, on both sides of the border alike.
        geo::Envelope wide{e.min_x - 1.0, e.min_y - 1.0, e.max_x + 1.0, e.max_y + 1.0};
        for (std::size_t i = 0; i < line_env.size(); ++i) {
            if (envelopes_meet(wide, line_env[i])) job.lines.push_back(i);
        }
        for (const auto& w : inputs.weights) {
            if (w.position.x >= e.min_x && w.position.x <= e.max_x && w.position.y >= e.min_y && w.position.y <= e.max_y) {
                job.weights.push_back(w);
            }
        }
        jobs.push_back(std::move(job));
    }
    std::sort(jobs.begin(), jobs.end(), [](const VillageJob& a, const VillageJob& b) { return a.village->code < b.village->code; });

    // Villages cut ahead of the one being handed over, at most: enough to keep every thread busy
    // while the sink stores, few enough that a city's grids are never all held at once.
    const std::size_t window = 8 * static_cast<std::size_t>(o.threads == 0 ? geo::default_threads() : o.threads);
    std::vector<VillageOut> outs(jobs.size());
    GridRun run;
    geo::parallel_for_ordered(
        jobs.size(), o.threads, window,
        [&](std::size_t i) { outs[i] = process_village(jobs[i], o, dedicated_wkb, dedicated_meta, line_wkb, line_kinds); },
        [&](std::size_t i) {
            VillageOut out = std::move(outs[i]);
            run.grid_count += out.cells.size();
            run.slivers_merged += out.slivers_merged;
            run.dedicated_grids += out.dedicated;
            std::move(out.slivers_kept.begin(), out.slivers_kept.end(), std::back_inserter(run.slivers_kept));
            if (sink) {
                sink(std::move(out.cells));
            } else {
                run.cells.insert(run.cells.end(), std::make_move_iterator(out.cells.begin()),
                                 std::make_move_iterator(out.cells.end()));
            }
            report(progress, static_cast<double>(i + 1) / static_cast<double>(jobs.size()), "cutting grids");
        });
    report(progress, 1.0, "grids cut");
    return run;
}

}  // namespace respgrid::grids

#pragma once
// Balanced grids: one village cut into contiguous grids of about equal workload (households,
// people, issues), assembled from small square building blocks (DOMAIN.md §2: 300-500 households
// per urban grid; rural: a natural village or ~300 households; contiguous; boundaries along roads).
//
// Algorithm (all steps deterministic: fixed tie-breaks by index/coordinates, ordered containers):
//  1. Base units. The village ring is densified at the grid-line crossings of a square grid of
//     `base_cell_m` aligned to the working CRS origin and cut into squares
//     [i*s, (i+1)*s) x [j*s, (j+1)*s) by the square method (densify_at_grid_lines, cut_squares):
//     whole squares stay squares, border squares are clipped, and each polygon of a clipped
//     square is a unit of its own. Unit edges on grid lines are then noded against each other (a
//     vertex of one unit on a grid line is inserted into every unit edge along that line), so
//     neighbouring units share edges exactly and their union is a clean coverage. The village's
//     own edges keep the vertices the square method gives them, so grids of neighbouring
//     villages still meet vertex to vertex.
//  2. Weights. A point counts in the one unit that holds it under the half-open border rule
//     (geo/half_open.hpp: a point on a shared edge counts once, on the east/north side); points
//     outside the village are ignored (reported in the stats).
//  3. Adjacency: two units are adjacent when they share an edge of positive length. The pair is
//     road-separated when a line (road, river...) has the units' anchors strictly on opposite
//     sides and meets the segment between them; its cost is the strongest LineKind found
//     (1 minor road ... 4 river). Roads are followed at the resolution of the base cells: a grid
//     boundary runs along unit edges, within half a cell of the road (exactly on it when the road
//     lies on a grid line).
//  4. Number of grids. A unit heavier than max_weight (one big building) cannot be divided: it
//     is a grid of its own. For the rest R of the weight, k is the count whose mean share R/k
//     lies in [min_weight, max_weight] and is nearest their middle; when no count does, the count
//     whose share misses the range by the smallest fraction of the bound it misses. A village with
//     W < min_weight (or no weight) is one grid (rural: a natural village); beside heavy units, a
//     rest below min_weight is a grid of its own if it is at least min_weight / 2, else it joins
//     them. k never exceeds the number of units holding weight. Separate parts of the village
//     (units not connected through edges) share the grids: heavy units where they are, the rest
//     by the Sainte-Lague method on their weight (each part at most as many as it has weighted
//     units); a part left without a grid joins the grid of the nearest unit of another part (a
//     multipolygon: unavoidable).
//  5. Seeds and growth. Heavy units are seeds. The other seeds of a part come from its weighted
//     units in two ways, each grown and refined (step 6) separately, the better result kept (by
//     the score of step 6; k-means on a tie): (a) a weighted k-means of the unit anchors
//     (initialised by weight quantiles along the longer axis, 10 Lloyd rounds, centres snapped
//     to the nearest distinct weighted units); (b) recursive weight bisection along the longer
//     axis, each leaf's unit nearest to its weighted centre (remote farmsteads never get a seed
//     of their own). Regions grow from the seeds by one multi-source Dijkstra over the
//     adjacency graph (edge length = distance between anchors + 3 base cells per road-crossing
//     cost level, times a per-region factor), so each region is contiguous and compact. The
//     factors are adjusted over up to 30 rounds with shrinking steps (heavy regions shrink,
//     light ones grow); the best partition by the score of step 6 is kept.
//  6. Refinement: a boundary unit moves to a neighbouring region, or a pocket of a region (units
//     linked to the rest of it only across roads) moves as a whole, while that keeps the donor
//     in as few pieces as before (BFS) and strictly lowers, lexicographically: (a) the total
//     weight outside [min_weight, max_weight]; (b) the length of unit edges inside a grid that
//     separate the two sides of a road, weighted by LineKind; (c) the sum of squared deviations
//     from the part's mean share beyond a band of (max_weight - min_weight) / 20 (10 households
//     for 300-500); (d) the total length of the borders between grids (compactness). So grids
//     get within the range first, then their boundaries follow roads, then workloads are
//     evened out, then boundaries are smoothed. Ties go to the move that brings the unit closer
//     to its new region's centre.
//  7. Each region becomes one CellPiece: the coverage union of its units (a Polygon; a
//     MultiPolygon only when the village's own shape forces it), weight = sum of its units,
//     anchor = interior_point, row = band_of(anchor, band) with band = sqrt(village area / grids)
//     (at least base_cell_m): one band is about one grid high. column is 0 (not a regular cell).
// Pieces are returned in numbering order (rows north->south, then anchor west->east).
//
// Cost: a few GEOS clips per village border square, O(units log units) per growth round (at most
// 30), O(units) per refinement move. A village of ~3 km^2 with 50 m cells (~1,300 units), ~150
// points and ~40 lines takes ~20 ms; one of ~30 km^2 (12,700 units, 75 grids) about 0.5 s.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/grids/lines.hpp"

namespace respgrid::grids {

struct BalancedOptions {
    double min_weight = 300.0;  // target range of workload per grid, e.g. households
    double max_weight = 500.0;
    double base_cell_m = 50.0;  // size of the building blocks grids are assembled from
};

// Why a grid's weight is outside [min_weight, max_weight].
enum class WeightIssue {
    None,             // within the range
    VillageTooLight,  // the village's whole weight is below min_weight: it is one grid
    HeavyUnit,        // one base unit (a building, a 50 m block) is heavier than max_weight: in this
                      // grid, or elsewhere in the village and this grid holds what is left
    NoFeasibleCount,  // no number of grids gives a mean share within the range (e.g. 560 with
                      // 300-500: one grid of 560 or two of 280)
    Contiguity,       // no move (of a border unit or a road pocket) brings it closer without splitting
                      // a grid: the village's shape (parts, narrow necks) or the weight of the units
                      // on its border
};
std::string_view to_string(WeightIssue issue);  // "none", "village_too_light", "heavy_unit", ...

struct BalancedGridStats {
    double weight = 0.0;
    double area_m2 = 0.0;
    std::size_t base_units = 0;
    std::size_t parts = 1;  // polygons in the grid's geometry; > 1 only when unavoidable
    WeightIssue issue = WeightIssue::None;
};

struct BalancedStats {
    std::string village_code;
    double total_weight = 0.0;       // weight of the points inside the village
    std::size_t points_used = 0;
    std::size_t points_outside = 0;  // points outside the village, ignored
    double weight_outside = 0.0;
    std::size_t base_units = 0;
    std::size_t weighted_units = 0;  // units holding weight > 0
    std::size_t village_parts = 0;   // connected parts of the unit graph
    std::size_t target_grids = 0;    // k (step 4)
    double target_weight = 0.0;      // total_weight / k
    bool feasible_count = true;      // some k puts the mean share (of the weight outside heavy units)
                                     // within the range
    std::size_t grids = 0;           // pieces returned
    double min_weight = 0.0;         // over the grids
    double max_weight = 0.0;
    double mean_weight = 0.0;
    double spread = 0.0;             // max_weight - min_weight
    double worst_excess = 0.0;       // largest distance of a grid's weight outside the range (0: all in)
    std::size_t below_range = 0;
    std::size_t above_range = 0;
    std::size_t non_contiguous = 0;  // grids of more than one polygon
    double road_edges_inside_m = 0.0;  // length of unit edges inside grids that separate a road's sides
    std::vector<BalancedGridStats> per_grid;  // same order as the returned pieces

    [[nodiscard]] std::size_t outside_range() const { return below_range + above_range; }
    [[nodiscard]] std::size_t count(WeightIssue issue) const;
};

// Cuts one village into contiguous grids of balanced workload (algorithm above). `village` is a
// valid (Multi)Polygon in the metric working CRS; `weights` are the weighted points inside or
// near it (points outside are ignored; weights must be finite and >= 0); `lines` the roads and
// rivers near it (may be empty). Pieces tile the village exactly and lie inside it. Throws
// std::invalid_argument for bad options or weights, GeometryError when GEOS fails. When `stats`
// is given it is overwritten with the village's figures.
std::vector<CellPiece> cut_balanced(const AdminUnit& village, std::span<const WeightPoint> weights,
                                    std::span<const LineFeature> lines, const BalancedOptions& options,
                                    BalancedStats* stats = nullptr);

}  // namespace respgrid::grids

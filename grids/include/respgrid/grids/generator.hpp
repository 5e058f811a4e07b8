#pragma once
// Grid generation: villages (and optionally roads, workload points and institutions) into coded
// responsibility grids that tile every village exactly.
//
// For each village, independently (in parallel):
//   1. Dedicated areas (专属网格: schools, hospitals, markets...) are cut out of the village; each
//      part inside the village becomes one dedicated grid.
//   2. The rest is cut by the method: `square` or `hex` regular cells aligned to the working CRS
//      origin, `blocks` road-bounded unit grids (blocks.hpp), or `balanced` workload grids
//      (balanced.hpp).
//   3. Slivers: a general piece smaller than min_piece_fraction x the method's nominal cell area is
//      merged into the general neighbour of the same village with which it shares the longest
//      boundary; a sliver with no such neighbour stays and is reported. Noise (noise.hpp) always
//      merges (slivers.hpp).
//   4. Verification: the pieces tile the village as stored (tiling_check.hpp), or TilingError.
//   5. Numbering: west->east along rows, rows north->south (cell_piece.hpp), then codes
//      (codes.hpp) and names.
// Output is deterministic: the same inputs give the same cells, in the same order, with
// bit-identical coordinates, whatever the number of threads.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/balanced.hpp"
#include "respgrid/grids/blocks.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/grids/grid_cell.hpp"
#include "respgrid/grids/lines.hpp"
#include "respgrid/grids/square_grid.hpp"

namespace respgrid::grids {

enum class GridMethod { Square, Hex, Blocks, Balanced };
std::string_view to_string(GridMethod method);  // "square", "hex", "blocks", "balanced"
std::optional<GridMethod> parse_grid_method(std::string_view text);

struct DedicatedArea {
    std::string name;  // 淮阳县第一高级中学
    std::string type;  // school, hospital, market, park, government...
    geo::Geometry geometry;  // working CRS
};

// The defaults of every method are its own options' (square_grid.hpp, blocks.hpp, balanced.hpp);
// the generator, the use case and the CLI's help all take them from there.
struct GridOptions {
    GridMethod method = GridMethod::Square;
    double cell_size_m = SquareGridOptions{}.cell_size_m;  // square: side; hex: distance between opposite sides
    double min_piece_fraction = 0.1;  // slivers: below this fraction of the nominal area; 0 = off (noise still merges)
    GridCodeScheme scheme = GridCodeScheme::Digits15;
    // blocks: unit grids of about target_area_m2, acceptable within +-tolerance of it
    double target_area_m2 = BlockOptions{}.target_area_m2;
    double tolerance = BlockOptions{}.tolerance;
    // balanced: workload per grid (households...) and the base cells grids are built from
    double min_weight = BalancedOptions{}.min_weight;
    double max_weight = BalancedOptions{}.max_weight;
    double base_cell_m = BalancedOptions{}.base_cell_m;
    unsigned threads = 0;             // 0: all cores (geo::default_threads)

    // The area of a regular cell of the method: size^2, (sqrt(3)/2)·size^2 for hexes, the block
    // target, or the balanced method's base cell.
    [[nodiscard]] double nominal_area_m2() const;
};

// The cell size (GridOptions::cell_size_m) of a square or hex cell of `area_m2`: the side of the
// square, or the flat-to-flat width of the hexagon, of that area; the inverse of nominal_area_m2.
double cell_size_for_area(GridMethod method, double area_m2);

struct GridInputs {
    std::span<const AdminUnit> villages;
    std::span<const LineFeature> lines;       // blocks, balanced
    std::span<const WeightPoint> weights;     // balanced
    std::span<const DedicatedArea> dedicated;
};

struct KeptSliver {
    std::string village_code;
    std::string grid_code;
    double area_m2 = 0.0;
    std::string reason;
};

struct GridRun {
    std::vector<GridCell> cells;  // by village code, then grid code (empty when a CellSink took them)
    std::size_t grid_count = 0;   // grids cut, whether kept in `cells` or handed to a sink
    std::size_t slivers_merged = 0;
    std::vector<KeptSliver> slivers_kept;
    std::size_t dedicated_grids = 0;
};

// Throws CodeError (naming the village) when a village needs more grids than its code digits
// allow, std::invalid_argument on impossible options (CellCountError, cell_estimate.hpp, for a
// cell size whose estimate is over its limits: nothing is cut then), TilingError (a GeometryError naming the
// village) when a village's grids do not tile it or the village is noise, GeometryError when GEOS
// fails. Nothing is returned unless every village passed.
GridRun generate_grids(const GridInputs& inputs, const GridOptions& options, const Progress& progress = {});

// Takes the grids of one village (in village-code order, on the calling thread) as soon as they
// are cut and checked, while the other threads cut the next villages: a run of a million grids
// is stored as it is cut instead of being held whole. Whatever it throws ends the run.
using CellSink = std::function<void(std::vector<GridCell>&& village_cells)>;

// generate_grids handing each village's grids to `sink` instead of keeping them in the run's
// cells. The same errors; a village's grids reach the sink only when it passed, but the
// villages before a failing one have reached it: the sink's owner discards them (a transaction
// not committed).
GridRun generate_grids(const GridInputs& inputs, const GridOptions& options, const CellSink& sink,
                       const Progress& progress = {});

}  // namespace respgrid::grids

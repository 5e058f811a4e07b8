#pragma once
// The check every grid method's result passes before anything is stored: the grids of a village
// tile it. Per village: the grids' areas add up to the village's area, their union is the
// village (no two grids overlap, no part of the village is left out) and no grid has area
// outside it. The generator runs it on every village (generator.hpp), so square, hex, blocks,
// balanced and dedicated grids are all held to it, and a failure stores nothing.

#include <span>
#include <string>
#include <string_view>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {

// The grids of a village do not tile it. A GeometryError (exit 7) naming the village.
class TilingError : public GeometryError {
public:
    TilingError(std::string village_code, const std::string& what);
    [[nodiscard]] const std::string& village_code() const noexcept { return village_code_; }

private:
    std::string village_code_;
};

struct TilingMeasure {
    double village_area_m2 = 0.0;
    double grid_area_m2 = 0.0;     // sum of the grids' areas
    double overlap_m2 = 0.0;       // sum minus the area of their union
    double outside_m2 = 0.0;       // the union's area outside the village
    double missing_m2 = 0.0;       // the village's area outside the union
    double tolerance_m2 = 0.0;     // what rounding and noding can account for (tiling_tolerance)
    [[nodiscard]] bool tiles() const;
};

// How far the measures of an exact tiling can be from zero: 1e-9 of the village's area, plus
// its perimeter times twice the noding tolerance (geo::kContactTolerance). Why both, in the .cpp.
double tiling_tolerance(double village_area_m2, double village_perimeter_m);

// Measures how `grids` tile `village` (polygonal, valid). Grids must be valid polygons.
TilingMeasure measure_tiling(const geo::Geometry& village, std::span<const geo::Geometry* const> grids);

// The same with some grids given as axis-parallel boxes (a square cut's whole squares), which
// need no GEOS geometry. Nothing is unioned unless the shapes' envelopes meet often (hexagons,
// blocks): grids can only overlap where their envelopes' interiors meet, so boxes are checked by
// arithmetic, a box against a shape reaching into it by a rectangle clip, and the few meeting
// shapes (a square cut's merged slivers) pair by pair; each shape and each run of boxes along a
// row is tested for lying in the village. Overlaps summed pairwise can only be overstated: a
// tiling that passes this passes the plain check.
TilingMeasure measure_tiling(const geo::Geometry& village, std::span<const geo::Geometry* const> shapes,
                             std::span<const geo::Envelope> boxes);

// Throws TilingError naming the village (code and name) with the measures when the grids do not
// tile it.
void verify_tiling(std::string_view village_code, std::string_view village_name, const geo::Geometry& village,
                   std::span<const geo::Geometry* const> grids);
void verify_tiling(std::string_view village_code, std::string_view village_name, const geo::Geometry& village,
                   std::span<const geo::Geometry* const> shapes, std::span<const geo::Envelope> boxes);

}  // namespace respgrid::grids

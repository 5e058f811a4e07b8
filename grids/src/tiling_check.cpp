#include "respgrid/grids/tiling_check.hpp"

#include <cmath>
#include <cstdio>
#include <utility>

#include "respgrid/geo/linework.hpp"

namespace respgrid::grids {

namespace {
// How far a cut's border may lie from the village's drawn border: noding (a neighbour's vertex
// within geo::kContactTolerance of an edge goes into it) and the rounding of computed crossings,
// with room to spare.
constexpr double kBorderShiftM = 2.0 * geo::kContactTolerance;
}  // namespace

TilingError::TilingError(std::string village_code, const std::string& what)
    : GeometryError("verify grids", what + " (village='" + village_code + "')"), village_code_(std::move(village_code)) {}

bool TilingMeasure::tiles() const {
    return std::fabs(grid_area_m2 - village_area_m2) <= tolerance_m2 && overlap_m2 <= tolerance_m2 &&
           outside_m2 <= tolerance_m2 && missing_m2 <= tolerance_m2;
}

// What an exact tiling can honestly be off by, in m².
//   * Rounding. Every vertex a cutter computes (a crossing of a grid line with the village
//     border) is the nearest double to the true point: at Gauss-Krüger magnitudes (northings near
//     4e6 m) within 5e-10 m of it. A border of length P displaced that far changes the area by at
//     most P·5e-10 m²; summing the grids' own areas (GEOS subtracts the first vertex, so each
//     sum is over small numbers) adds far less. The relative term 1e-9·area covers this for any
//     village wider than a few metres: 0.1 m² for a 10 km² village, where rounding is ~1e-5 m².
//   * Noding. Before cutting, a village takes the vertices of its neighbours that lie within
//     geo::kContactTolerance (1 µm) of its edges, so its border may move by up to that much:
//     at most P·1 µm of area; kBorderShiftM doubles it for the rounding on top. This term is
//     absolute, so a tiny village is not held to less than its border's rounding; a real
//     defect (a grid in the wrong place, a missing hexagon) is metres wide.
double tiling_tolerance(double village_area_m2, double village_perimeter_m) {
    return 1e-9 * village_area_m2 + kBorderShiftM * village_perimeter_m;
}

TilingMeasure measure_tiling(const geo::Geometry& village, std::span<const geo::Geometry* const> grids) {
    TilingMeasure m;
    m.village_area_m2 = village.area();
    m.tolerance_m2 = tiling_tolerance(m.village_area_m2, village.length());
    for (const auto* g : grids) m.grid_area_m2 += g->area();
    // The grids of a village share their edges exactly, so this is GEOS's fast coverage union;
    // the general union only when they do not.
    const geo::Geometry all = geo::Geometry::union_of_tiles(grids);
    const double union_area = all.area();
    m.overlap_m2 = m.grid_area_m2 - union_area;
    // Grids within the border allowance of the village (the village grown by it) count as
    // inside: one prepared test of their union, no overlay. Only when it fails is each grid
    // measured by an overlay (overlaying every border grid with its village doubled the time of
    // a grid run).
    const geo::Geometry grown = village.buffer(kBorderShiftM);
    const geo::PreparedGeometry within(grown);
    if (!within.covers(all)) {
        for (const auto* g : grids) {
            if (!within.covers(*g)) m.outside_m2 += g->difference(village).area();
        }
    }
    // The village's area in no grid: what the grids hold inside it, each point counted once.
    m.missing_m2 = m.village_area_m2 - (m.grid_area_m2 - m.outside_m2 - m.overlap_m2);
    return m;
}

void verify_tiling(std::string_view village_code, std::string_view village_name, const geo::Geometry& village,
                   std::span<const geo::Geometry* const> grids) {
    const TilingMeasure m = measure_tiling(village, grids);
    if (m.tiles()) return;
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "the grids of village %.*s do not tile it: grid area %.3f m², village area %.3f m², %.3f m² of "
                  "grids outside the village, %.3f m² overlapping, %.3f m² of the village in no grid (tolerance "
                  "%.3g m²): the grids are not kept",
                  static_cast<int>(village_name.size()), village_name.data(), m.grid_area_m2, m.village_area_m2,
                  m.outside_m2, m.overlap_m2, m.missing_m2, m.tolerance_m2);
    throw TilingError(std::string(village_code), std::string("grids: ") + buf);
}

}  // namespace respgrid::grids

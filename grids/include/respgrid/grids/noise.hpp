#pragma once
// What respgrid counts as numerical noise, the same in every command: a piece smaller than
// kNoiseAreaM2, or narrower on average (mean width 2·area/perimeter) than kNoiseWidthM.
// Slivers a few millimetres wide arise when layers drawn with different vertices on a shared
// border go through a non-linear datum shift (GCJ-02 -> CGCS2000), and a grid cut carries the
// rounding of every crossing it computes.
//   * audit (--min-area, --noise-width): such pieces of gaps, overlaps and spill are counted,
//     not reported as defects (coverage.hpp);
//   * repair: leaves them alone (repair.hpp);
//   * grid: never keeps one as a grid; it always merges into a neighbour (slivers.hpp);
//   * locate (--noise-width): a point in no grid but within the noise width of one is given to a
//     grid by the border rule, as if the sliver it lies in were closed (locator.hpp).

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {

inline constexpr double kNoiseAreaM2 = 0.01;  // 1 dm²
inline constexpr double kNoiseWidthM = 0.01;  // 1 cm

// True when `piece` is smaller than `min_area_m2` or narrower on average (2·area/perimeter) than
// `noise_width_m`.
bool is_noise_piece(const geo::Geometry& piece, double min_area_m2 = kNoiseAreaM2, double noise_width_m = kNoiseWidthM);

}  // namespace respgrid::grids

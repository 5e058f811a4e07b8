#include "respgrid/grids/noise.hpp"

namespace respgrid::grids {

bool is_noise_piece(const geo::Geometry& piece, double min_area_m2, double noise_width_m) {
    double a = piece.area();
    double perimeter = piece.length();
    double mean_width = perimeter > 0 ? 2.0 * a / perimeter : 0.0;
    return a < min_area_m2 || mean_width < noise_width_m;
}

}  // namespace respgrid::grids

#pragma once
// A one-village project made through the store, for the locate and owners use cases: a 1 km
// square county = township = village (x 500000..501000, y 3730000..3731000 of EPSG:4547) cut into
// two grids (west and east half), drawn in 2020. Its village had two grid workers of different
// validity: GW_A to 2026-06-30, GW_B from 2026-07-01; the chains stored are those `assign` stores
// today (GW_B's).

#include <string>

#include "respgrid/geo/xy.hpp"

namespace respgrid::test {

inline constexpr const char* kWestGrid = "411626001001001";
inline constexpr const char* kEastGrid = "411626001001002";
inline constexpr geo::XY kWestPoint{500250.0, 3730500.0};
inline constexpr geo::XY kEastPoint{500750.0, 3730500.0};

// Creates the project at `path`.
void make_serving_project(const std::string& path);

}  // namespace respgrid::test

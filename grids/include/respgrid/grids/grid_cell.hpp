#pragma once
// A finished grid: coded, named, in one village, with its geometry in the working CRS.

#include <cstdint>
#include <string>
#include <vector>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {

struct GridCell {
    std::string code;          // village code + sequence (codes.hpp)
    std::string name;          // "<village name>第N网格", or the institution's name for a dedicated grid
    std::string village_code;
    std::string township_code;
    long long column = 0;      // regular cells: the column index; others: 0
    long long row = 0;         // the numbering row key (cell_piece.hpp)
    geo::Geometry geometry;    // Polygon or MultiPolygon; null when generated without keep_geometry
    std::vector<std::uint8_t> wkb;  // the same shape as WKB, when the generator made the cell
    geo::Envelope envelope;    // of the shape
    double area_m2 = 0.0;
    double weight = 0.0;       // balanced grids: workload inside (households...)
    bool dedicated = false;    // 专属网格
    std::string label;         // dedicated: the institution's name and type
};

}  // namespace respgrid::grids

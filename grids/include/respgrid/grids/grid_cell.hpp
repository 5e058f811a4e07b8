#pragma once
// A finished grid: coded, named, in one village, with its shape in the working CRS.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
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
    // The shape, Polygon or MultiPolygon, as ISO WKB: what the generator makes and the store
    // reads and writes. Code that needs GEOS parses it where it needs it (shape()): a million
    // cells need no GEOS object each.
    std::vector<std::uint8_t> wkb;
    geo::Envelope envelope;    // of the shape
    double area_m2 = 0.0;
    double weight = 0.0;       // balanced grids: workload inside (households...)
    bool dedicated = false;    // 专属网格
    std::string label;         // dedicated: the institution's name and type

    // The shape as a GEOS geometry, parsed from `wkb` on each call.
    [[nodiscard]] geo::Geometry shape() const;
    // Sets `wkb` and `envelope` from a GEOS geometry (cells built by hand: tests, tools).
    void set_shape(const geo::Geometry& shape);
};

// The cell with `code` among `cells` in code order (as the store loads them), by bisection: a
// million cells need no map; null when there is none.
[[nodiscard]] const GridCell* find_cell(std::span<const GridCell> cells, std::string_view code);

}  // namespace respgrid::grids

#pragma once
// What every grid method produces for one village before the common steps (sliver merging,
// numbering, coding) turn pieces into grids.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {

struct CellPiece {
    geo::Geometry geometry;  // polygonal, inside its village; pieces of a village tile it exactly
    // A whole axis-aligned square (most cells of the square method) may come as its box only,
    // without a GEOS geometry: ensure_geometry() makes one when something needs it.
    std::optional<geo::Envelope> box;
    // Numbering keys (west->east along a row, rows north->south): `row` grows northwards; within
    // a row pieces are ordered by anchor.x, then by anchor.y descending.
    long long row = 0;
    geo::XY anchor;          // a point inside the piece (a square's centre, a block's interior point)
    long long column = 0;    // for regular cells: the column index (informative)
    double weight = 0.0;     // balanced grids: the workload inside (households, people, issues)
    bool dedicated = false;  // a dedicated grid (专属网格): a school, hospital, market...
    std::string label;       // dedicated: the institution's name

    geo::Geometry& ensure_geometry();
    [[nodiscard]] double area() const;
    [[nodiscard]] geo::Envelope envelope() const;
    [[nodiscard]] std::vector<std::uint8_t> to_wkb() const;
};

// The row key of an anchor for irregular pieces: bands of `band_height` metres from the origin.
inline long long band_of(const geo::XY& anchor, double band_height) {
    return static_cast<long long>(std::floor(anchor.y / band_height));
}

// The numbering order of the pieces of a village, the one rule every method and the generator
// sort by: rows north->south (row descending), west->east within a row (anchor x ascending),
// then anchor y descending.
inline bool numbered_before(const CellPiece& a, const CellPiece& b) {
    if (a.row != b.row) return a.row > b.row;
    if (a.anchor.x != b.anchor.x) return a.anchor.x < b.anchor.x;
    return a.anchor.y > b.anchor.y;
}

// A point inside `g` (GEOS point-on-surface), for anchors.
geo::XY interior_point(const geo::Geometry& g);

}  // namespace respgrid::grids

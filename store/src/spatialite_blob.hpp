#pragma once
// SpatiaLite's own geometry BLOB, written directly from WKB.
//
// Storing a cell through SQL (CastToMultiPolygon(GeomFromWKB(?, srid))) parses the WKB into
// SpatiaLite's structures and serialises them again, a few microseconds per row: seconds for a
// generation of a million cells. The BLOB layout is documented by SpatiaLite ("BLOB-Geometry"):
//   0x00, 0x01 (little-endian), int32 SRID, double MBR min x, min y, max x, max y, 0x7C,
//   int32 class (6 = MULTIPOLYGON), int32 number of polygons, then per polygon 0x69, int32 class
//   (3 = POLYGON), int32 rings, per ring int32 points and the points as doubles x, y; 0xFE.

#include <cstdint>
#include <span>
#include <vector>

#include "respgrid/geo/xy.hpp"

namespace respgrid::store::detail {

// A MULTIPOLYGON BLOB for a 2D little-endian WKB Polygon or MultiPolygon; `box` is its envelope.
// Throws std::invalid_argument for any other WKB.
std::vector<std::uint8_t> multipolygon_blob(std::span<const std::uint8_t> wkb, int srid, const geo::Envelope& box);
// The same into `out` (cleared first), reusing its memory: one allocation for a whole bulk load.
void write_multipolygon_blob(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> wkb, int srid,
                             const geo::Envelope& box);

// Decodes a little-endian POLYGON or MULTIPOLYGON BLOB into `out` (cleared first, its memory
// reused). False for any other class (compressed, 3D, other types): the caller falls back to WKB.
bool read_polygons_blob(std::span<const std::uint8_t> blob, std::vector<geo::PolygonRings>& out);

}  // namespace respgrid::store::detail

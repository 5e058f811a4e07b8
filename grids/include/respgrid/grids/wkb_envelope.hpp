#pragma once
// The envelope of a polygon given as WKB, read from its bytes without building a GEOS geometry:
// the coverage audit needs the boxes of a million grids only near a defect, and keeping one per
// grid cost more memory than reading it again.

#include <cstdint>
#include <span>

#include "respgrid/geo/xy.hpp"

namespace respgrid::grids {

// The bounding box of a 2D WKB Polygon or MultiPolygon (either byte order), the same as GEOS's
// envelope of it; an empty box for an empty one. Any other WKB is parsed by GEOS instead.
geo::Envelope wkb_envelope(std::span<const std::uint8_t> wkb);

}  // namespace respgrid::grids

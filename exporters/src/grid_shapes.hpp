#pragma once
// The grids' shapes in the output CRS with their envelopes, computed on every core before the
// features are written: GDAL writes on one thread, but reading, transforming and re-encoding
// a million outlines need not wait for it. Kept as WKB back to back (about 100 bytes a square)
// rather than as OGR objects (several allocations each).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/grids/grid_cell.hpp"

namespace respgrid::exporters::detail {

class GridShapes {
public:
    // The cells' WKB (GridCell::wkb) is read, transformed and re-encoded on every core.
    GridShapes(std::span<const grids::GridCell> cells, const geo::Crs& working, int epsg);

    // Cell i's shape as a MultiPolygon in the output CRS.
    [[nodiscard]] OGRGeometryUniquePtr geometry(std::size_t i) const;
    [[nodiscard]] const geo::Envelope& envelope(std::size_t i) const { return envelopes_[i]; }
    [[nodiscard]] std::span<const geo::Envelope> envelopes() const { return envelopes_; }
    [[nodiscard]] std::size_t size() const { return envelopes_.size(); }

    // The cells [first, last), done by one thread with its own PROJ transformation.
    struct Chunk {
        std::size_t first = 0, last = 0;
        std::vector<std::uint8_t> wkb;     // their WKB back to back
        std::vector<std::size_t> offsets;  // cell first + j is wkb[offsets[j], offsets[j + 1])
    };

private:
    std::vector<Chunk> chunks_;
    std::vector<geo::Envelope> envelopes_;  // empty for an empty shape
};

}  // namespace respgrid::exporters::detail

#pragma once
// The grids of a generation as the GeoPackage writer needs them, read in one pass from a stream
// of rows (grids::GridRowSource) and kept compact: each shape as WKB in the output CRS with its
// envelope, the texts back to back, villages and townships as small numbers. No GridCell, no
// owner chain, no OGR or GEOS object per grid: about 200 bytes a square instead of the ~800 of
// a GridCell with its assignment, for Zhoukou's 1.3 million grids.
//
// The writer needs them all before it writes the first one: the features go out in the packed
// R-tree's leaf order (gpkg_rtree.hpp), which depends on every envelope.

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/grids/grid_row.hpp"

namespace respgrid::exporters::detail {

class GridRecords {
public:
    // Reads every row of `rows` once; shapes are transformed from `working` to EPSG `epsg` on
    // every core (each distinct vertex once: neighbouring squares share their corners). Throws
    // GeometryError naming a vertex that cannot be transformed.
    // `expected` (how many rows there are, 0 if unknown) spares growing the list of records.
    GridRecords(const grids::GridRowSource& rows, std::size_t expected, const geo::Crs& working, int epsg);

    struct Row {
        std::string_view code, name, village_code, township_code, label;
        double area_m2 = 0.0, weight = 0.0;
        bool dedicated = false;
    };
    [[nodiscard]] Row row(std::size_t i) const;
    // Grid i's shape as a MultiPolygon in the output CRS.
    [[nodiscard]] OGRGeometryUniquePtr geometry(std::size_t i) const;
    // The same as ISO WKB, as long as the records live.
    [[nodiscard]] std::span<const std::uint8_t> wkb(std::size_t i) const {
        return {bytes_.data(records_[i].wkb), records_[i].wkb_size};
    }
    // Each grid's envelope in the output CRS (empty for an empty shape), handed over once: the
    // writer frees them as soon as it has its order.
    [[nodiscard]] std::vector<geo::Envelope> take_envelopes();
    [[nodiscard]] std::size_t size() const { return records_.size(); }

private:
    // Bytes appended in blocks of a few megabytes: a vector doubling its capacity would hold twice
    // a city's shapes for a moment. A piece never straddles two blocks.
    class Blocks {
    public:
        // Where the piece of `size` bytes starts; fill it at data(at).
        std::uint64_t append(std::size_t size);
        [[nodiscard]] std::uint8_t* data(std::uint64_t at) { return blocks_[at >> 32].data() + (at & 0xFFFFFFFFu); }
        [[nodiscard]] const std::uint8_t* data(std::uint64_t at) const {
            return blocks_[at >> 32].data() + (at & 0xFFFFFFFFu);
        }

    private:
        std::vector<std::vector<std::uint8_t>> blocks_;
        std::size_t used_ = 0;  // in the last block
    };
    struct Record {
        std::uint64_t wkb = 0;  // position of its WKB in bytes_, followed by its code, name and label
        std::uint32_t wkb_size = 0;
        std::uint16_t code_size = 0, name_size = 0, label_size = 0;
        bool dedicated = false;
        std::uint32_t village = 0, township = 0;  // in units_
        double area_m2 = 0.0, weight = 0.0;
    };
    std::uint32_t unit(std::string_view code);

    std::vector<Record> records_;
    std::vector<geo::Envelope> envelopes_;
    Blocks bytes_;
    std::vector<std::string> units_;  // village and township codes, each once
    std::map<std::string, std::uint32_t, std::less<>> unit_index_;
    std::uint32_t last_village_ = 0, last_township_ = 0;
};

}  // namespace respgrid::exporters::detail

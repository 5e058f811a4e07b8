#pragma once
// The grids of a generation as the audit reads them: code, village, area and shape (WKB), in code
// order, without the names, labels and numbering of a GridCell. A city's million grids take about
// 150 bytes each this way (the shapes packed in large blocks, villages by index) instead of the
// ~550 of a GridCell with its own buffers.
//
//     grids::GridShapes shapes;
//     shapes.reserve(n);
//     shapes.add(code, village_code, township_code, area_m2, wkb);   // in code order
//     auto i = shapes.find(code);                                    // by bisection

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/grids/grid_cell.hpp"

namespace respgrid::grids {

class GridShapes {
public:
    struct Grid {
        std::string code;
        const std::uint8_t* wkb = nullptr;  // into one of the blocks
        double area_m2 = 0.0;
        std::uint32_t wkb_size = 0;
        std::uint32_t village = 0;  // index into village_codes()
    };

    // The grids of `cells` (in code order), for callers that hold GridCells.
    static GridShapes of(std::span<const GridCell> cells);

    void reserve(std::size_t grids) { grids_.reserve(grids); }
    // Appends a grid; the caller adds them in code order (find() bisects).
    void add(std::string_view code, std::string_view village_code, std::string_view township_code, double area_m2,
             std::span<const std::uint8_t> wkb);

    [[nodiscard]] std::size_t size() const { return grids_.size(); }
    [[nodiscard]] bool empty() const { return grids_.empty(); }
    [[nodiscard]] const Grid& operator[](std::size_t i) const { return grids_[i]; }
    [[nodiscard]] const std::vector<Grid>& grids() const { return grids_; }
    [[nodiscard]] std::span<const std::uint8_t> wkb(std::size_t i) const { return {grids_[i].wkb, grids_[i].wkb_size}; }
    [[nodiscard]] const std::string& village_of(std::size_t i) const { return villages_[grids_[i].village]; }
    [[nodiscard]] const std::string& township_of(std::size_t i) const { return townships_[grids_[i].village]; }
    [[nodiscard]] const std::vector<std::string>& village_codes() const { return villages_; }
    // The shape as a GEOS geometry, parsed from its WKB on each call.
    [[nodiscard]] geo::Geometry shape(std::size_t i) const { return geo::Geometry::from_wkb(wkb(i)); }
    // The position of the grid with `code`, by bisection; nullopt when there is none.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view code) const;
    // The same, trying `hint` first: lists made in code order (the ownership audit's) are
    // looked up in one pass, each code at the position after the one before.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view code, std::size_t hint) const;

private:
    std::vector<Grid> grids_;
    std::vector<std::string> villages_;   // in order of first appearance
    std::vector<std::string> townships_;  // per village
    std::unordered_map<std::string, std::uint32_t> village_index_;
    // The shapes, one after another, in blocks that never move (a grid points into one); a block
    // is not grown by copying, so a million shapes never sit in memory twice.
    std::vector<std::unique_ptr<std::uint8_t[]>> blocks_;
    std::size_t block_used_ = 0;
    std::size_t block_size_ = 0;
};

}  // namespace respgrid::grids

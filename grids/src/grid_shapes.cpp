#include "respgrid/grids/grid_shapes.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "respgrid/geo/error.hpp"

namespace respgrid::grids {

namespace {
constexpr std::size_t kBlockBytes = std::size_t{4} << 20;
}  // namespace

GridShapes GridShapes::of(std::span<const GridCell> cells) {
    GridShapes out;
    out.reserve(cells.size());
    for (const auto& c : cells) out.add(c.code, c.village_code, c.township_code, c.area_m2, c.wkb);
    return out;
}

void GridShapes::add(std::string_view code, std::string_view village_code, std::string_view township_code,
                     double area_m2, std::span<const std::uint8_t> wkb) {
    if (wkb.size() > std::numeric_limits<std::uint32_t>::max()) {
        throw GeometryError("grid shapes", "the shape of grid " + std::string(code) + " is too large");
    }
    auto [it, fresh] = village_index_.try_emplace(std::string(village_code), static_cast<std::uint32_t>(villages_.size()));
    if (fresh) {
        villages_.emplace_back(village_code);
        townships_.emplace_back(township_code);
    }
    const std::uint8_t* at = nullptr;
    if (!wkb.empty()) {
        if (blocks_.empty() || block_size_ - block_used_ < wkb.size()) {
            block_size_ = std::max(kBlockBytes, wkb.size());
            blocks_.push_back(std::make_unique<std::uint8_t[]>(block_size_));
            block_used_ = 0;
        }
        std::uint8_t* dest = blocks_.back().get() + block_used_;
        std::memcpy(dest, wkb.data(), wkb.size());
        block_used_ += wkb.size();
        at = dest;
    }
    grids_.push_back({std::string(code), at, area_m2, static_cast<std::uint32_t>(wkb.size()), it->second});
}

std::optional<std::size_t> GridShapes::find(std::string_view code) const {
    auto it = std::lower_bound(grids_.begin(), grids_.end(), code,
                               [](const Grid& g, std::string_view k) { return g.code < k; });
    if (it == grids_.end() || it->code != code) return std::nullopt;
    return static_cast<std::size_t>(it - grids_.begin());
}

std::optional<std::size_t> GridShapes::find(std::string_view code, std::size_t hint) const {
    if (hint < grids_.size() && grids_[hint].code == code) return hint;
    return find(code);
}

}  // namespace respgrid::grids

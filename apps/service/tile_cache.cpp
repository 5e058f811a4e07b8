#include "service/tile_cache.hpp"

#include "service/gzip.hpp"

namespace respgrid::service {

namespace {
// z <= 22 and x, y < 2^22 fit in 5 + 2 * 22 bits.
std::uint64_t key_of(int z, int x, int y) {
    return (static_cast<std::uint64_t>(z) << 48) | (static_cast<std::uint64_t>(x) << 24) | static_cast<std::uint64_t>(y);
}
}  // namespace

std::shared_ptr<const TileCache::Tile> TileCache::get(int z, int x, int y, const TileTag& tag,
                                                     const std::function<std::string()>& make) {
    const auto key = key_of(z, x, y);
    {
        std::lock_guard lock(mutex_);
        auto it = tiles_.find(key);
        if (it != tiles_.end() && it->second.tag == tag) return it->second.tile;
    }
    Tile made;
    made.bytes = make();
    if (!made.bytes.empty()) made.gzipped = gzip(made.bytes);
    auto tile = std::make_shared<const Tile>(std::move(made));
    const std::size_t size = tile->bytes.size() + tile->gzipped.size();
    std::lock_guard lock(mutex_);
    if (bytes_ + size > max_bytes_) {
        tiles_.clear();
        bytes_ = 0;
    }
    auto& entry = tiles_[key];
    if (entry.tile) bytes_ -= entry.tile->bytes.size() + entry.tile->gzipped.size();
    entry = {tag, tile};
    bytes_ += size;
    return tile;
}

}  // namespace respgrid::service

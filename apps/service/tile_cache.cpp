#include "service/tile_cache.hpp"

namespace respgrid::service {

namespace {
// z <= 22 and x, y < 2^22 fit in 5 + 2 * 22 bits.
std::uint64_t key_of(int z, int x, int y) {
    return (static_cast<std::uint64_t>(z) << 48) | (static_cast<std::uint64_t>(x) << 24) | static_cast<std::uint64_t>(y);
}
}  // namespace

std::shared_ptr<const std::string> TileCache::get(int z, int x, int y, std::uint64_t tag,
                                                  const std::function<std::string()>& make) {
    const auto key = key_of(z, x, y);
    {
        std::lock_guard lock(mutex_);
        auto it = tiles_.find(key);
        if (it != tiles_.end() && it->second.tag == tag) return it->second.bytes;
    }
    auto bytes = std::make_shared<const std::string>(make());
    std::lock_guard lock(mutex_);
    if (bytes_ + bytes->size() > max_bytes_) {
        tiles_.clear();
        bytes_ = 0;
    }
    auto& entry = tiles_[key];
    if (entry.bytes) bytes_ -= entry.bytes->size();
    entry = {tag, bytes};
    bytes_ += bytes->size();
    return bytes;
}

}  // namespace respgrid::service

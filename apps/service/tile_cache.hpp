#pragma once
// Vector tiles kept once made: a tile is dear to make (a store query, clipping, encoding) and
// the same few hundred are asked again and again by every open map. Tiles carry a tag (the
// grid index and the ledger revision they were made from); a tile of another tag is made anew.
// The cache holds at most `max_bytes`; past that it is emptied (maps re-ask what they show).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace respgrid::service {

// What a tile was made from: equal tags, the same tile.
struct TileTag {
    long long grids = 0;   // the locating revision
    long long ledger = 0;  // the ledger revision
    long long minute = 0;  // cases turn overdue with time alone
    friend bool operator==(const TileTag&, const TileTag&) = default;
};

class TileCache {
public:
    explicit TileCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // A tile as made, and gzipped once for the clients that take it.
    struct Tile {
        std::string bytes;
        std::string gzipped;
    };
    // The tile (z, x, y) of `tag`, made by `make` when not held. Thread-safe; two threads may
    // make the same tile at once (the second result is kept), never one under the lock.
    std::shared_ptr<const Tile> get(int z, int x, int y, const TileTag& tag, const std::function<std::string()>& make);

private:
    struct Entry {
        TileTag tag;
        std::shared_ptr<const Tile> tile;
    };
    std::size_t max_bytes_;
    std::mutex mutex_;
    std::unordered_map<std::uint64_t, Entry> tiles_;
    std::size_t bytes_ = 0;
};

}  // namespace respgrid::service

#include "respgrid/geo/rtree_pack.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace respgrid::geo {

namespace {

constexpr std::size_t kEntryBytes = 8 + 4 * 4;  // id + four float coordinates (2D)

// Rounding to float as SQLite's rtreeValueDown/rtreeValueUp: the float box contains the double one.
float float_down(double d) {
    auto f = static_cast<float>(d);
    if (static_cast<double>(f) > d) f = std::nextafter(f, -INFINITY);
    return f;
}
float float_up(double d) {
    auto f = static_cast<float>(d);
    if (static_cast<double>(f) < d) f = std::nextafter(f, INFINITY);
    return f;
}

void put_u16(std::vector<std::uint8_t>& b, std::size_t at, unsigned v) {
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v);
}
void put_i64(std::vector<std::uint8_t>& b, std::size_t at, long long v) {
    auto u = static_cast<std::uint64_t>(v);
    for (int i = 0; i < 8; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(u >> (56 - 8 * i));
}
void put_f32(std::vector<std::uint8_t>& b, std::size_t at, float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    for (int i = 0; i < 4; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(u >> (24 - 8 * i));
}
float get_f32(const std::uint8_t* p) {
    std::uint32_t u = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

RtreeItem bounds(const RtreeNode& node) {
    RtreeItem b = node.items[0];
    for (const auto& i : node.items) {
        b.min_x = std::min(b.min_x, i.min_x);
        b.max_x = std::max(b.max_x, i.max_x);
        b.min_y = std::min(b.min_y, i.min_y);
        b.max_y = std::max(b.max_y, i.max_y);
    }
    return b;
}

// Sort-Tile-Recursive packing of one level: items into nodes of at most `capacity`.
std::vector<RtreeNode> pack(std::vector<RtreeItem> items, std::size_t capacity) {
    const std::size_t n = items.size();
    const std::size_t nodes = (n + capacity - 1) / capacity;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t per_slice = slices * capacity;
    auto cx = [](const RtreeItem& i) { return static_cast<double>(i.min_x) + i.max_x; };
    auto cy = [](const RtreeItem& i) { return static_cast<double>(i.min_y) + i.max_y; };
    std::sort(items.begin(), items.end(), [&](const RtreeItem& a, const RtreeItem& b) {
        return cx(a) != cx(b) ? cx(a) < cx(b) : a.id < b.id;
    });
    std::vector<RtreeNode> out;
    out.reserve(nodes);
    for (std::size_t s = 0; s < n; s += per_slice) {
        auto first = items.begin() + static_cast<std::ptrdiff_t>(s);
        auto last = items.begin() + static_cast<std::ptrdiff_t>(std::min(n, s + per_slice));
        std::sort(first, last, [&](const RtreeItem& a, const RtreeItem& b) {
            return cy(a) != cy(b) ? cy(a) < cy(b) : a.id < b.id;
        });
        for (auto it = first; it < last;) {
            auto count = static_cast<std::ptrdiff_t>(std::min<std::size_t>(capacity, static_cast<std::size_t>(last - it)));
            RtreeNode node;
            node.items.assign(it, it + count);
            out.push_back(std::move(node));
            it += count;
        }
    }
    return out;
}

}  // namespace

void PackedRtree::encode(const RtreeNode& node, std::vector<std::uint8_t>& blob) const {
    blob.assign(node_bytes, 0);
    if (node.number == 1) put_u16(blob, 0, depth());
    put_u16(blob, 2, static_cast<unsigned>(node.items.size()));
    for (std::size_t k = 0; k < node.items.size(); ++k) {
        const RtreeItem& it = node.items[k];
        const std::size_t at = 4 + k * kEntryBytes;
        put_i64(blob, at, it.id);
        put_f32(blob, at + 8, it.min_x);
        put_f32(blob, at + 12, it.max_x);
        put_f32(blob, at + 16, it.min_y);
        put_f32(blob, at + 20, it.max_y);
    }
}

PackedRtree pack_rtree(const std::vector<RtreeEntry>& entries, std::size_t node_bytes) {
    PackedRtree tree;
    tree.node_bytes = node_bytes;
    const std::size_t capacity = node_bytes > 4 ? (node_bytes - 4) / kEntryBytes : 0;
    if (capacity < 2) throw std::invalid_argument("geo: R-tree node of " + std::to_string(node_bytes) + " bytes");

    std::vector<RtreeItem> level;
    level.reserve(entries.size());
    for (const auto& e : entries) {
        level.push_back({e.id, float_down(e.box.min_x), float_up(e.box.max_x), float_down(e.box.min_y), float_up(e.box.max_y)});
    }
    // Levels bottom-up; node numbers are given once the tree is complete (the root must be 1).
    if (level.empty()) {
        tree.levels.push_back({RtreeNode{}});
    } else {
        tree.levels.push_back(pack(std::move(level), capacity));
        while (tree.levels.back().size() > 1) {
            std::vector<RtreeItem> parents;
            parents.reserve(tree.levels.back().size());
            // Children's ids are their positions for now; fixed below.
            for (const auto& node : tree.levels.back()) {
                parents.push_back(bounds(node));
                parents.back().id = static_cast<long long>(parents.size() - 1);
            }
            tree.levels.push_back(pack(std::move(parents), capacity));
        }
    }
    // Number nodes top-down: root 1, then level by level.
    long long next = 1;
    for (auto it = tree.levels.rbegin(); it != tree.levels.rend(); ++it) {
        for (auto& node : *it) node.number = next++;
    }
    // Inner nodes refer to children by position in the level below: turn positions into numbers.
    for (std::size_t l = 1; l < tree.levels.size(); ++l) {
        for (auto& node : tree.levels[l]) {
            for (auto& item : node.items) item.id = tree.levels[l - 1][static_cast<std::size_t>(item.id)].number;
        }
    }
    return tree;
}

std::vector<RtreeEntry> decode_rtree_leaf(const std::uint8_t* data, std::size_t size) {
    std::vector<RtreeEntry> out;
    if (size < 4) return out;
    const std::size_t count = (std::size_t{data[2]} << 8) | data[3];
    for (std::size_t k = 0; k < count && 4 + (k + 1) * kEntryBytes <= size; ++k) {
        const std::uint8_t* p = data + 4 + k * kEntryBytes;
        std::uint64_t id = 0;
        for (int i = 0; i < 8; ++i) id = (id << 8) | p[i];
        out.push_back({static_cast<long long>(id), {get_f32(p + 8), get_f32(p + 16), get_f32(p + 12), get_f32(p + 20)}});
    }
    return out;
}

}  // namespace respgrid::geo

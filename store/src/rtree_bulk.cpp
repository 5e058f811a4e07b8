#include "rtree_bulk.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace respgrid::store::detail {

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

struct Item {
    long long id;  // row id (leaves) or child node number (inner nodes)
    float min_x, max_x, min_y, max_y;
};

struct Node {
    long long number = 0;
    std::vector<Item> items;
    Item bounds() const {
        Item b{number, items[0].min_x, items[0].max_x, items[0].min_y, items[0].max_y};
        for (const auto& i : items) {
            b.min_x = std::min(b.min_x, i.min_x);
            b.max_x = std::max(b.max_x, i.max_x);
            b.min_y = std::min(b.min_y, i.min_y);
            b.max_y = std::max(b.max_y, i.max_y);
        }
        return b;
    }
};

// Sort-Tile-Recursive packing of one level: items into nodes of at most `capacity`.
std::vector<Node> pack(std::vector<Item> items, std::size_t capacity) {
    const std::size_t n = items.size();
    const std::size_t nodes = (n + capacity - 1) / capacity;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t per_slice = slices * capacity;
    auto cx = [](const Item& i) { return static_cast<double>(i.min_x) + i.max_x; };
    auto cy = [](const Item& i) { return static_cast<double>(i.min_y) + i.max_y; };
    std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
        return cx(a) != cx(b) ? cx(a) < cx(b) : a.id < b.id;
    });
    std::vector<Node> out;
    for (std::size_t s = 0; s < n; s += per_slice) {
        auto first = items.begin() + static_cast<std::ptrdiff_t>(s);
        auto last = items.begin() + static_cast<std::ptrdiff_t>(std::min(n, s + per_slice));
        std::sort(first, last, [&](const Item& a, const Item& b) {
            return cy(a) != cy(b) ? cy(a) < cy(b) : a.id < b.id;
        });
        for (auto it = first; it < last; it += static_cast<std::ptrdiff_t>(std::min<std::size_t>(capacity, static_cast<std::size_t>(last - it)))) {
            Node node;
            node.items.assign(it, it + static_cast<std::ptrdiff_t>(std::min<std::size_t>(capacity, static_cast<std::size_t>(last - it))));
            out.push_back(std::move(node));
        }
    }
    return out;
}

}  // namespace

void rebuild_rtree(Connection& db, const std::string& table, std::vector<RtreeEntry> entries) {
    const std::string q = "\"" + table;
    auto node_size = db.query_integer("SELECT length(data) FROM " + q + "_node\" WHERE nodeno = 1");
    if (!node_size || *node_size < static_cast<long long>(4 + kEntryBytes)) {
        throw StoreError(db.path(), "the R*Tree " + table + " has no root node");
    }
    const std::size_t size = static_cast<std::size_t>(*node_size);
    const std::size_t capacity = (size - 4) / kEntryBytes;

    std::vector<Item> level;
    level.reserve(entries.size());
    for (const auto& e : entries) {
        level.push_back({e.id, float_down(e.box.min_x), float_up(e.box.max_x), float_down(e.box.min_y), float_up(e.box.max_y)});
    }
    entries.clear();
    entries.shrink_to_fit();

    // Levels bottom-up; node numbers are given once the tree is complete (the root must be 1).
    std::vector<std::vector<Node>> levels;
    if (level.empty()) {
        levels.push_back({Node{}});
    } else {
        levels.push_back(pack(std::move(level), capacity));
        while (levels.back().size() > 1) {
            std::vector<Item> parents;
            for (auto& node : levels.back()) parents.push_back(node.bounds());
            // Children's ids are their positions for now; fixed below.
            for (std::size_t i = 0; i < parents.size(); ++i) parents[i].id = static_cast<long long>(i);
            levels.push_back(pack(std::move(parents), capacity));
        }
    }
    // Number nodes top-down: root 1, then level by level.
    long long next = 1;
    for (auto level_it = levels.rbegin(); level_it != levels.rend(); ++level_it) {
        for (auto& node : *level_it) node.number = next++;
    }
    // Inner nodes refer to children by position in the level below: turn positions into numbers.
    for (std::size_t l = 1; l < levels.size(); ++l) {
        for (auto& node : levels[l]) {
            for (auto& item : node.items) item.id = levels[l - 1][static_cast<std::size_t>(item.id)].number;
        }
    }

    db.exec("DELETE FROM " + q + "_node\"; DELETE FROM " + q + "_rowid\"; DELETE FROM " + q + "_parent\"");
    Statement node_insert(db, "INSERT INTO " + q + "_node\" (nodeno, data) VALUES (?, ?)");
    Statement rowid_insert(db, "INSERT INTO " + q + "_rowid\" (rowid, nodeno) VALUES (?, ?)");
    Statement parent_insert(db, "INSERT INTO " + q + "_parent\" (nodeno, parentnode) VALUES (?, ?)");
    const unsigned depth = static_cast<unsigned>(levels.size() - 1);
    std::vector<std::uint8_t> blob(size);
    for (std::size_t l = 0; l < levels.size(); ++l) {
        for (const auto& node : levels[l]) {
            std::fill(blob.begin(), blob.end(), 0);
            if (node.number == 1) put_u16(blob, 0, depth);
            put_u16(blob, 2, static_cast<unsigned>(node.items.size()));
            for (std::size_t k = 0; k < node.items.size(); ++k) {
                const Item& it = node.items[k];
                std::size_t at = 4 + k * kEntryBytes;
                put_i64(blob, at, it.id);
                put_f32(blob, at + 8, it.min_x);
                put_f32(blob, at + 12, it.max_x);
                put_f32(blob, at + 16, it.min_y);
                put_f32(blob, at + 20, it.max_y);
                if (l == 0) {
                    rowid_insert.reset();
                    rowid_insert.bind(it.id).bind(node.number).run();
                } else {
                    parent_insert.reset();
                    parent_insert.bind(it.id).bind(node.number).run();
                }
            }
            node_insert.reset();
            node_insert.bind(node.number).bind(blob).run();
        }
    }
}

std::vector<RtreeEntry> read_rtree(Connection& db, const std::string& table) {
    // Leaves are read from the shadow tables directly: much faster than a scan of the virtual table.
    std::vector<RtreeEntry> out;
    Statement st(db, "SELECT n.data FROM \"" + table + "_node\" n WHERE n.nodeno IN (SELECT DISTINCT nodeno FROM \"" +
                         table + "_rowid\")");
    while (st.step()) {
        auto data = st.blob(0);
        if (data.size() < 4) continue;
        std::size_t count = (std::size_t{data[2]} << 8) | data[3];
        for (std::size_t k = 0; k < count && 4 + (k + 1) * kEntryBytes <= data.size(); ++k) {
            const std::uint8_t* p = data.data() + 4 + k * kEntryBytes;
            std::uint64_t id = 0;
            for (int i = 0; i < 8; ++i) id = (id << 8) | p[i];
            out.push_back({static_cast<long long>(id),
                           {get_f32(p + 8), get_f32(p + 16), get_f32(p + 12), get_f32(p + 20)}});
        }
    }
    return out;
}

}  // namespace respgrid::store::detail

#include "respgrid/exporters/vector_tile.hpp"

#include <algorithm>
#include <cstring>
#include <map>

namespace respgrid::exporters::vector_tile {

namespace {

// protobuf wire types
constexpr std::uint32_t kVarint = 0;
constexpr std::uint32_t kFixed64 = 1;
constexpr std::uint32_t kLengthDelimited = 2;

// vector_tile.proto field numbers
constexpr std::uint32_t kTileLayers = 3;
constexpr std::uint32_t kLayerName = 1, kLayerFeatures = 2, kLayerKeys = 3, kLayerValues = 4, kLayerExtent = 5,
                        kLayerVersion = 15;
constexpr std::uint32_t kFeatureId = 1, kFeatureTags = 2, kFeatureType = 3, kFeatureGeometry = 4;
constexpr std::uint32_t kValueString = 1, kValueDouble = 3, kValueUint = 5, kValueSint = 6, kValueBool = 7;

// geometry command ids (spec 4.3.3)
constexpr std::uint32_t kMoveTo = 1, kLineTo = 2, kClosePath = 7;

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void put_key(std::string& out, std::uint32_t field, std::uint32_t wire_type) { put_varint(out, (field << 3) | wire_type); }

void put_bytes(std::string& out, std::uint32_t field, const std::string& bytes) {
    put_key(out, field, kLengthDelimited);
    put_varint(out, bytes.size());
    out += bytes;
}

void put_uint_field(std::string& out, std::uint32_t field, std::uint64_t v) {
    put_key(out, field, kVarint);
    put_varint(out, v);
}

void put_packed(std::string& out, std::uint32_t field, const std::vector<std::uint32_t>& values) {
    std::string packed;
    for (const auto v : values) put_varint(packed, v);
    put_bytes(out, field, packed);
}

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::uint32_t command(std::uint32_t id, std::size_t count) { return id | static_cast<std::uint32_t>(count << 3); }

// The points of a path without consecutive repeats and, for a ring, without the closing point.
Path cleaned(const Path& path, bool ring) {
    Path out;
    out.reserve(path.size());
    for (const auto& p : path) {
        if (out.empty() || !(out.back() == p)) out.push_back(p);
    }
    if (ring) {
        while (out.size() > 1 && out.back() == out.front()) out.pop_back();
    }
    return out;
}

// Writes geometry commands; the cursor carries over from one part to the next (spec 4.3.2).
class CommandWriter {
public:
    void move_to(const Points& points) {
        commands_.push_back(command(kMoveTo, points.size()));
        for (const auto& p : points) step(p);
    }
    void path(const Path& path, bool ring) {
        commands_.push_back(command(kMoveTo, 1));
        step(path.front());
        commands_.push_back(command(kLineTo, path.size() - 1));
        for (std::size_t i = 1; i < path.size(); ++i) step(path[i]);
        if (ring) commands_.push_back(command(kClosePath, 1));
    }
    // A ring wound so its area has the sign `positive` asks for.
    void ring(Path ring, bool positive) {
        if ((doubled_area(ring) > 0) != positive) std::reverse(ring.begin() + 1, ring.end());
        path(ring, true);
    }
    [[nodiscard]] const std::vector<std::uint32_t>& commands() const { return commands_; }

private:
    void step(const Point& p) {
        commands_.push_back(static_cast<std::uint32_t>(zigzag(std::int64_t{p.x} - cursor_.x)));
        commands_.push_back(static_cast<std::uint32_t>(zigzag(std::int64_t{p.y} - cursor_.y)));
        cursor_ = p;
    }
    Point cursor_;
    std::vector<std::uint32_t> commands_;
};

// A ring fit to encode: at least 3 distinct points and some area.
std::optional<Path> usable_ring(const Path& ring) {
    Path c = cleaned(ring, true);
    if (c.size() < 3 || doubled_area(c) == 0) return std::nullopt;
    return c;
}

// The feature's type (1 point, 2 linestring, 3 polygon) and its commands; no commands when
// nothing of the geometry can be encoded.
std::pair<std::uint32_t, std::vector<std::uint32_t>> encode_geometry(const Geometry& geometry) {
    CommandWriter w;
    if (const auto* points = std::get_if<Points>(&geometry)) {
        if (!points->empty()) w.move_to(*points);
        return {1, w.commands()};
    }
    if (const auto* lines = std::get_if<Lines>(&geometry)) {
        for (const auto& line : *lines) {
            const Path c = cleaned(line, false);
            if (c.size() >= 2) w.path(c, false);
        }
        return {2, w.commands()};
    }
    for (const auto& polygon : std::get<Polygons>(geometry)) {
        auto exterior = usable_ring(polygon.exterior);
        if (!exterior) continue;
        w.ring(std::move(*exterior), true);
        for (const auto& hole : polygon.holes) {
            if (auto h = usable_ring(hole)) w.ring(std::move(*h), false);
        }
    }
    return {3, w.commands()};
}

std::string encode_value(const Value& value) {
    std::string out;
    if (const auto* s = std::get_if<std::string>(&value)) {
        put_bytes(out, kValueString, *s);
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        if (*i >= 0) {
            put_uint_field(out, kValueUint, static_cast<std::uint64_t>(*i));
        } else {
            put_uint_field(out, kValueSint, zigzag(*i));
        }
    } else if (const auto* d = std::get_if<double>(&value)) {
        put_key(out, kValueDouble, kFixed64);
        std::uint64_t bits = 0;
        static_assert(sizeof bits == sizeof *d);
        std::memcpy(&bits, d, sizeof bits);
        for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>((bits >> (8 * b)) & 0xff));  // little-endian
    } else {
        put_uint_field(out, kValueBool, std::get<bool>(value) ? 1 : 0);
    }
    return out;
}

// Indexes of keys and values in the order first met.
template <typename T>
class Table {
public:
    std::uint32_t index(const T& item) {
        const auto [it, added] = index_.try_emplace(item, static_cast<std::uint32_t>(items_.size()));
        if (added) items_.push_back(&it->first);
        return it->second;
    }
    [[nodiscard]] const std::vector<const T*>& items() const { return items_; }

private:
    std::map<T, std::uint32_t> index_;
    std::vector<const T*> items_;
};

// The Layer message, or "" when no feature has geometry to encode.
std::string encode_layer(const Layer& layer) {
    Table<std::string> keys;
    Table<Value> values;
    std::string features;
    for (const auto& feature : layer.features) {
        auto [type, commands] = encode_geometry(feature.geometry);
        if (commands.empty()) continue;
        std::string f;
        if (feature.id) put_uint_field(f, kFeatureId, *feature.id);
        std::vector<std::uint32_t> tags;
        std::vector<std::uint32_t> seen_keys;
        for (const auto& [key, value] : feature.properties) {
            const std::uint32_t k = keys.index(key);
            if (std::find(seen_keys.begin(), seen_keys.end(), k) != seen_keys.end()) continue;
            seen_keys.push_back(k);
            tags.push_back(k);
            tags.push_back(values.index(value));
        }
        if (!tags.empty()) put_packed(f, kFeatureTags, tags);
        put_uint_field(f, kFeatureType, type);
        put_packed(f, kFeatureGeometry, commands);
        put_bytes(features, kLayerFeatures, f);
    }
    if (features.empty()) return {};
    std::string out;
    put_uint_field(out, kLayerVersion, 2);
    put_bytes(out, kLayerName, layer.name);
    out += features;
    for (const auto* key : keys.items()) put_bytes(out, kLayerKeys, *key);
    for (const auto* value : values.items()) put_bytes(out, kLayerValues, encode_value(*value));
    put_uint_field(out, kLayerExtent, layer.extent);
    return out;
}

}  // namespace

std::int64_t doubled_area(const Path& ring) {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const Point& a = ring[i];
        const Point& b = ring[(i + 1) % ring.size()];
        sum += std::int64_t{a.x} * b.y - std::int64_t{b.x} * a.y;
    }
    return sum;
}

std::string encode(std::span<const Layer> layers) {
    std::string tile;
    for (const auto& layer : layers) {
        const std::string bytes = encode_layer(layer);
        if (!bytes.empty()) put_bytes(tile, kTileLayers, bytes);
    }
    return tile;
}

}  // namespace respgrid::exporters::vector_tile

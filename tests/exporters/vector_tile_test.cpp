// The Mapbox Vector Tile encoder (exporters/vector_tile.hpp): the bytes of a tile worked out by
// hand from the 2.1 specification, and tiles decoded back by a small reader written here from
// the same specification (wire format, commands, keys and values tables).

#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "respgrid/exporters/vector_tile.hpp"

namespace respgrid::exporters::vector_tile {
namespace {

// ---- a minimal reader of the tiles, independent of the encoder's code

class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    [[nodiscard]] bool done() const { return pos_ >= bytes_.size(); }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            const auto byte = static_cast<unsigned char>(bytes_.at(pos_++));
            v |= std::uint64_t{byte & 0x7fu} << shift;
            if (!(byte & 0x80)) return v;
        }
    }
    std::string_view bytes() {
        const auto n = varint();
        const auto out = bytes_.substr(pos_, n);
        pos_ += n;
        return out;
    }
    std::uint64_t fixed64() {
        std::uint64_t v = 0;
        for (int b = 0; b < 8; ++b) v |= std::uint64_t{static_cast<unsigned char>(bytes_.at(pos_++))} << (8 * b);
        return v;
    }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

std::vector<std::uint32_t> packed(std::string_view bytes) {
    Reader r(bytes);
    std::vector<std::uint32_t> out;
    while (!r.done()) out.push_back(static_cast<std::uint32_t>(r.varint()));
    return out;
}

struct DecodedFeature {
    std::optional<std::uint64_t> id;
    int type = 0;
    std::vector<std::uint32_t> commands;
    std::map<std::string, Value> properties;
    // Parts as absolute points; a ring's part ends where its ClosePath was.
    std::vector<Path> parts;
};

struct DecodedLayer {
    int version = 0;
    std::string name;
    std::uint32_t extent = 0;
    std::vector<std::string> keys;
    std::vector<Value> values;
    std::vector<DecodedFeature> features;
};

Value decode_value(std::string_view bytes) {
    Reader r(bytes);
    const auto key = r.varint();
    switch (key >> 3) {
        case 1: return std::string(r.bytes());
        case 3: {
            const auto bits = r.fixed64();
            double d = 0;
            std::memcpy(&d, &bits, sizeof d);
            return d;
        }
        case 4: return static_cast<std::int64_t>(r.varint());
        case 5: return static_cast<std::int64_t>(r.varint());
        case 6: return unzigzag(r.varint());
        case 7: return r.varint() != 0;
    }
    ADD_FAILURE() << "unexpected value field " << (key >> 3);
    return false;
}

std::vector<Path> decode_geometry(const std::vector<std::uint32_t>& commands) {
    std::vector<Path> parts;
    Point cursor;
    for (std::size_t i = 0; i < commands.size();) {
        const auto id = commands[i] & 7;
        const auto count = commands[i] >> 3;
        ++i;
        if (id == 7) continue;  // ClosePath
        for (std::uint32_t n = 0; n < count; ++n) {
            cursor.x += static_cast<std::int32_t>(unzigzag(commands[i++]));
            cursor.y += static_cast<std::int32_t>(unzigzag(commands[i++]));
            if (id == 1) parts.emplace_back();
            parts.back().push_back(cursor);
        }
    }
    return parts;
}

std::vector<DecodedLayer> decode(const std::string& tile) {
    std::vector<DecodedLayer> layers;
    Reader t(tile);
    while (!t.done()) {
        EXPECT_EQ(t.varint(), (3u << 3) | 2u);
        Reader l(t.bytes());
        DecodedLayer layer;
        std::vector<std::string_view> features;
        while (!l.done()) {
            const auto key = l.varint();
            switch (key >> 3) {
                case 15: layer.version = static_cast<int>(l.varint()); break;
                case 1: layer.name = l.bytes(); break;
                case 2: features.push_back(l.bytes()); break;
                case 3: layer.keys.emplace_back(l.bytes()); break;
                case 4: layer.values.push_back(decode_value(l.bytes())); break;
                case 5: layer.extent = static_cast<std::uint32_t>(l.varint()); break;
                default: ADD_FAILURE() << "unexpected layer field " << (key >> 3);
            }
        }
        for (const auto bytes : features) {
            Reader f(bytes);
            DecodedFeature feature;
            while (!f.done()) {
                const auto key = f.varint();
                switch (key >> 3) {
                    case 1: feature.id = f.varint(); break;
                    case 2: {
                        const auto tags = packed(f.bytes());
                        for (std::size_t i = 0; i + 1 < tags.size(); i += 2) {
                            feature.properties[layer.keys.at(tags[i])] = layer.values.at(tags[i + 1]);
                        }
                        break;
                    }
                    case 3: feature.type = static_cast<int>(f.varint()); break;
                    case 4: feature.commands = packed(f.bytes()); break;
                    default: ADD_FAILURE() << "unexpected feature field " << (key >> 3);
                }
            }
            feature.parts = decode_geometry(feature.commands);
            layer.features.push_back(std::move(feature));
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : bytes) {
        if (!out.empty()) out += ' ';
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// ---- the tests

TEST(VectorTile, OnePointTileHasTheBytesWorkedOutByHand) {
    Layer layer{"a", kDefaultExtent, {}};
    layer.features.push_back({1, Points{{25, 17}}, {{"k", std::string("v")}}});
    // Tile.layers (1a, 31 bytes): version 2 (78 02), name "a" (0a 01 61), the feature (12, 13 bytes:
    // id 1 = 08 01, tags [0 0] = 12 02 00 00, type POINT = 18 01, geometry MoveTo(1) = 9 with
    // zigzag(25) = 50, zigzag(17) = 34: 22 03 09 32 22), key "k" (1a 01 6b), value string "v"
    // (22 03 0a 01 76), extent 4096 (28 80 20).
    EXPECT_EQ(hex(encode({&layer, 1})),
              "1a 1f 78 02 0a 01 61 12 0d 08 01 12 02 00 00 18 01 22 03 09 32 22 1a 01 6b 22 03 0a 01 76 28 80 20");
}

TEST(VectorTile, PolygonRingsAreWoundAsTheSpecificationSays) {
    // Given the other way round: the exterior counter-clockwise on screen, the hole clockwise.
    const Path exterior{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}};
    const Path hole{{2, 2}, {8, 2}, {8, 8}, {2, 8}};
    Layer layer{"p", kDefaultExtent, {}};
    layer.features.push_back({std::nullopt, Polygons{{exterior, {hole}}}, {}});
    const auto layers = decode(encode({&layer, 1}));
    ASSERT_EQ(layers.size(), 1u);
    const auto& f = layers[0].features.at(0);
    EXPECT_EQ(f.type, 3);
    EXPECT_FALSE(f.id);
    // MoveTo (0,0); LineTo x3 (+10,0) (0,+10) (-10,0); ClosePath; then the hole from the cursor (0,0).
    const std::vector<std::uint32_t> outer{9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15};
    ASSERT_GE(f.commands.size(), outer.size());
    EXPECT_EQ(std::vector<std::uint32_t>(f.commands.begin(), f.commands.begin() + 11), outer);
    ASSERT_EQ(f.parts.size(), 2u);
    EXPECT_GT(doubled_area(f.parts[0]), 0);
    EXPECT_EQ(doubled_area(f.parts[0]), 200);
    EXPECT_EQ(doubled_area(f.parts[1]), -72);
    EXPECT_EQ(f.parts[1].front(), (Point{2, 2}));
}

TEST(VectorTile, KeysAndValuesAreSharedWithinALayer) {
    Layer layer{"grids", kDefaultExtent, {}};
    layer.features.push_back({1, Points{{1, 1}}, {{"code", std::string("A")}, {"township_code", std::string("T")}}});
    layer.features.push_back({2, Points{{2, 2}}, {{"code", std::string("B")}, {"township_code", std::string("T")}}});
    layer.features.push_back({3, Points{{3, 3}}, {{"code", std::string("T")}, {"n", std::int64_t{1}}, {"b", true}}});
    const auto layers = decode(encode({&layer, 1}));
    ASSERT_EQ(layers.size(), 1u);
    const auto& l = layers[0];
    EXPECT_EQ(l.version, 2);
    EXPECT_EQ(l.name, "grids");
    EXPECT_EQ(l.extent, 4096u);
    EXPECT_EQ(l.keys, (std::vector<std::string>{"code", "township_code", "n", "b"}));
    // "T" once though used under two keys; the int 1 and the bool true stay two values.
    EXPECT_EQ(l.values, (std::vector<Value>{std::string("A"), std::string("T"), std::string("B"), std::int64_t{1}, true}));
    ASSERT_EQ(l.features.size(), 3u);
    EXPECT_EQ(l.features[1].id, 2u);
    EXPECT_EQ(std::get<std::string>(l.features[1].properties.at("code")), "B");
    EXPECT_EQ(std::get<std::string>(l.features[2].properties.at("code")), "T");
}

TEST(VectorTile, ValuesOfEveryTypeDecodeBack) {
    Layer layer{"v", 512, {}};
    layer.features.push_back({std::nullopt,
                              Points{{0, 0}},
                              {{"s", std::string("城关镇")},
                               {"big", std::int64_t{5000000000}},
                               {"neg", std::int64_t{-3}},
                               {"d", 0.25},
                               {"f", false},
                               {"s", std::string("second, ignored")}}});
    const auto layers = decode(encode({&layer, 1}));
    ASSERT_EQ(layers.size(), 1u);
    EXPECT_EQ(layers[0].extent, 512u);
    const auto& p = layers[0].features.at(0).properties;
    EXPECT_EQ(std::get<std::string>(p.at("s")), "城关镇");
    EXPECT_EQ(std::get<std::int64_t>(p.at("big")), 5000000000);
    EXPECT_EQ(std::get<std::int64_t>(p.at("neg")), -3);
    EXPECT_EQ(std::get<double>(p.at("d")), 0.25);
    EXPECT_EQ(std::get<bool>(p.at("f")), false);
    EXPECT_EQ(layers[0].values.size(), 5u);
}

TEST(VectorTile, TheCursorCarriesOverBetweenParts) {
    Layer layer{"l", kDefaultExtent, {}};
    layer.features.push_back({7, Lines{{{10, 10}, {20, 10}}, {{-64, 4100}, {-64, 4160}, {-64, 4160}}}, {}});
    layer.features.push_back({8, Points{{5, 5}, {4096, 0}}, {}});
    const auto layers = decode(encode({&layer, 1}));
    ASSERT_EQ(layers.at(0).features.size(), 2u);
    const auto& line = layers[0].features[0];
    EXPECT_EQ(line.type, 2);
    // The second line starts relative to (20,10), where the first ended; its repeated point is gone.
    EXPECT_EQ(line.commands, (std::vector<std::uint32_t>{9, 20, 20, 10, 20, 0, 9, 167, 8180, 10, 0, 120}));
    ASSERT_EQ(line.parts.size(), 2u);
    EXPECT_EQ(line.parts[1], (Path{{-64, 4100}, {-64, 4160}}));
    const auto& points = layers[0].features[1];
    EXPECT_EQ(points.type, 1);
    EXPECT_EQ(points.commands.front(), 17u);  // MoveTo, count 2
    ASSERT_EQ(points.parts.size(), 2u);
    EXPECT_EQ(points.parts[1].front(), (Point{4096, 0}));
}

TEST(VectorTile, WhatCannotBeEncodedIsLeftOut) {
    Layer kept{"kept", kDefaultExtent, {}};
    // A flat ring, a ring of two distinct points, a one-point line, an empty point list: all gone.
    kept.features.push_back({1, Polygons{{{{0, 0}, {5, 0}, {10, 0}}, {}}}, {{"k", std::string("flat")}}});
    kept.features.push_back({2, Polygons{{{{0, 0}, {5, 5}, {5, 5}, {0, 0}}, {}}}, {}});
    kept.features.push_back({3, Lines{{{1, 1}, {1, 1}}}, {}});
    kept.features.push_back({4, Points{}, {}});
    // A polygon whose degenerate hole goes, the polygon stays.
    kept.features.push_back({5, Polygons{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{{1, 1}, {2, 2}, {1, 1}}}}}, {}});
    Layer empty{"empty", kDefaultExtent, {}};
    empty.features.push_back({6, Points{}, {}});
    const std::vector<Layer> layers{empty, kept};
    const auto decoded = decode(encode(layers));
    ASSERT_EQ(decoded.size(), 1u);
    EXPECT_EQ(decoded[0].name, "kept");
    ASSERT_EQ(decoded[0].features.size(), 1u);
    EXPECT_EQ(decoded[0].features[0].id, 5u);
    EXPECT_EQ(decoded[0].features[0].parts.size(), 1u);
    EXPECT_TRUE(decoded[0].keys.empty());  // the dropped feature's key is not written
    EXPECT_EQ(encode({}), "");
}

}  // namespace
}  // namespace respgrid::exporters::vector_tile

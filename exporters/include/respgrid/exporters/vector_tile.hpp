#pragma once
// Mapbox Vector Tile 2.1 (https://github.com/mapbox/vector-tile-spec/tree/master/2.1), encoded
// by hand: a tile is a small protobuf message (varints, zigzag, length-delimited fields) and
// nothing else of protobuf is needed.
//
// Geometry comes in integer tile coordinates: x to the right, y down, 0..extent inside the tile
// (a buffer beyond the edges is allowed, negative values included). The encoder owns the
// spec's rules so a caller cannot break them:
//   - polygon rings are wound as the spec requires: an exterior has a positive area by the
//     surveyor's formula in tile coordinates (clockwise on screen), a hole a negative one,
//     whatever winding they were given in;
//   - consecutive repeated points are dropped (a LineTo must move), and so is a closing point
//     equal to the first (ClosePath closes the ring);
//   - a ring with fewer than 3 distinct points or no area, a line with fewer than 2 points, a
//     polygon whose exterior goes, and a feature left without geometry are left out;
//   - property keys and values are written once per layer and referenced by index.
//
//     vector_tile::Layer grids{"grids", vector_tile::kDefaultExtent, {}};
//     auto& f = grids.features.emplace_back();
//     f.geometry = std::vector<vector_tile::Polygon>{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {}}};
//     f.properties = {{"code", std::string("411626001001001")}};
//     const std::string bytes = vector_tile::encode({&grids, 1});

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace respgrid::exporters::vector_tile {

inline constexpr std::uint32_t kDefaultExtent = 4096;

struct Point {
    std::int32_t x = 0;
    std::int32_t y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

// A line, or a ring (open or closed: a last point equal to the first is dropped).
using Path = std::vector<Point>;

struct Polygon {
    Path exterior;
    std::vector<Path> holes;
};

// MVT's geometry types: POINT (one or more points), LINESTRING (one or more lines), POLYGON (one
// or more polygons). The variant's alternative is the feature's type.
using Points = std::vector<Point>;
using Lines = std::vector<Path>;
using Polygons = std::vector<Polygon>;
using Geometry = std::variant<Points, Lines, Polygons>;

// A property value: MVT's string, int (written as uint_value when >= 0, sint_value when < 0),
// double and bool. Values of different types never merge ("1" and 1 are two values).
using Value = std::variant<std::string, std::int64_t, double, bool>;

struct Feature {
    std::optional<std::uint64_t> id;
    Geometry geometry;
    std::vector<std::pair<std::string, Value>> properties;  // in this order; a key given twice is kept once (the first)
};

struct Layer {
    std::string name;
    std::uint32_t extent = kDefaultExtent;
    std::vector<Feature> features;
};

// The tile's bytes (a protobuf `Tile` message, uncompressed). A layer without a feature left to
// encode is left out, so an empty span, or only empty layers, give an empty tile ("").
std::string encode(std::span<const Layer> layers);

// Twice the signed area of a ring by the surveyor's formula in tile coordinates (y down): positive
// for an MVT exterior ring, negative for a hole. The closing point may be given or not.
std::int64_t doubled_area(const Path& ring);

}  // namespace respgrid::exporters::vector_tile

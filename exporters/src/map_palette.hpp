#pragma once
// Fill colours for owners (or townships): soft enough to print labels over, and different for
// any two that touch, so a worker's area reads as one patch against its neighbours'.

#include <cstddef>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/geo/xy.hpp"

namespace respgrid::exporters::map {

// The fill palette; colour i % size().
std::span<const RgbColour> fill_palette();
// Grids without a grid worker: grey, drawn hatched.
inline constexpr RgbColour kUnownedFill{0.82, 0.82, 0.82};

// Pairs {a, b} (a < b) of the `groups` whose polygons share a vertex. `groups[i]` is the group of
// polygon i (SIZE_MAX = none). Tilings share their border vertices exactly (DEVELOPERS.md), so
// a shared vertex is a touching border or corner.
// `polygons_of(i)` gives polygon i's rings without copying them.
using PolygonsOf = std::function<const std::vector<geo::PolygonRings>&(std::size_t)>;
std::vector<std::pair<std::size_t, std::size_t>> touching_groups(const PolygonsOf& polygons_of,
                                                                 std::span<const std::size_t> groups);

// The edges between polygons of different groups (each edge once, as a two-point line), and the
// edges of a group's polygons that no other polygon shares when `with_outer` is set. Same exact
// tiling assumption as touching_groups: an edge is shared when both sides have it vertex for vertex.
std::vector<std::vector<geo::XY>> group_borders(const PolygonsOf& polygons_of, std::span<const std::size_t> groups);

// A palette index per group, different from every touching group's where the palette allows,
// and otherwise the least used: greedy colouring, most-connected groups first.
std::vector<std::size_t> colour_apart(std::size_t group_count, std::span<const std::pair<std::size_t, std::size_t>> touching,
                                      std::size_t palette_size);

}  // namespace respgrid::exporters::map

#pragma once
// A 2D R-tree packed bottom-up (Sort-Tile-Recursive) in SQLite's R*Tree node format, for the
// writers that fill an R*Tree's shadow tables directly: SpatiaLite's spatial index in the project
// store and the GeoPackage R-tree of the export (both are SQLite `rtree` virtual tables).
//
// Inserting rows one by one into an R*Tree costs ~10 µs each (SQLite splits and rewrites nodes
// as it goes): 12–15 s for 1.3 million grids. Packing the same entries takes well under a second,
// and SQLite's rtreecheck() accepts the result.
//
// The format is SQLite's documented one (ext/rtree/rtree.c): %_node(nodeno, data) with node 1 the
// root, each node a blob of the root's size: 2 bytes tree depth (root only), 2 bytes entry count,
// then entries of an 8-byte id and 4-byte float coordinates min x, max x, min y, max y, big-endian;
// %_rowid(rowid, nodeno) gives each entry's leaf; %_parent(nodeno, parentnode) each inner node's
// parent. Minima are rounded down and maxima up to float, as SQLite does.
//
// No SQLite here: the callers write the nodes through their own connection.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "respgrid/geo/xy.hpp"

namespace respgrid::geo {

struct RtreeEntry {
    long long id = 0;
    Envelope box;
};

// One entry of a node as stored: a row id (leaves) or a child node number (inner nodes).
struct RtreeItem {
    long long id = 0;
    float min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

struct RtreeNode {
    long long number = 0;  // nodeno; the root is 1
    std::vector<RtreeItem> items;
};

struct PackedRtree {
    // levels[0] are the leaves, levels.back() holds the root alone; nodes are numbered root
    // first, then level by level downwards, each level in order.
    std::vector<std::vector<RtreeNode>> levels;
    std::size_t node_bytes = 0;

    [[nodiscard]] unsigned depth() const { return static_cast<unsigned>(levels.size() - 1); }
    // The node as its %_node blob (node_bytes long).
    void encode(const RtreeNode& node, std::vector<std::uint8_t>& blob) const;
};

// Packs `entries` into nodes of `node_bytes` (the length of the root's blob in %_node).
// With no entries the tree is one empty root.
PackedRtree pack_rtree(const std::vector<RtreeEntry>& entries, std::size_t node_bytes);

// The entries of a leaf blob (as stored: float-rounded boxes); nothing for a malformed blob.
std::vector<RtreeEntry> decode_rtree_leaf(const std::uint8_t* data, std::size_t size);

}  // namespace respgrid::geo

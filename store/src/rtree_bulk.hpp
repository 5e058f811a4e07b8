#pragma once
// Bulk loading of an SQLite R*Tree (the kind SpatiaLite's spatial indexes are): the tree packed by
// geo::pack_rtree (geo/rtree_pack.hpp, which says why and describes the format) written straight
// into the R*Tree's shadow tables.

#include <string>
#include <vector>

#include "respgrid/geo/rtree_pack.hpp"
#include "respgrid/store/sqlite.hpp"

namespace respgrid::store::detail {

using geo::RtreeEntry;

// Replaces the whole content of the 2D R*Tree `table` (e.g. "idx_grids_geom") with `entries`.
// Runs inside the caller's transaction.
void rebuild_rtree(Connection& db, const std::string& table, std::vector<RtreeEntry> entries);

// Every entry of the 2D R*Tree `table` (as stored: float-rounded boxes).
std::vector<RtreeEntry> read_rtree(Connection& db, const std::string& table);

}  // namespace respgrid::store::detail

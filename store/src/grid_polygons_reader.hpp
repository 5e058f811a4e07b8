#pragma once
// A grid's stored shape as rings, for the readers that stream a generation: SpatiaLite's plain
// BLOB (the one respgrid writes) decoded directly, any other through SpatiaLite's AsBinary.

#include <vector>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/store/sqlite.hpp"
#include "spatialite_blob.hpp"

namespace respgrid::store::detail {

class GridPolygonsReader {
public:
    explicit GridPolygonsReader(Connection& db) : wkb_(db, "SELECT AsBinary(geom) FROM grids WHERE id = ?") {}

    // The shape in column `geom` of the row `st` stands on, whose grid id is in column `id`;
    // valid until the next call (its memory is reused: one allocation per ring size, not per grid).
    const std::vector<geo::PolygonRings>& read(const Statement& st, int id, int geom) {
        if (st.is_null(geom)) {
            polygons_.clear();
        } else if (!read_polygons_blob(st.blob_view(geom), polygons_)) {
            // Not the plain BLOB respgrid writes (e.g. compressed by another tool).
            wkb_.reset();
            wkb_.bind(st.integer(id));
            polygons_ = wkb_.step() && !wkb_.is_null(0) ? geo::Geometry::from_wkb(wkb_.blob_view(0)).polygons()
                                                        : std::vector<geo::PolygonRings>{};
        }
        return polygons_;
    }

private:
    Statement wkb_;
    std::vector<geo::PolygonRings> polygons_;
};

}  // namespace respgrid::store::detail

#pragma once
// A GeoPackage layer's R-tree spatial index (extension gpkg_rtree_index) built in bulk.
//
// GDAL 3.6 fills the R-tree of a layer row by row when the layer is finished: 12 s of a 33 s
// export of 1.3 million grids (its background R-tree thread serves only a dataset's first layer).
// Here the layer is created without an index (SPATIAL_INDEX=NO), the tree is packed from the
// features' envelopes (geo/rtree_pack.hpp) and written straight into the R-tree's shadow tables,
// then the triggers and the gpkg_extensions row are added as GDAL's CreateSpatialIndex() adds
// them, so GDAL, QGIS and ogrinfo use the index and keep it current on later edits.
//
// Everything goes through the dataset (GDAL's own SQLite connection), inside the caller's
// transaction. The node blobs pass through a scratch table written with bound values: as SQL
// literals they were 63 MB of hex for Zhoukou, which GDAL's ExecuteSQL scans several times.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/rtree_pack.hpp"

namespace respgrid::exporters::detail {

// The order to write a layer's features in: the packed tree's leaves, numbered 1, 2, ... so
// that the fids, the table's pages and the index agree (a map window reads neighbouring rows).
// order[fid - 1] is the index of the feature's box; boxes that are empty (no entry in an R-tree)
// come last. The tree's leaf ids are the fids.
struct SpatialOrder {
    geo::PackedRtree tree;
    std::vector<std::size_t> order;
};
// The boxes are taken (and freed once the entries are made: a city's are 40 MB).
SpatialOrder spatial_order(std::vector<geo::Envelope> boxes, std::size_t node_bytes);

class GpkgRtree {
public:
    // Creates the empty R-tree table rtree_<table>_<column>, without triggers yet, and learns its
    // node size (which the packing needs). Throws OutputError naming `path`.
    GpkgRtree(GDALDataset& ds, std::string path, std::string table, std::string column);

    [[nodiscard]] std::size_t node_bytes() const { return node_bytes_; }
    // Writes the nodes of `tree` and their parents; before the features, so that the pages of the
    // scratch table the nodes pass through are free again for the features' rows.
    void write_nodes(const geo::PackedRtree& tree);
    // After the features (the tree's leaf ids are their fids): which leaf holds each feature, then
    // the triggers and the extension row.
    void finish(const geo::PackedRtree& tree);

private:
    void sql(const std::string& statement);
    GDALDataset& ds_;
    std::string path_, table_, column_, rtree_;
    std::size_t node_bytes_ = 0;
};

}  // namespace respgrid::exporters::detail

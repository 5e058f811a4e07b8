#pragma once
// Vector tiles of a project for the web map (`GET /v1/tiles/{z}/{x}/{y}.pbf`, docs/service.md):
// Mapbox Vector Tiles 2.1 in the Web Mercator tiling scheme (EPSG:3857, tile 0/0/0 the whole
// world, y counted down from the north), extent 4096, with the layers
//
//   townships  code, name
//   villages   code, name, township_code
//   grids      code, name, village_code, township_code        (zoom 12 and deeper)
//   issues     number, status, category, category_name,         (cases on the books: neither
//              overdue (0/1), township_code, grid_code           closed nor rejected)
//
// A layer with nothing in the tile is left out. Polygons are clipped to the tile plus a buffer
// of 64 units on every side (so outlines drawn across tile edges join up), snapped to the
// integer grid with repeated points dropped, and rings smaller than a pixel (16 x 16 units) left
// out: at low zoom a village is a few vertices. Features carry their code as id when it is all
// digits (townships, villages, grids; a case its row id).
//
//     const ops::TileMaker tiles(project_path);     // loads the outlines once
//     std::string pbf = tiles.tile(14, 13419, 6562);  // from any thread
//
// What is loaded once and what is read per tile: the township and village outlines, and the
// grids of the current generation (GridSource), are read, transformed to EPSG:3857 and kept at
// construction, with the generation's id. The cases on the books are read from the ledger again
// whenever the project changed since the last tile (SQLite's data_version), and their overdue
// flag is computed at each call. A TileMaker is therefore current for the ledger, and for the
// grids as long as no new generation is cut: stale() says when it is time for a new one. The
// units are those of construction too (a boundary import or repair wants a new TileMaker).
// Caching tiles is the caller's.
//
// Thread-safety: tile(), generation() and stale() may be called from several threads at once;
// each call borrows a connection to the project of its own (opened on demand, kept for the next
// call), so no store::Project is shared between threads.

#include <memory>
#include <optional>
#include <string>

#include "respgrid/grids/local_time.hpp"

namespace respgrid::ops {

// Where a TileMaker reads the grids of a tile from.
enum class GridSource {
    // Every grid of the generation, read once at construction, transformed to EPSG:3857 and
    // bucketed in memory: tiles made without the store. On the sample county (145,000 grids)
    // about 0.7-1 s and 60 MB more, for tiles 4-60 times faster (z12 17-28 ms, z16 0.5 ms).
    Memory,
    // The store's spatial index at each tile, each grid transformed there: nothing held, but a
    // tile of zoom 12 takes 90-120 ms and one of zoom 16 about 30 ms.
    Store,
};

struct TileMakerOptions {
    GridSource grids = GridSource::Memory;
};

class TileMaker {
public:
    static constexpr int kMaxZoom = 22;
    static constexpr int kGridsMinZoom = 12;  // the grids layer from this zoom on
    static constexpr int kExtent = 4096;
    static constexpr int kBuffer = 64;        // tile units beyond each edge

    // Opens the project and loads its outlines. StoreError when it cannot be read, UsageError when
    // it has no boundaries yet. A project without grids makes tiles without the grids layer.
    explicit TileMaker(const std::string& project, TileMakerOptions options = {});
    ~TileMaker();
    TileMaker(const TileMaker&) = delete;
    TileMaker& operator=(const TileMaker&) = delete;

    // The tile's bytes (uncompressed; "" for a tile with nothing in it), cases overdue as at now.
    // UsageError when z is outside 0..22 or x, y outside 0..2^z-1.
    [[nodiscard]] std::string tile(int z, int x, int y) const;
    // The same with the cases' overdue flag as at `at` (grids/case_clock.hpp).
    [[nodiscard]] std::string tile(int z, int x, int y, grids::Instant at) const;

    // The grid generation the tiles show (the current one when this was made); nullopt when the
    // project had no grids.
    [[nodiscard]] std::optional<long long> generation() const;
    // True when the project's current generation is no longer generation(): a new `grid` ran, and
    // a new TileMaker shows it. One indexed query.
    [[nodiscard]] bool stale() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace respgrid::ops

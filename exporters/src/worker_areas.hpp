#pragma once
// The grid workers' areas (网格员责任区), exported as the layer `worker_areas`: one feature per grid
// worker, the union of the grids the worker patrols, with the worker's name and phone, village,
// township and the rest of the owner chain, the grid count, area and workload. The QGIS project's
// worker-sheet atlas (qgis_layouts.hpp) runs over it.
//
// It is made from the grids layer's own records while that layer is written: the grids' writer
// notes each grid's grid worker (4 bytes a grid, nothing at all when the roster has no grid
// worker, as for a city gridded before its roster), then each worker's grids are united by GEOS
// on every core. A worker's grids are a run of one village's grids (grids/owners.hpp), a few
// hundred squares at most, so no union ever sees more than one worker's grids.

#include <cstdint>
#include <string>
#include <vector>

#include "grid_records.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/grids/directory.hpp"

namespace respgrid::exporters::detail {

inline constexpr const char* kWorkerAreasLayer = "worker_areas";

class WorkerAreas {
public:
    // `grids`: how many records the grids' writer will note.
    WorkerAreas(const grids::Directory& directory, std::size_t grids);

    // Grid `record` (its index in GridRecords) has `chain`. Called for every record, from one
    // thread at a time.
    void note(std::size_t record, const grids::ResolvedChain& chain);

    // Writes the layer (created even when no grid has a worker), features ordered by township,
    // village and the worker's first grid code. Each noted grid goes into its worker's
    // area only (grouped by worker); checks before it writes that each area is a valid polygon whose area is the
    // sum of its grids' (GEOS's coverage union), or, where the general union had to unite them
    // (see worker_areas.cpp), lies between its largest grid's and that sum (grids that overlap
    // make it less); throws GeometryError otherwise. Returns the number of features.
    std::size_t write(GDALDataset& ds, const std::string& path, const OGRSpatialReference* srs,
                      const GridRecords& records) const;

private:
    const grids::Directory& directory_;
    // Per record: 1 + the index of its grid worker in directory_.owners(), 0 for none. Empty when
    // the directory has no grid worker.
    std::vector<std::uint32_t> worker_of_;
};

}  // namespace respgrid::exporters::detail

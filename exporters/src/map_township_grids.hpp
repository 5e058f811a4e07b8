#pragma once
// The grids of one township as its sheet draws them: plain rings, and the grid worker of each
// (from the directory's owner chains), workers in legend order.

#include <limits>
#include <string>
#include <vector>

#include "respgrid/exporters/project_gpkg.hpp"

namespace respgrid::exporters::map {

inline constexpr std::size_t kNoOwner = std::numeric_limits<std::size_t>::max();

struct SheetGrid {
    const grids::GridCell* cell = nullptr;
    std::vector<geo::PolygonRings> polygons;
    geo::Envelope envelope;
    std::size_t owner = kNoOwner;  // index into the sheet's owners
};

struct OwnerGroup {
    const grids::Owner* owner = nullptr;
    std::vector<std::size_t> grids;  // indices into the sheet's grids
};

// The township's grids with their grid worker, and the workers in legend order (village, name).
struct TownshipGrids {
    std::vector<SheetGrid> grids;
    std::vector<OwnerGroup> owners;
    std::size_t unowned = 0;
};

TownshipGrids collect_grids(const ProjectLayers& layers, const std::string& township_code);

}  // namespace respgrid::exporters::map

#pragma once
// What the exporter tests build their fixtures from: a county's units, its grids and their owners,
// handed to the exporters as ProjectLayers in the Gauss-Krüger CRS the tests draw in (EPSG:4547).

#include <memory>
#include <vector>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/directory.hpp"

namespace respgrid::test {

struct ExportedLayers {
    static constexpr int kGk38 = 4547;

    std::vector<grids::AdminUnit> county, townships, villages;
    std::vector<grids::GridCell> cells;
    std::unique_ptr<grids::Directory> directory;

    [[nodiscard]] exporters::ProjectLayers layers(long long generation_id = 0) const {
        exporters::ProjectLayers l;
        l.working_crs = geo::Crs::from_epsg(kGk38);
        l.county = county;
        l.townships = townships;
        l.villages = villages;
        l.grids = cells;
        l.generation_id = generation_id;
        l.directory = directory.get();
        return l;
    }
};

}  // namespace respgrid::test

#pragma once
// Importing the county's, townships' or villages' boundaries from any OGR-readable file. Units
// whose parent is not in the project are rejected; the first import fixes the working CRS.

#include <optional>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/admin.hpp"
#include "respgrid/ops/import.hpp"

namespace respgrid::ops {

struct BoundariesImportOptions {
    std::string project;
    std::string file;
    std::string layer;  // empty: the first
    grids::AdminLevel level = grids::AdminLevel::Village;
    std::string code_field = "code";
    std::string name_field = "name";
    std::string parent_field;             // empty: the parent code is the code's prefix
    std::optional<geo::Crs> source_crs;   // overrides the file's CRS
};

struct BoundariesImportResult {
    ImportedFile file;
    std::size_t repaired = 0;  // polygons accepted after repair (each told as a warning)
    geo::Crs source_crs;
    double total_area_m2 = 0.0;  // of the units imported
};

BoundariesImportResult import_boundaries(const BoundariesImportOptions& options, ImportListener& listener,
                                         const Progress& progress = {});

}  // namespace respgrid::ops

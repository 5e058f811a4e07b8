#pragma once
// Administrative boundaries from any OGR-readable file (Shapefile, GeoPackage, GeoJSON, KML...)
// in any CRS, into AdminUnits in the project's working CRS.
//
// Per feature: the code must be well formed for the level (6/9/12 digits), the name non-empty,
// the geometry polygonal and non-empty; a code repeated in the file keeps its first feature.
// Such features are rejected with their reason and the rest import. Invalid polygons are repaired
// with GEOS MakeValid (which keeps what the rings enclose an odd number of times) and reported as
// repairs.

#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/admin.hpp"

namespace respgrid::importers {

struct BoundaryImportOptions {
    std::string path;
    std::string layer;  // empty: the first layer
    grids::AdminLevel level = grids::AdminLevel::Village;
    std::string code_field = "code";
    std::string name_field = "name";
    std::string parent_field;                // empty: the parent code is the code's prefix
    std::optional<geo::Crs> source_crs;      // overrides the file's CRS (needed for GCJ-02/BD-09)
    geo::Crs target_crs = geo::Crs::cgcs2000();
};

struct BoundaryImport {
    std::vector<grids::AdminUnit> units;
    std::vector<SourceLocation> origins;  // where each unit was read: file, layer, feature id
    std::vector<Reject> rejects;
    std::vector<Reject> repairs;  // accepted after repair: what was wrong and the area change
    geo::Crs source_crs;
    std::size_t features_read = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the attributes'; GB18030 was transcoded
};

BoundaryImport read_boundaries(const BoundaryImportOptions& options, const Progress& progress = {});

// The working CRS to use for a layer: the CGCS2000 3-degree Gauss-Krüger zone of the centre of
// its extent (EPSG:4534-4554).
int suggest_working_epsg(const std::string& path, const std::string& layer, const std::optional<geo::Crs>& source_crs);

}  // namespace respgrid::importers

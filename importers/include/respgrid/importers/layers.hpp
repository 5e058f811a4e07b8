#pragma once
// Layers the grid methods take besides villages: line features (roads, rivers, railways),
// weighted points (households...) and dedicated areas (schools, hospitals...), from any
// OGR-readable file in any CRS, into the working CRS. Features that cannot be used are rejected
// with their id and reason; the rest import.

#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/generator.hpp"
#include "respgrid/grids/lines.hpp"

namespace respgrid::importers {

struct LayerImportOptions {
    std::string path;
    std::string layer;                    // empty: the first layer
    std::optional<geo::Crs> source_crs;   // overrides the file's CRS (needed for GCJ-02/BD-09)
    geo::Crs target_crs = geo::Crs::cgcs2000();
};

struct LineImport {
    std::vector<grids::LineFeature> lines;  // each with its `name_field` value (empty when none)
    std::vector<Reject> rejects;
    std::size_t features_read = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the attributes'; GB18030 was transcoded
};

// Lines of one `kind` for every feature, or per feature from `kind_field` (values minor_road,
// main_road, road, rail, river) when it is given.
LineImport read_lines(const LayerImportOptions& options, std::optional<grids::LineKind> kind,
                      const std::string& kind_field, const std::string& name_field = "name");

struct WeightImport {
    std::vector<grids::WeightPoint> points;
    std::vector<Reject> rejects;
    std::size_t features_read = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the attributes'; GB18030 was transcoded
};

// Points with a numeric, non-negative weight in `weight_field`: a point layer of any format, or
// a CSV/XLSX with lon/lat columns (then the crs column or source_crs gives the CRS), read as
// read_point_table reads them.
WeightImport read_weights(const LayerImportOptions& options, const std::string& weight_field);

struct DedicatedImport {
    std::vector<grids::DedicatedArea> areas;
    std::vector<Reject> rejects;
    std::size_t features_read = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the attributes'; GB18030 was transcoded
};

DedicatedImport read_dedicated(const LayerImportOptions& options, const std::string& name_field,
                               const std::string& type_field);

}  // namespace respgrid::importers

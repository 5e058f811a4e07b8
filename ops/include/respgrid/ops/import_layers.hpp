#pragma once
// Importing the layers grids are cut along or around: roads, rivers and railways (blocks,
// balanced), weighted points (balanced) and dedicated areas (专属网格). Each import replaces the
// earlier imports of the same file.

#include <map>
#include <optional>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/lines.hpp"
#include "respgrid/ops/import.hpp"

namespace respgrid::ops {

struct LayerFileOptions {
    std::string project;
    std::string file;
    std::string layer;                   // empty: the first
    std::optional<geo::Crs> source_crs;  // overrides the file's CRS
};

struct LinesImportOptions {
    LayerFileOptions source;
    std::optional<grids::LineKind> kind;  // of every line, unless kind_field gives each its own
    std::string kind_field;
    std::string name_field = "name";
};

struct LinesImportResult {
    ImportedFile file;
    std::map<grids::LineKind, std::size_t> by_kind;
};

LinesImportResult import_lines(const LinesImportOptions& options, ImportListener& listener);

struct WeightsImportOptions {
    LayerFileOptions source;
    std::string weight_field = "weight";
};

struct WeightsImportResult {
    ImportedFile file;
    double total_weight = 0.0;
};

WeightsImportResult import_weights(const WeightsImportOptions& options, ImportListener& listener);

struct DedicatedImportOptions {
    LayerFileOptions source;
    std::string name_field = "name";
    std::string type_field = "type";  // empty: none
};

ImportedFile import_dedicated(const DedicatedImportOptions& options, ImportListener& listener);

}  // namespace respgrid::ops

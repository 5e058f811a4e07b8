#pragma once
// The fields of every layer respgrid exports, defined once: a stable English name for tools and
// scripts, a type, and the Chinese title people read. The writers create their layers from
// these lists (and give the values in the same order), the QGIS styles carry the titles as
// field aliases (GDAL 3.6's GeoPackage driver stores no alternative names), and the KML
// balloons head their rows with them.

#include <span>
#include <string_view>
#include <vector>

#include "respgrid/exporters/layer_writer.hpp"

namespace respgrid::exporters::detail {

const std::vector<FieldSpec>& unit_fields();             // county, townships, villages
const std::vector<FieldSpec>& grid_fields();             // grids
const std::vector<FieldSpec>& issue_fields();            // issues
const std::vector<FieldSpec>& case_fields();             // cases (the ledger's, 挂账督办)
const std::vector<FieldSpec>& responsibility_fields();   // responsibility
const std::vector<FieldSpec>& worker_area_fields();      // worker_areas (worker_areas.hpp)
const std::vector<FieldSpec>& coverage_defect_fields();  // invalid, gaps, overlaps, spill, nesting
const std::vector<FieldSpec>& ownership_defect_fields(); // ownership
const std::vector<FieldSpec>& change_fields();           // repair's changes and unit_changes

// The fields of the layer named `layer` as respgrid writes it; empty for a layer it does not know.
std::span<const FieldSpec> fields_of_layer(std::string_view layer);

// The title of `field` in `layer`; "" when either is unknown.
std::string_view field_title(std::string_view layer, std::string_view field);

}  // namespace respgrid::exporters::detail

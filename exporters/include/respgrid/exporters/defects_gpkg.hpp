#pragma once
// The audit's defects as a GeoPackage a technician opens over the grids in QGIS and walks:
// one layer per defect kind (invalid, gap, overlap, spill, nesting; ownership: one feature per
// village and problem, its affected grids dissolved), in EPSG:4490
// unless another EPSG code is asked for. Every layer is created, empty or not, so the file
// always shows the same list; each feature says which audited layer it belongs to.

#include <span>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/coverage.hpp"
#include "respgrid/grids/grid_shapes.hpp"
#include "respgrid/grids/ownership_audit.hpp"

namespace respgrid::exporters {

struct AuditedLayer {
    std::string name;  // "townships", "villages", "grids"
    const grids::CoverageReport* report = nullptr;
};

struct DefectCounts {
    std::size_t coverage = 0;   // invalid, gap, overlap, spill and nesting features
    std::size_t ownership = 0;  // grids in the ownership layer (one feature per village and problem)
};

// `grids` gives the shapes (WKB) of the grids the ownership findings name (may be empty), in
// code order. `village_unions` (the grids layer's CoverageReport::group_unions, may be empty):
// the union of each village's grids as the coverage audit computed it; a village whose grids all
// have the same problem is drawn with it instead of a second union of the same grids. Writes
// (replaces) `path` atomically; throws OutputError.
DefectCounts write_defects_gpkg(const std::string& path, const geo::Crs& working_crs,
                                std::span<const AuditedLayer> layers, const grids::OwnershipAudit* ownership,
                                const grids::GridShapes& grids,
                                std::span<const grids::GroupUnion> village_unions = {}, int target_epsg = 4490);

// The GeoPackage layer a defect kind goes to ("invalid", "gaps", "overlaps", "spill", "nesting").
std::string defect_layer_name(grids::DefectKind kind);
inline constexpr const char* kOwnershipLayer = "ownership";

}  // namespace respgrid::exporters

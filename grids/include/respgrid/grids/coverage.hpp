#pragma once
// Coverage audit of a layer of polygons against the county outline (全覆盖、不留死角):
//   gap      part of the county covered by no polygon;
//   overlap  area claimed by two polygons at once (reported per pair);
//   spill    part of a polygon outside the county.
// Pieces smaller than `min_defect_area_m2`, or narrower than `noise_width_m` (mean width
// 2·area/perimeter), are numerical noise and not reported as defects; their count and area are
// kept in the report. Slivers a few millimetres wide arise when layers drawn with different
// vertices on a shared border go through a non-linear datum shift (GCJ-02 -> CGCS2000): a
// vertex that lay on the neighbour's straight edge in the source CRS lies a little off it after.
// Overlaps are itemised (pair by pair) only when their total area, the sum of the polygons'
// areas minus the area of their union, reaches `min_defect_area_m2`; a smaller total overlap is
// neither reported nor counted as noise, which spares the pair search on clean tilings.
//
// Findings are values: the function throws only when GEOS fails.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/geo/progress.hpp"

namespace respgrid::grids {

enum class DefectKind { Gap, Overlap, Spill };
std::string_view to_string(DefectKind kind);  // "gap", "overlap", "spill"

struct CoverageDefect {
    DefectKind kind = DefectKind::Gap;
    double area_m2 = 0.0;
    geo::XY inside_point;            // a point inside the defect, to go and look
    std::vector<std::string> codes;  // the two grids of an overlap; empty for gaps
    geo::Geometry geometry;
};

struct CoverageOptions {
    double min_defect_area_m2 = 0.01;
    double noise_width_m = 0.01;
};

struct CoverageReport {
    std::size_t polygon_count = 0;
    double county_area_m2 = 0.0;
    double polygons_area_m2 = 0.0;  // sum of the polygons' areas
    double union_area_m2 = 0.0;     // area of their union
    std::vector<CoverageDefect> defects;
    std::size_t noise_count = 0;  // pieces below the thresholds, not reported as defects
    double noise_area_m2 = 0.0;

    [[nodiscard]] std::size_t count(DefectKind kind) const;
    [[nodiscard]] double area(DefectKind kind) const;
    [[nodiscard]] bool passed() const { return defects.empty(); }
};

struct CoverageItem {
    std::string_view code;
    const geo::Geometry* geometry = nullptr;
    std::string_view group;  // e.g. the village: items of a group are unioned together first
};

CoverageReport audit_coverage(const geo::Geometry& county, std::span<const CoverageItem> items,
                              const CoverageOptions& options = {}, const Progress& progress = {});

}  // namespace respgrid::grids

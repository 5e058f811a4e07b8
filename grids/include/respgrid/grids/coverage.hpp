#pragma once
// Coverage audit of one layer of polygons (townships, villages or grids) against the county
// outline and against the layer above it (全覆盖、不留死角):
//   invalid  a polygon as drawn is not valid OGC geometry (GEOS's reason and location);
//   gap      part of the county covered by no polygon: enclosed holes, gaps open to the county
//            outline, and slivers between pieces that touch only at points alike, because the
//            gap is the county minus the union, not the holes of the union;
//   overlap  area claimed by two polygons at once (reported per pair);
//   spill    part of a polygon outside its parent (the unit it declares), or outside the county
//            for the top layer;
//   nesting  a polygon with less than `nest_share` of its area inside its declared parent
//            (or whose parent does not exist), with the parent that actually holds most of it.
//
// Invalid polygons are measured on their repaired copy (GEOS MakeValid, which keeps what the
// rings enclose an odd number of times: both lobes of a bow tie, not an area a ring loops around
// twice): with self-crossing borders the overlap areas depend on the repair used, and the report
// names it. An area a unit's drawn ring winds around twice is claimed by the unit as drawn though
// its repair leaves it out: where another unit covers it, it is reported as an overlap "as drawn"
// (geo::enclosed_area).
//
// Pieces smaller than `min_defect_area_m2`, or narrower than `noise_width_m` (mean width
// 2·area/perimeter), are numerical noise (noise.hpp) and not reported as defects; their count and
// area are kept in the report.
// Overlaps are searched hierarchically, where the sum of the areas minus the area of the union
// reaches `min_defect_area_m2`: inside a group (the grids of one village), between the groups of
// a supergroup (the villages of one township), and between supergroups, each time only among
// the polygons that meet the overlapping region. A clean tiling costs no pair search at all.
//
// Findings are values: the function throws only when GEOS fails.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/noise.hpp"

namespace respgrid::grids {

enum class DefectKind { Invalid, Gap, Overlap, Spill, Nesting };
inline constexpr DefectKind kDefectKinds[] = {DefectKind::Invalid, DefectKind::Gap, DefectKind::Overlap,
                                              DefectKind::Spill, DefectKind::Nesting};
std::string_view to_string(DefectKind kind);  // "invalid", "gap", "overlap", "spill", "nesting"

struct CoverageDefect {
    DefectKind kind = DefectKind::Gap;
    double area_m2 = 0.0;            // 0 for invalid geometry
    double width_m = 0.0;            // gaps: the diameter of the largest circle inside
    geo::XY inside_point;            // where to go and look (invalid: GEOS's location)
    // invalid: the unit; gap: the units around it; overlap: the pair; spill: the unit and its
    // parent; nesting: the unit, its declared parent and the parent holding most of it.
    std::vector<std::string> codes;
    std::string detail;              // reason in words
    bool narrow = false;             // gap no wider than the gap width
    bool open_to_outline = false;    // gap touching the county outline
    double share = 0.0;              // nesting: share of the area inside the declared parent
    geo::Geometry geometry;          // the piece; invalid: the polygon as drawn
};

struct CoverageOptions {
    double min_defect_area_m2 = kNoiseAreaM2;  // noise.hpp
    double noise_width_m = kNoiseWidthM;
    double gap_width_m = 1.0;        // gaps up to this width are flagged narrow (slivers)
    double nest_share = 0.99;        // share of a polygon's area that must lie in its parent
    double edge_tolerance_m = 0.001; // distance at which a polygon counts as touching
};

// Each item gives its shape as ISO WKB (working CRS), the one form every caller has: the grids
// come from the store that way, and a GEOS geometry must not cross threads. The per-group work
// (reading, validity, union, nesting) runs on every core, each thread reading its own groups; the
// other steps read an item's WKB only when they need its shape (near a gap or an overlap).
struct CoverageItem {
    std::string_view code;
    std::span<const std::uint8_t> wkb;              // the shape, valid
    std::span<const std::uint8_t> as_shipped = {};  // the invalid original, when `wkb` is its repair
    std::string_view parent;                        // the declared parent's code (empty: the county)
    std::string_view group;                         // items of a group are unioned together first
    std::string_view supergroup;                    // and groups of a supergroup next (e.g. village, township)
};

// The items of one audit, read by position. A span of CoverageItems is one source; another can
// make each item on demand from what the caller already holds (a city's million grids held as
// CoverageItems would take 96 bytes each, 123 MB). The views of an item stay valid as long as
// the source does, not just as long as the returned value.
class CoverageItems {
public:
    CoverageItems() = default;
    CoverageItems(const CoverageItems&) = default;
    CoverageItems& operator=(const CoverageItems&) = default;
    virtual ~CoverageItems() = default;
    [[nodiscard]] virtual std::size_t size() const = 0;
    [[nodiscard]] virtual CoverageItem operator[](std::size_t i) const = 0;
};

struct ParentUnit {
    std::string_view code;
    const geo::Geometry* geometry = nullptr;
    const geo::Geometry* as_shipped = nullptr;  // the county only: its invalid original, if any
};

// The union of one group's polygons (for the grids: the grids of one village), as the audit
// computed it: a caller that needs the union of a whole group reuses it instead of a second union.
struct GroupUnion {
    std::string key;          // CoverageItem::group
    std::size_t members = 0;  // items in the group
    geo::Geometry shape;      // the union of their shapes, in item order (geo::Geometry::union_of_tiles)
};

struct CoverageReport {
    std::size_t polygon_count = 0;
    double county_area_m2 = 0.0;
    double polygons_area_m2 = 0.0;  // sum of the polygons' areas
    double union_area_m2 = 0.0;     // area of their union
    std::vector<CoverageDefect> defects;
    std::size_t noise_count = 0;    // pieces below the thresholds, not reported as defects
    double noise_area_m2 = 0.0;
    std::size_t repaired_count = 0;        // polygons measured on their MakeValid repair
    std::size_t clockwise_shells = 0;      // noted, not a defect: OGC validity ignores orientation
    std::size_t repeated_points = 0;       // polygons with consecutive repeated points (noted)
    std::vector<GroupUnion> group_unions;  // per group, in order of the groups' first items

    [[nodiscard]] std::size_t count(DefectKind kind) const;
    [[nodiscard]] double area(DefectKind kind) const;
    [[nodiscard]] std::size_t narrow_gaps() const;
    [[nodiscard]] bool passed() const { return defects.empty(); }
};

// The repair the audit measures invalid polygons on, for the report.
inline constexpr std::string_view kMakeValidRule = "keeps what the rings enclose an odd number of times";
inline constexpr std::string_view kMeasuredRepair =
    "GEOS MakeValid (linework: keeps what the rings enclose an odd number of times)";

// `county` is the top parent (code and outline). `parents` are the units of the layer above
// (empty for the top layer, whose parent is the county; the county's own drawing is then
// checked for validity too).
CoverageReport audit_coverage(const ParentUnit& county, const CoverageItems& items,
                              std::span<const ParentUnit> parents, const CoverageOptions& options = {},
                              const Progress& progress = {});
CoverageReport audit_coverage(const ParentUnit& county, std::span<const CoverageItem> items,
                              std::span<const ParentUnit> parents, const CoverageOptions& options = {},
                              const Progress& progress = {});

}  // namespace respgrid::grids

#pragma once
// Owner-aware repair of a layer of units (townships or villages) so that it tiles its parent:
//   1. make_valid  an invalid polygon as drawn is replaced by its GEOS MakeValid repair (keeps
//                  what the rings enclose an odd number of times; the import already computed it);
//   2. snap        vertices within `snap_tolerance_m` of a neighbour's edge move onto it, which
//                  closes the hairline gaps and overlaps of borders digitised twice;
//   3. clip_spill  parts outside the unit's parent (the county for the top layer) are cut off;
//   4. overlap     each piece claimed by two units stays with one and is cut from the other;
//   5. gap         each uncovered piece of the county is given to one neighbour.
// Steps 4 and 5 choose the receiving unit first among the units with the same owner as the
// piece's place (the parent unit holding most of the piece: a gap inside township A goes to a
// village of A), then by the longest edge shared with the piece, then by the smaller code.
// A gap with no neighbour at all is left and reported (rule "unassigned"). Pieces below the
// audit's noise thresholds are left alone, so a layer the audit passes is not changed.
//
// The plan is a value; nothing is changed until the caller stores the repaired units.

#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/coverage.hpp"

namespace respgrid::grids {

struct RepairOptions {
    double snap_tolerance_m = 0.0;     // 0 (the default) disables snapping
    // Pieces the audit counts as noise (smaller than this, or narrower on average than
    // `noise_width_m`) are not defects and are left alone: repairing them would only churn
    // every border of a clean layer by millimetres.
    double min_piece_area_m2 = kNoiseAreaM2;  // noise.hpp
    double noise_width_m = kNoiseWidthM;
    double edge_tolerance_m = 0.001;   // distance at which a piece counts as touching a unit
};

struct RepairChange {
    std::string rule;    // make_valid, snap, clip_spill, overlap, gap, unassigned
    std::string from;    // the unit losing the piece ("" for a gap)
    std::string to;      // the unit receiving it ("" when the piece is dropped or left)
    double area_m2 = 0.0;
    std::string reason;  // why this unit: "same owner 411626001, longest shared edge 35.2 m"
    geo::XY point;       // a point inside the piece
    geo::Geometry piece; // the area that moves (null for make_valid and snap)
};

struct RepairInput {
    std::string_view code;
    const geo::Geometry* geometry = nullptr;    // valid (the import's repair when drawn invalid)
    const geo::Geometry* as_shipped = nullptr;  // the invalid original, or null
    std::string_view parent;                    // the declared parent's code (empty: the county)
};

struct RepairedUnit {
    std::string code;
    geo::Geometry geometry;  // valid, polygonal
    bool changed = false;
};

struct RepairPlan {
    std::vector<RepairChange> changes;
    std::vector<RepairedUnit> units;  // every input unit, in input order
    double area_before_m2 = 0.0;      // sum of the (valid) input areas
    double area_after_m2 = 0.0;
    bool county_made_valid = false;   // top layer: the county's own MakeValid repair is accepted too
    [[nodiscard]] std::size_t changed_units() const;
};

RepairPlan plan_repair(const ParentUnit& county, std::span<const RepairInput> units,
                       std::span<const ParentUnit> parents, const RepairOptions& options = {},
                       const Progress& progress = {});

}  // namespace respgrid::grids

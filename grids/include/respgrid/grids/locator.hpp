#pragma once
// Which grid a point lies in.
//
// Index: a uniform grid of buckets over the cells (for respgrid's squares, one bucket per square,
// aligned with them). A bucket that one axis-aligned rectangle cell covers, with no other cell
// meeting it, answers by arithmetic alone; other buckets list the cells that meet them, tested
// with the exact half-open crossing test. Nearest grids (for points in no grid) come from the
// edges on the coverage's outline (only they can be nearest), in a small edge tree built on
// first need; an R-tree over every cell answers where that cannot (a point on the outline).
//
// Boundary rule (geo/half_open.hpp): a point on an edge shared by two grids belongs to the
// grid on the edge's east side (north side for a horizontal edge); on a shared vertex, to the
// grid to its north-east. It gives exactly one grid for every point of a clean tiling, in
// single and batch mode alike, independent of input order. When grids overlap (a defect the
// audit reports) several may claim a point: the lowest code wins and `claims` says how many.
//
// Noise (noise.hpp): neighbours whose drawn borders differ by millimetres leave a sliver between
// their grids that the audit ignores as datum noise. A point in no grid but within the noise
// width of one is located as if that sliver were closed: the border rule gives it to the grid
// on the side it favours (the nearest edge's east side, its north side when horizontal; at a
// vertex, a grid lying east of the point, or due north); where several are favoured (slivers
// meeting), the first counter-clockwise from due east, as at a shared vertex the grid to the
// north-east. Status Inside, `claims` 0, and `noise_gap_m` says how far outside the grid the
// point is.
// On the coverage's own outline this keeps the border rule too: a point just outside a west or
// south edge is given to the grid there, one just outside an east or north edge is not.
//
// Thread-safety: locate() is const and may run on several threads at once.

#include <memory>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "respgrid/geo/xy.hpp"
#include "respgrid/grids/noise.hpp"

namespace respgrid::grids {

struct LocatorCell {
    std::string code;
    std::vector<geo::PolygonRings> polygons;  // working CRS
};

enum class LocateStatus {
    Inside,   // in exactly one grid (or the lowest-coded of several overlapping ones)
    InGap,    // inside the county outline but in no grid: a coverage gap
    Outside,  // outside the county (or outside every grid when no county is given)
};
std::string_view to_string(LocateStatus status);  // "inside", "in_gap", "outside"

struct LocateResult {
    LocateStatus status = LocateStatus::Outside;
    std::optional<std::size_t> cell;     // index of the grid the point belongs to
    std::size_t claims = 0;              // grids whose half-open interior holds the point
    double noise_gap_m = 0.0;            // > 0: in no grid, given to `cell` by the noise rule at this distance
    std::optional<std::size_t> nearest;  // for InGap/Outside: the nearest grid
    double nearest_distance_m = 0.0;     // distance to `nearest`
};

// locate() plus where the point sits in its grid: how far the nearest border is, and which grid
// lies across it when that is within the tolerance asked for.
struct LocateDetail : LocateResult {
    double border_distance_m = 0.0;      // Inside: distance to the cell's boundary (0 on it)
    std::optional<std::size_t> runner_up;  // Inside, border within tolerance: the grid across it
};

// The grid a located point is given to (locate --assign-nearest): its own cell; outside every
// cell, the nearest when it lies within `assign_nearest_m`; else none. Single and batch locate
// both ask this, so a point gets the same grid either way.
struct Assignment {
    std::optional<std::size_t> cell;
    bool to_nearest = false;  // given to the nearest grid, not inside one
};
Assignment assign_located(const LocateDetail& hit, std::optional<double> assign_nearest_m);
// The status a located point is reported with: to_string(hit.status), or "assigned_nearest".
std::string_view located_status(const LocateDetail& hit, const Assignment& assignment);

struct GridLocatorOptions {
    // Bucket side; unset = the most common width of the rectangle cells when they are the
    // majority, else about the mean cell size. Bucket i spans [origin + i*size, origin + (i+1)*size).
    std::optional<double> bucket_size;
    std::optional<geo::XY> origin;  // unset: a rectangle cell's corner, or the cells' extent corner
    // A point in no grid but within this distance of one is given to a grid by the border rule
    // (see above); 0 turns the rule off.
    double noise_width_m = kNoiseWidthM;
};

// A located point by grid code rather than index, for reports and exports.
struct Location {
    LocateStatus status = LocateStatus::Outside;
    std::string grid_code;          // empty unless Inside
    std::size_t claims = 0;
    double noise_gap_m = 0.0;       // as LocateResult::noise_gap_m
    std::string nearest_grid_code;  // for InGap/Outside
    double nearest_distance_m = 0.0;
};

class GridLocator {
public:
    // `county` (optional) tells a gap from the outside. Cells are sorted by code internally;
    // indices in results refer to cell(i).
    explicit GridLocator(const std::vector<LocatorCell>& cells, std::vector<geo::PolygonRings> county = {},
                         GridLocatorOptions options = {});

    // Builds a locator from cells streamed one by one (a million from the project store), with
    // no nested vectors held for all of them: rings go straight into the flat storage.
    class Builder {
    public:
        void reserve(std::size_t cells, std::size_t points);
        void add(std::string_view code, std::span<const geo::PolygonRings> polygons);
        [[nodiscard]] GridLocator build(std::vector<geo::PolygonRings> county = {}, GridLocatorOptions options = {}) &&;

    private:
        friend class GridLocator;
        std::vector<std::string> codes_;
        std::vector<geo::XY> points_;
        std::vector<std::uint32_t> ring_end_;  // end of each ring in points_
        std::vector<std::uint32_t> poly_end_;  // end of each polygon's rings in ring_end_
        std::vector<std::uint32_t> cell_end_;  // end of each cell's polygons in poly_end_
    };
    ~GridLocator();
    GridLocator(GridLocator&&) noexcept;
    GridLocator& operator=(GridLocator&&) noexcept;

    [[nodiscard]] LocateResult locate(geo::XY p) const;
    // The runner-up is found by stepping a few micrometres across the nearest edge, from the
    // point on it closest to p, and locating that point by the border rule alone (then, across a
    // noise sliver, by stepping the noise width); the first nearest edge in ring order decides at
    // a vertex. No runner-up when the border is the edge of the coverage. A point given to its
    // grid by the noise rule has its distance to that grid as border distance.
    [[nodiscard]] LocateDetail locate_detailed(geo::XY p, double border_tolerance_m) const;
    [[nodiscard]] Location where(geo::XY p) const;
    // Batch callers locate points in an order that jumps over the whole index, waiting on memory
    // at every step (bucket, then the cell's ring offsets, then its points). The prefetch calls
    // ask for one step of p's chain: prefetch_bucket() its bucket (and returns it, or kNoBucket),
    // prefetch(bucket, s) for s = 1..kPrefetchStages-1 the cell's offsets, then its first points;
    // stage s reads what stage s-1 fetched, so a caller issues the stages for points some rows
    // ahead, the later stages for nearer rows; stage 1 fetches the cell's code too, and stages
    // 1.. return the cell reached (kNoCell when none yet), for the caller's own per-cell data.
    // Only hints: they change no result.
    static constexpr int kPrefetchStages = 5;
    static constexpr std::size_t kNoBucket = SIZE_MAX;
    static constexpr std::size_t kNoCell = SIZE_MAX;
    std::size_t prefetch_bucket(geo::XY p) const;
    std::size_t prefetch(std::size_t bucket, int stage) const;
    // Bytes held by the index (buckets, candidate lists, boxes), not counting the cells.
    [[nodiscard]] std::size_t index_bytes() const;
    [[nodiscard]] double bucket_size() const;
    // Cell i (in code order), its rings rebuilt from the flat storage: for tests and reports,
    // not for hot loops (code(i) is free).
    [[nodiscard]] LocatorCell cell(std::size_t i) const;
    [[nodiscard]] const std::string& code(std::size_t i) const { return codes_[i]; }
    [[nodiscard]] std::size_t size() const { return codes_.size(); }
    // Bytes of the cells' codes and rings.
    [[nodiscard]] std::size_t cell_bytes() const;

private:
    struct Index;
    explicit GridLocator(Builder&& cells, std::vector<geo::PolygonRings> county, GridLocatorOptions options);
    // The half-open rule alone: the lowest-coded grid claiming p and how many do.
    [[nodiscard]] LocateResult claim(geo::XY p) const;
    // The noise rule for a point no grid claims: the grid it is given to and its distance.
    [[nodiscard]] std::optional<std::size_t> noise_owner(geo::XY p, double& distance) const;
    // The nearest grid of a point in no grid, from the edges on the coverage's outline; false
    // when the plain search must answer (see locator.cpp).
    [[nodiscard]] bool nearest_on_outline(geo::XY p, LocateResult& result) const;
    // Even-odd over every ring of the cell; distance to its nearest edge.
    [[nodiscard]] bool contains(std::size_t cell, geo::XY p) const;
    [[nodiscard]] double boundary_distance(std::size_t cell, geo::XY p, geo::XY* closest = nullptr,
                                           geo::XY* edge_a = nullptr, geo::XY* edge_b = nullptr) const;
    template <class Fn>
    void for_each_edge(std::size_t cell, Fn&& fn) const;

    std::vector<std::string> codes_;
    std::vector<geo::XY> points_;
    std::vector<std::uint32_t> ring_end_;
    std::vector<std::uint32_t> poly_end_;
    std::vector<std::uint32_t> cell_end_;
    std::vector<geo::PolygonRings> county_;
    std::unique_ptr<Index> index_;
};

// Distance from p to the nearest edge of the polygons (0 is only returned for points on an edge).
double distance_to_boundary(const std::vector<geo::PolygonRings>& polygons, geo::XY p);

}  // namespace respgrid::grids

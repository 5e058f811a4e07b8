#pragma once
// Label placement: a label is drawn only where it collides with no label already placed, and a
// label that belongs to an area (a grid, a village) only where it fits inside that area.

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/geo/xy.hpp"

namespace respgrid::exporters::map {

class LabelPlacer {
public:
    // Labels must lie inside `frame` (the map).
    explicit LabelPlacer(const PageBox& frame);
    // Places the label when its box stays inside the frame and meets no placed box; returns
    // whether it did.
    bool try_place(LabelKind kind, std::string text, const PageBox& box);
    [[nodiscard]] bool is_free(const PageBox& box) const;
    [[nodiscard]] const std::vector<PlacedLabel>& placed() const { return placed_; }

private:
    // Placed boxes are bucketed on a coarse grid of the page, so a test looks at a few
    // neighbours, not at every label of a township's thousands of grids.
    [[nodiscard]] std::uint64_t bucket(long long bx, long long by) const;
    template <typename Fn>
    void for_buckets(const PageBox& box, Fn&& fn) const;
    PageBox frame_;
    std::vector<PlacedLabel> placed_;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets_;
};

// Space kept around a label's text so that neighbours do not touch.
inline constexpr double kLabelPadding = 0.6;
// The box of a label of `width` x `height` centred on (cx, cy), padding included.
PageBox centred_box(double cx, double cy, double width, double height);

// True when the box (working CRS) lies inside the polygons: its corners are inside one polygon
// (even-odd over that polygon's rings) and no ring vertex lies strictly inside the box.
bool box_inside(const geo::Envelope& box, const std::vector<geo::PolygonRings>& polygons);

// Whether the point lies inside one of the polygons (even-odd over each polygon's rings).
bool point_inside(const geo::XY& p, const std::vector<geo::PolygonRings>& polygons);

// The page box as a working-CRS envelope.
geo::Envelope to_world(const PageBox& box, const PageTransform& t);

}  // namespace respgrid::exporters::map

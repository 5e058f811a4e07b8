#pragma once
// Placing labels on a sheet without collisions: a label is placed only when its box lies inside
// the map frame and meets no label placed before it, so the caller decides priority by order.
// Boxes are kept in page buckets of 20 pt, so each test looks at the few labels nearby.

#include <unordered_map>
#include <vector>

#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters::detail {

class LabelPlacer {
public:
    explicit LabelPlacer(const PageBox& frame) : frame_(frame) {}
    // True (and remembered) when `box` is free; false, and nothing changes, otherwise.
    bool place(const PageBox& box);
    [[nodiscard]] const std::vector<PageBox>& placed() const { return placed_; }

private:
    static constexpr double kBucket = 20.0;
    template <typename F>
    void for_buckets(const PageBox& box, F&& f) const;
    PageBox frame_;
    std::vector<PageBox> placed_;
    std::unordered_map<long long, std::vector<std::size_t>> buckets_;
};

}  // namespace respgrid::exporters::detail

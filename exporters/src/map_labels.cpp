#include "map_labels.hpp"

#include <cmath>

namespace respgrid::exporters::map {

namespace {

constexpr double kBucketPoints = 24.0;

bool inside_rings(const geo::XY& p, const geo::PolygonRings& polygon) {
    bool inside = false;
    for (const auto& ring : polygon) {
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const auto& a = ring[i];
            const auto& b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
        }
    }
    return inside;
}

}  // namespace

LabelPlacer::LabelPlacer(const PageBox& frame) : frame_(frame) {}

std::uint64_t LabelPlacer::bucket(long long bx, long long by) const {
    return (static_cast<std::uint64_t>(bx) << 32) ^ static_cast<std::uint64_t>(by & 0xffffffff);
}

template <typename Fn>
void LabelPlacer::for_buckets(const PageBox& box, Fn&& fn) const {
    const auto bx0 = static_cast<long long>(std::floor(box.x0 / kBucketPoints));
    const auto bx1 = static_cast<long long>(std::floor(box.x1 / kBucketPoints));
    const auto by0 = static_cast<long long>(std::floor(box.y0 / kBucketPoints));
    const auto by1 = static_cast<long long>(std::floor(box.y1 / kBucketPoints));
    for (auto bx = bx0; bx <= bx1; ++bx) {
        for (auto by = by0; by <= by1; ++by) fn(bucket(bx, by));
    }
}

bool LabelPlacer::is_free(const PageBox& box) const {
    if (!frame_.contains(box)) return false;
    bool free = true;
    for_buckets(box, [&](std::uint64_t key) {
        if (!free) return;
        auto it = buckets_.find(key);
        if (it == buckets_.end()) return;
        for (std::size_t i : it->second) {
            if (placed_[i].box.intersects(box)) {
                free = false;
                return;
            }
        }
    });
    return free;
}

bool LabelPlacer::try_place(LabelKind kind, std::string text, const PageBox& box) {
    if (!is_free(box)) return false;
    const std::size_t index = placed_.size();
    placed_.push_back({kind, std::move(text), box});
    for_buckets(box, [&](std::uint64_t key) { buckets_[key].push_back(index); });
    return true;
}

PageBox centred_box(double cx, double cy, double width, double height) {
    return {cx - width / 2 - kLabelPadding, cy - height / 2 - kLabelPadding, cx + width / 2 + kLabelPadding,
            cy + height / 2 + kLabelPadding};
}

bool box_inside(const geo::Envelope& box, const std::vector<geo::PolygonRings>& polygons) {
    const geo::XY corners[] = {{box.min_x, box.min_y}, {box.max_x, box.min_y}, {box.max_x, box.max_y}, {box.min_x, box.max_y}};
    for (const auto& polygon : polygons) {
        bool all_inside = true;
        for (const auto& c : corners) all_inside = all_inside && inside_rings(c, polygon);
        if (!all_inside) continue;
        for (const auto& ring : polygon) {
            for (const auto& p : ring) {
                if (p.x > box.min_x && p.x < box.max_x && p.y > box.min_y && p.y < box.max_y) return false;
            }
        }
        return true;
    }
    return false;
}

bool point_inside(const geo::XY& p, const std::vector<geo::PolygonRings>& polygons) {
    for (const auto& polygon : polygons) {
        if (inside_rings(p, polygon)) return true;
    }
    return false;
}

geo::Envelope to_world(const PageBox& box, const PageTransform& t) {
    geo::Envelope e;
    e.expand(geo::XY{t.min_x + (box.x0 - t.origin_x) / t.points_per_metre, t.max_y - (box.y1 - t.origin_y) / t.points_per_metre});
    e.expand(geo::XY{t.min_x + (box.x1 - t.origin_x) / t.points_per_metre, t.max_y - (box.y0 - t.origin_y) / t.points_per_metre});
    return e;
}

}  // namespace respgrid::exporters::map

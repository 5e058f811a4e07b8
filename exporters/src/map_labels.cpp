#include "map_labels.hpp"

#include <cmath>

namespace respgrid::exporters::detail {

template <typename F>
void LabelPlacer::for_buckets(const PageBox& box, F&& f) const {
    const auto x0 = static_cast<long long>(std::floor(box.x0 / kBucket)), x1 = static_cast<long long>(std::floor(box.x1 / kBucket));
    const auto y0 = static_cast<long long>(std::floor(box.y0 / kBucket)), y1 = static_cast<long long>(std::floor(box.y1 / kBucket));
    for (long long x = x0; x <= x1; ++x) {
        for (long long y = y0; y <= y1; ++y) f(x * 1000003LL + y);
    }
}

bool LabelPlacer::place(const PageBox& box) {
    if (!frame_.contains(box)) return false;
    bool free = true;
    for_buckets(box, [&](long long key) {
        auto it = buckets_.find(key);
        if (!free || it == buckets_.end()) return;
        for (std::size_t i : it->second) {
            if (placed_[i].intersects(box)) {
                free = false;
                return;
            }
        }
    });
    if (!free) return false;
    placed_.push_back(box);
    for_buckets(box, [&](long long key) { buckets_[key].push_back(placed_.size() - 1); });
    return true;
}

}  // namespace respgrid::exporters::detail

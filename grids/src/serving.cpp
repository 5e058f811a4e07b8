#include "respgrid/grids/serving.hpp"

#include <algorithm>

#include "respgrid/grids/responsibility.hpp"

namespace respgrid::grids {

bool serves_on(const Owner& owner, Date day) { return owner.active && valid_on(owner.valid_from, owner.valid_to, day); }

ServingRoster::ServingRoster(std::vector<Owner> owners) : owners_(std::move(owners)) {
    for (const auto& o : owners_) {
        if (!o.active) continue;  // an inactive owner never serves: its dates change nothing
        if (o.valid_from) boundaries_.push_back(*o.valid_from);
        if (o.valid_to) boundaries_.push_back(Date::from_days(o.valid_to->days_since_1970() + 1));
    }
    std::sort(boundaries_.begin(), boundaries_.end());
    boundaries_.erase(std::unique(boundaries_.begin(), boundaries_.end()), boundaries_.end());
}

std::vector<Owner> ServingRoster::serving_on(Date day) const {
    std::vector<Owner> serving;
    for (const auto& o : owners_) {
        if (serves_on(o, day)) serving.push_back(o);
    }
    return serving;
}

std::vector<GridAssignment> ServingRoster::chains_on(std::span<const GridRef> grids, Date day) const {
    const auto serving = serving_on(day);
    return assign_territorial(grids, serving);
}

std::size_t ServingRoster::epoch_of(Date day) const {
    // The number of boundaries on or before `day`: a boundary day belongs to the epoch it opens.
    return static_cast<std::size_t>(std::upper_bound(boundaries_.begin(), boundaries_.end(), day) - boundaries_.begin());
}

}  // namespace respgrid::grids

#pragma once
// Who serves at a time: the one rule behind locate (single and batch), owners, export and map.
//
// An owner serves on a day of the project's zone when it is active and the day lies in its
// [valid_from, valid_to] (both included, an unset end open). The territorial chain of every grid
// on that day is assign_territorial over the owners serving then, so an issue of last spring
// resolves to the grid worker who patrolled that spring, even when the village has had another
// worker since. The chains `assign` stores are this rule applied to the day it ran.
//
//     grids::ServingRoster roster(owners);
//     auto chains = roster.chains_on(refs, day);   // one grid generation, one day
//
// A batch of rows at many times asks epoch_of(day) first: the roster changes only on the days a
// validity starts or the day after one ends, so two days of one epoch have the same chains and a
// caller computes them once per epoch, not once per row.

#include <cstddef>
#include <span>
#include <vector>

#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::grids {

// True when `owner` is active and `day` lies within its validity.
bool serves_on(const Owner& owner, Date day);

class ServingRoster {
public:
    explicit ServingRoster(std::vector<Owner> owners);

    [[nodiscard]] const std::vector<Owner>& owners() const { return owners_; }
    // The owners serving on `day`, in roster order.
    [[nodiscard]] std::vector<Owner> serving_on(Date day) const;
    // The territorial chain of each of `grids` on `day` (one assignment per grid, in order).
    [[nodiscard]] std::vector<GridAssignment> chains_on(std::span<const GridRef> grids, Date day) const;

    // Days with the same epoch have the same serving owners. Epochs are numbered from 0 in time
    // order; epoch_count() = number of distinct validity boundaries + 1.
    [[nodiscard]] std::size_t epoch_of(Date day) const;
    [[nodiscard]] std::size_t epoch_count() const { return boundaries_.size() + 1; }
    // True when no owner has a validity date: one epoch, every day alike.
    [[nodiscard]] bool undated() const { return boundaries_.empty(); }

private:
    std::vector<Owner> owners_;
    std::vector<Date> boundaries_;  // sorted, distinct: each valid_from, and the day after each valid_to
};

}  // namespace respgrid::grids

#pragma once
// Each grid's workload (户数): the weights of the imported points (households, population) inside
// it, for every method. The balanced method weighs its own units while it cuts and keeps that
// value; square, hex and blocks grids get theirs here, as they are stored, so that rosters and
// worker sheets can list the households of each grid.
//
// A point on an edge shared by two grids counts once, for the first grid in storing order that
// covers it (the generator stores villages in code order, so the answer is the same every run);
// a point outside every grid counts for none.
//
//     grids::WeightTally tally(points);
//     sink = [&](std::vector<GridCell>&& cells) { tally.assign(cells); ... };

#include <span>
#include <vector>

#include "respgrid/grids/grid_cell.hpp"
#include "respgrid/grids/lines.hpp"

namespace respgrid::grids {

class WeightTally {
public:
    // Points with a weight that is not finite and positive carry nothing and are left out.
    explicit WeightTally(std::span<const WeightPoint> points);

    // Sets each cell's `weight` to the weight of the points it covers that no cell given to an
    // earlier call (or earlier in `cells`) took.
    void assign(std::span<GridCell> cells);

    [[nodiscard]] bool empty() const { return points_.empty(); }
    [[nodiscard]] double total() const { return total_; }
    [[nodiscard]] double assigned() const { return assigned_; }
    [[nodiscard]] double unassigned() const { return total_ - assigned_; }

private:
    std::vector<WeightPoint> points_;  // by 100 m column of x, then y
    std::vector<bool> taken_;
    double total_ = 0.0;
    double assigned_ = 0.0;
};

}  // namespace respgrid::grids

#include "respgrid/ops/grid.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <optional>

#include "grid_refusal.hpp"
#include "respgrid/grids/cell_estimate.hpp"
#include "respgrid/grids/weight_tally.hpp"
#include "respgrid/ops/errors.hpp"

namespace respgrid::ops {

namespace {

// The cell size of a square or hex run: size_m, or the size of a cell of area_m2; the square
// method's default otherwise.
double cell_size(const GridOptions& options) {
    if (options.size_m && options.area_m2) throw UsageError("give --size or --area, not both");
    if (options.size_m) return *options.size_m;
    if (options.area_m2) return grids::cell_size_for_area(options.cutting.method, *options.area_m2);
    return grids::GridOptions{}.cell_size_m;
}

// What the run read besides the villages, each refused when its method needs it and it is missing.
struct MethodInputs {
    std::vector<grids::LineFeature> lines;
    std::vector<grids::WeightPoint> weights;
    std::vector<grids::DedicatedArea> dedicated;
};

MethodInputs load_method_inputs(store::Project& project, const GridOptions& options) {
    const auto method = options.cutting.method;
    MethodInputs in;
    if (method == grids::GridMethod::Blocks || method == grids::GridMethod::Balanced) in.lines = project.load_lines();
    // Every method's grids carry the households inside them (grids/weight_tally.hpp); only
    // balanced needs them to cut.
    in.weights = project.load_weights();
    if (method == grids::GridMethod::Balanced && in.weights.empty()) {
        throw UsageError("the balanced method needs weights: `respgrid import weights` first");
    }
    if (method == grids::GridMethod::Blocks && in.lines.empty()) {
        throw UsageError("the blocks method needs roads or rivers: `respgrid import lines` first");
    }
    if (options.use_dedicated) in.dedicated = project.load_dedicated();
    return in;
}

// The parameters stored with the generation (JSON): what it was cut with.
std::string generation_params(const grids::GridOptions& o, const MethodInputs& in, const store::Project& project) {
    nlohmann::json params = {{"method", grids::to_string(o.method)},
                             {"scheme", o.scheme == grids::GridCodeScheme::Digits14 ? "14" : "15"},
                             {"sliver_fraction", o.min_piece_fraction},
                             {"working_crs", project.working_crs().name()},
                             {"dedicated_areas", in.dedicated.size()}};
    if (o.method == grids::GridMethod::Square || o.method == grids::GridMethod::Hex) {
        params["size_m"] = o.cell_size_m;
        params["origin"] = "working CRS (0, 0)";
    } else if (o.method == grids::GridMethod::Blocks) {
        params["target_area_m2"] = o.target_area_m2;
        params["tolerance"] = o.tolerance;
        params["lines"] = in.lines.size();
    } else {
        params["min_weight"] = o.min_weight;
        params["max_weight"] = o.max_weight;
        params["base_cell_m"] = o.base_cell_m;
        params["weight_points"] = in.weights.size();
    }
    return params.dump();
}

// Counts one general (non-dedicated) grid of a balanced run into the spread as the grids go by;
// `sum` keeps the total the mean is taken from at the end.
void add_workload(WorkloadSpread& s, double& sum, double w, const grids::GridOptions& o) {
    s.min = s.grids == 0 ? w : std::min(s.min, w);
    s.max = s.grids == 0 ? w : std::max(s.max, w);
    sum += w;
    ++s.grids;
    s.below += w < o.min_weight ? 1 : 0;
    s.above += w > o.max_weight ? 1 : 0;
}

double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

GridResult grid_project(const GridOptions& options, const GridProgress& progress) {
    if (options.cutting.min_weight > options.cutting.max_weight) {
        throw UsageError("--min-weight is larger than --max-weight");
    }
    auto project = store::Project::open(options.project);
    project.require_writable("grid stores the new generation in it");
    const auto villages = project.load_units(grids::AdminLevel::Village);
    if (villages.empty()) {
        throw UsageError("the project has no villages; import them with `respgrid import boundaries --level village`");
    }
    GridOptions run_options = options;
    grids::GridOptions& cutting = run_options.cutting;
    cutting.cell_size_m = cell_size(options);
    // The generator's own check (grids::require_cells_fit), made first so that an impossible
    // size is the answer even when the method's inputs are missing too, said in the options' words.
    try {
        grids::require_cells_fit(villages, cutting);
    } catch (const grids::CellCountError& e) {
        throw UsageError(detail::cell_count_refusal(e.estimate(), run_options));
    }
    MethodInputs in = load_method_inputs(project, options);

    GridResult result;
    const auto t0 = std::chrono::steady_clock::now();
    // The grids are stored village by village as they are cut, in the one transaction of the
    // writer: a run of a million grids is never held whole, and storing overlaps the cutting. Any
    // error (a village that does not tile, a full disk) destroys the writer unfinished, which
    // rolls everything back: the project stays as it was.
    store::GenerationWriter writer =
        project.begin_generation(std::string(grids::to_string(cutting.method)), generation_params(cutting, in, project));
    WorkloadSpread spread;  // balanced: the workloads of the general grids
    double workload_sum = 0.0;
    const bool balanced = cutting.method == grids::GridMethod::Balanced;
    // The other methods' grids are weighed as they are stored; balanced weighs its own units.
    // The generator sees the weights only when it cuts by them.
    std::optional<grids::WeightTally> tally;
    if (!balanced && !in.weights.empty()) {
        tally.emplace(in.weights);
        std::vector<grids::WeightPoint>().swap(in.weights);
    }
    const grids::CellSink sink = [&](std::vector<grids::GridCell>&& cells) {
        if (tally) tally->assign(cells);
        writer.add(cells);
        for (const auto& c : cells) {
            result.grid_area_m2 += c.area_m2;
            if (balanced && !c.dedicated) add_workload(spread, workload_sum, c.weight, cutting);
        }
    };
    result.run = grids::generate_grids({villages, in.lines, in.weights, in.dedicated}, cutting, sink, progress.cutting);
    const auto t1 = std::chrono::steady_clock::now();
    report(progress.storing, 0.0, "indexing grids");
    result.generation = writer.finish();
    report(progress.storing, 1.0, "grids stored");
    const auto t2 = std::chrono::steady_clock::now();
    result.cut_seconds = seconds(t1 - t0);
    result.store_seconds = seconds(t2 - t1);
    result.villages = villages.size();
    for (const auto& v : villages) result.village_area_m2 += v.geometry.area();
    if (cutting.method == grids::GridMethod::Balanced) {
        if (spread.grids > 0) spread.mean = workload_sum / static_cast<double>(spread.grids);
        result.workload = spread;
    }
    return result;
}

}  // namespace respgrid::ops

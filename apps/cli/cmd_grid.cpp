// respgrid grid PROJECT --method square|hex|blocks|balanced [--size M | --area M2] ...
#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "respgrid/ops/grid.hpp"

namespace respgrid::cli {

namespace {

class GridCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto& o = options_.cutting;
        auto* cmd = app.add_subcommand("grid", "Divide every village into responsibility grids (a new grid generation)");
        cmd->add_option("PROJECT", options_.project, "Project file")->required()->check(CLI::ExistingFile);
        cmd->add_option("--method", method_,
                        "square or hex: regular cells; blocks: road-bounded unit grids (import lines first); "
                        "balanced: grids of balanced workload (import weights first)")
            ->capture_default_str()
            ->check(CLI::IsMember({"square", "hex", "blocks", "balanced"}));
        cmd->add_option("--size", options_.size_m, "square/hex: cell size in metres (square side, hexagon flat-to-flat)")
            ->check(number_in(1.0, 1e5));
        cmd->add_option("--area", options_.area_m2, "square/hex: cell area in m² instead of --size")
            ->check(number_in(1.0, 1e10));
        cmd->add_option("--target-area", o.target_area_m2, "blocks: target grid area in m²")
            ->capture_default_str()
            ->check(number_in(1.0, 1e10));
        cmd->add_option("--tolerance", o.tolerance, "blocks: accepted relative deviation from the target area")
            ->capture_default_str()
            ->check(number_in(0.0, 0.95));
        cmd->add_option("--min-weight", o.min_weight, "balanced: least workload per grid (e.g. households)")
            ->capture_default_str()
            ->check(positive_up_to(1e9));
        cmd->add_option("--max-weight", o.max_weight, "balanced: most workload per grid")
            ->capture_default_str()
            ->check(positive_up_to(1e9));
        cmd->add_option("--base-cell", o.base_cell_m, "balanced: size in metres of the cells grids are built from")
            ->capture_default_str()
            ->check(number_in(1.0, 1e4));
        cmd->add_option("--sliver-fraction", o.min_piece_fraction,
                        "Merge pieces smaller than this fraction of the nominal cell area into a neighbour (0 = keep)")
            ->capture_default_str()
            ->check(number_in(0.0, 0.95));
        cmd->add_option("--scheme", scheme_, "Grid code digits: 15 (6+3+3+3, default) or 14 (CJ/T 213: 6+3+3+2)")
            ->capture_default_str()
            ->check(CLI::IsMember({"15", "14"}));
        cmd->add_option("--threads", o.threads, "Threads to use (default: all cores; at most 4 per core)")
            ->check(number_in(1.0, 1024.0));
        cmd->add_flag("--no-dedicated", no_dedicated_, "Ignore imported dedicated areas (专属网格)");
        return cmd;
    }

    int run(Console& console) override {
        options_.cutting.method = *grids::parse_grid_method(method_);
        options_.cutting.scheme = grids::parse_grid_code_scheme(scheme_);
        options_.use_dedicated = !no_dedicated_;
        const auto result =
            ops::grid_project(options_, {console.progress("cutting grids"), console.progress("storing grids")});
        console.note("cut in " + geo::number_text(result.cut_seconds, 2) + " s (stored as cut), indexed and committed in " +
                     geo::number_text(result.store_seconds, 2) + " s");
        const auto& run = result.run;
        console.io.out << "generation " << result.generation.id << " (" << method_ << "): " << run.grid_count
                       << " grid(s) in " << result.villages << " village(s), " << run.dedicated_grids
                       << " dedicated; " << run.slivers_merged << " sliver(s) merged, " << run.slivers_kept.size()
                       << " kept; grid area " << geo::area_km2_text(result.grid_area_m2) << ", village area "
                       << geo::area_km2_text(result.village_area_m2) << "\n";
        if (result.workload) print_workload(console, *result.workload);
        for (std::size_t i = 0; i < run.slivers_kept.size() && i < 10; ++i) {
            const auto& s = run.slivers_kept[i];
            console.warn("sliver " + s.grid_code + " (" + geo::number_text(s.area_m2, 1) + " m²) kept: " + s.reason);
        }
        return kOk;
    }

private:
    // Balanced grids: how the workload per grid spreads against the target range.
    void print_workload(const Console& console, const ops::WorkloadSpread& w) const {
        if (w.grids == 0) return;
        const auto& o = options_.cutting;
        console.io.out << "workload per grid: min " << geo::number_text(w.min, 0) << ", max " << geo::number_text(w.max, 0)
                       << ", mean " << geo::number_text(w.mean, 1) << "; target " << geo::number_text(o.min_weight, 0) << "-"
                       << geo::number_text(o.max_weight, 0) << ": " << w.grids - w.below - w.above
                       << " grid(s) in range, " << w.below << " below, " << w.above
                       << " above (a village lighter than the minimum is one grid)\n";
    }

    ops::GridOptions options_;
    std::string method_ = std::string(grids::to_string(grids::GridOptions{}.method));
    std::string scheme_ = "15";
    bool no_dedicated_ = false;
};

}  // namespace

std::unique_ptr<Command> make_grid_command() { return std::make_unique<GridCommand>(); }

}  // namespace respgrid::cli

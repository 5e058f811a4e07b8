// respgrid grid PROJECT --method square|hex|blocks|balanced [--size M | --area M2] ...
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "respgrid/grids/cell_estimate.hpp"
#include "respgrid/grids/generator.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct GridCommandOptions {
    std::string project;
    std::string method = "square";
    std::optional<double> size;
    std::optional<double> area;
    double target_area = 10000.0;
    double tolerance = 0.5;
    double min_weight = 300.0;
    double max_weight = 500.0;
    double base_cell = 50.0;
    double sliver_fraction = 0.1;
    std::string scheme = "15";
    unsigned threads = 0;
    bool no_dedicated = false;
};

// Cell size from --size, or from --area (the side of a square, or the flat-to-flat width of a
// hexagon, of that area); 100 m (10,000 m², the 万米单元网格) by default.
double cell_size(const GridCommandOptions& opt, grids::GridMethod method) {
    if (opt.size && opt.area) throw UsageError("give --size or --area, not both");
    if (opt.size) return *opt.size;
    if (opt.area) {
        return method == grids::GridMethod::Hex ? std::sqrt(2.0 * *opt.area / std::sqrt(3.0)) : std::sqrt(*opt.area);
    }
    return 100.0;
}

// Refuses, before anything is cut, a cell size that would cut more cells than a village's codes
// (or memory) allow, naming the village and a value of the option whose estimate fits.
void refuse_impossible_cell_count(const grids::CellEstimate& e, const GridCommandOptions& opt,
                                  grids::GridMethod method) {
    if (e.fits()) return;
    const double a = e.min_nominal_area_m2;
    std::string option, given, least;
    switch (method) {
        case grids::GridMethod::Square:
        case grids::GridMethod::Hex: {
            if (opt.area) {
                option = "--area";
                given = option_value_text(*opt.area);
                least = format_number(std::ceil(a), 0) + " m²";
            } else {
                const double hex = std::sqrt(2.0 * a / std::sqrt(3.0));
                option = "--size";
                given = option_value_text(cell_size(opt, method));
                least = format_number(std::ceil(method == grids::GridMethod::Hex ? hex : std::sqrt(a)), 0) + " m";
            }
            break;
        }
        case grids::GridMethod::Blocks:
            option = "--target-area";
            given = option_value_text(opt.target_area);
            least = format_number(std::ceil(a), 0) + " m²";
            break;
        case grids::GridMethod::Balanced:
            option = "--base-cell";
            given = option_value_text(opt.base_cell);
            least = format_number(std::ceil(std::sqrt(a)), 0) + " m";
            break;
    }
    const std::string cells = method == grids::GridMethod::Balanced ? "base cells" : "cells";
    std::string what;
    if (!e.village_fits()) {
        const std::string limit = method == grids::GridMethod::Balanced
                                      ? "the " + format_number(e.village_target, 0) + " a village may have"
                                      : "twice the " + format_number(e.village_target, 0) +
                                            " grid codes a village has (--scheme " + opt.scheme + ")";
        what = "village " + e.largest->code + " " + e.largest->name + " (" + format_area_km2(e.largest_area_m2) +
               ") would be cut into about " + format_number(e.largest_cells, 0) + " " + cells + ", more than " + limit;
    } else {
        what = "the villages (" + format_area_km2(e.total_area_m2) + " in all) would be cut into about " +
               format_number(e.total_cells, 0) + " " + cells + ", more than the " + format_number(e.total_limit, 0) +
               " one run may hold";
    }
    throw UsageError(option + " " + given + ": " + what + "; give " + option + " " + least + " or more");
}

// Balanced grids: how the workload per grid spreads against the target range.
void print_weight_spread(const Console& console, const std::vector<grids::GridCell>& cells,
                         const GridCommandOptions& opt) {
    std::size_t n = 0, below = 0, above = 0;
    double lo = 0, hi = 0, sum = 0;
    for (const auto& c : cells) {
        if (c.dedicated) continue;
        lo = n == 0 ? c.weight : std::min(lo, c.weight);
        hi = n == 0 ? c.weight : std::max(hi, c.weight);
        sum += c.weight;
        ++n;
        below += c.weight < opt.min_weight ? 1 : 0;
        above += c.weight > opt.max_weight ? 1 : 0;
    }
    if (n == 0) return;
    console.io.out << "workload per grid: min " << format_number(lo, 0) << ", max " << format_number(hi, 0) << ", mean "
                   << format_number(sum / static_cast<double>(n), 1) << "; target " << format_number(opt.min_weight, 0)
                   << "-" << format_number(opt.max_weight, 0) << ": " << n - below - above << " grid(s) in range, "
                   << below << " below, " << above << " above (a village lighter than the minimum is one grid)\n";
}

}  // namespace

void add_grid_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<GridCommandOptions>();
    auto* cmd = app.add_subcommand("grid", "Divide every village into responsibility grids (a new grid generation)");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--method", opt->method,
                    "square or hex: regular cells; blocks: road-bounded unit grids (import lines first); "
                    "balanced: grids of balanced workload (import weights first)")
        ->capture_default_str()
        ->check(CLI::IsMember({"square", "hex", "blocks", "balanced"}));
    cmd->add_option("--size", opt->size, "square/hex: cell size in metres (square side, hexagon flat-to-flat)")
        ->check(number_in(1.0, 1e5));
    cmd->add_option("--area", opt->area, "square/hex: cell area in m² instead of --size")->check(number_in(1.0, 1e10));
    cmd->add_option("--target-area", opt->target_area, "blocks: target grid area in m²")
        ->capture_default_str()
        ->check(number_in(1.0, 1e10));
    cmd->add_option("--tolerance", opt->tolerance, "blocks: accepted relative deviation from the target area")
        ->capture_default_str()
        ->check(number_in(0.0, 0.95));
    cmd->add_option("--min-weight", opt->min_weight, "balanced: least workload per grid (e.g. households)")
        ->capture_default_str()
        ->check(positive_up_to(1e9));
    cmd->add_option("--max-weight", opt->max_weight, "balanced: most workload per grid")
        ->capture_default_str()
        ->check(positive_up_to(1e9));
    cmd->add_option("--base-cell", opt->base_cell, "balanced: size in metres of the cells grids are built from")
        ->capture_default_str()
        ->check(number_in(1.0, 1e4));
    cmd->add_option("--sliver-fraction", opt->sliver_fraction,
                    "Merge pieces smaller than this fraction of the nominal cell area into a neighbour (0 = keep)")
        ->capture_default_str()
        ->check(number_in(0.0, 0.95));
    cmd->add_option("--scheme", opt->scheme, "Grid code digits: 15 (6+3+3+3, default) or 14 (CJ/T 213: 6+3+3+2)")
        ->capture_default_str()
        ->check(CLI::IsMember({"15", "14"}));
    cmd->add_option("--threads", opt->threads, "Threads to use (default: all cores; at most 4 per core)")
        ->check(number_in(1.0, 1024.0));
    cmd->add_flag("--no-dedicated", opt->no_dedicated, "Ignore imported dedicated areas (专属网格)");
    cmd->callback([opt, &console, &exit_code] {
        auto method = *grids::parse_grid_method(opt->method);
        if (opt->min_weight > opt->max_weight) throw UsageError("--min-weight is larger than --max-weight");
        auto project = store::Project::open(opt->project);
        project.require_writable("grid stores the new generation in it");
        auto villages = project.load_units(grids::AdminLevel::Village);
        if (villages.empty()) {
            throw UsageError("the project has no villages; import them with `respgrid import boundaries --level village`");
        }
        grids::GridOptions options;
        options.method = method;
        options.cell_size_m = cell_size(*opt, method);
        options.scheme = grids::parse_grid_code_scheme(opt->scheme);
        options.min_piece_fraction = opt->sliver_fraction;
        options.target_area_m2 = opt->target_area;
        options.tolerance = opt->tolerance;
        options.min_weight = opt->min_weight;
        options.max_weight = opt->max_weight;
        options.base_cell_m = opt->base_cell;
        options.threads = opt->threads;
        refuse_impossible_cell_count(grids::estimate_cells(villages, options), *opt, method);

        std::vector<grids::LineFeature> lines;
        std::vector<grids::WeightPoint> weights;
        std::vector<grids::DedicatedArea> dedicated;
        if (method == grids::GridMethod::Blocks || method == grids::GridMethod::Balanced) lines = project.load_lines();
        if (method == grids::GridMethod::Balanced) {
            weights = project.load_weights();
            if (weights.empty()) throw UsageError("the balanced method needs weights: `respgrid import weights` first");
        }
        if (method == grids::GridMethod::Blocks && lines.empty()) {
            throw UsageError("the blocks method needs roads or rivers: `respgrid import lines` first");
        }
        if (!opt->no_dedicated) dedicated = project.load_dedicated();
        grids::GridInputs inputs{villages, lines, weights, dedicated};

        const auto t0 = std::chrono::steady_clock::now();
        auto run = grids::generate_grids(inputs, options, console.progress("cutting grids"));
        const auto t1 = std::chrono::steady_clock::now();
        nlohmann::json params = {{"method", opt->method},
                                 {"scheme", opt->scheme},
                                 {"sliver_fraction", opt->sliver_fraction},
                                 {"working_crs", project.working_crs().name()},
                                 {"dedicated_areas", dedicated.size()}};
        if (method == grids::GridMethod::Square || method == grids::GridMethod::Hex) {
            params["size_m"] = options.cell_size_m;
            params["origin"] = "working CRS (0, 0)";
        } else if (method == grids::GridMethod::Blocks) {
            params["target_area_m2"] = opt->target_area;
            params["tolerance"] = opt->tolerance;
            params["lines"] = lines.size();
        } else {
            params["min_weight"] = opt->min_weight;
            params["max_weight"] = opt->max_weight;
            params["base_cell_m"] = opt->base_cell;
            params["weight_points"] = weights.size();
        }
        auto generation = project.add_generation(opt->method, params.dump(), run.cells, console.progress("storing grids"));
        const auto t2 = std::chrono::steady_clock::now();
        auto seconds = [](auto d) { return format_number(std::chrono::duration<double>(d).count(), 2); };
        console.note("cut in " + seconds(t1 - t0) + " s, stored in " + seconds(t2 - t1) + " s");
        double village_area = 0, cell_area = 0;
        for (const auto& v : villages) village_area += v.geometry.area();
        for (const auto& c : run.cells) cell_area += c.area_m2;
        console.io.out << "generation " << generation.id << " (" << opt->method << "): " << run.cells.size()
                       << " grid(s) in " << villages.size() << " village(s), " << run.dedicated_grids
                       << " dedicated; " << run.slivers_merged << " sliver(s) merged, " << run.slivers_kept.size()
                       << " kept; grid area " << format_area_km2(cell_area) << ", village area "
                       << format_area_km2(village_area) << "\n";
        if (method == grids::GridMethod::Balanced) print_weight_spread(console, run.cells, *opt);
        for (std::size_t i = 0; i < run.slivers_kept.size() && i < 10; ++i) {
            const auto& s = run.slivers_kept[i];
            console.warn("sliver " + s.grid_code + " (" + format_number(s.area_m2, 1) + " m²) kept: " + s.reason);
        }
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli

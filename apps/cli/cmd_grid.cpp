// respgrid grid PROJECT --size 100 [--scheme 15|14]
#include <nlohmann/json.hpp>

#include <memory>

#include "cli/commands.hpp"
#include "respgrid/grids/square_grid.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {
struct GridOptions {
    std::string project;
    double size = 100.0;
    std::string scheme = "15";
};
}  // namespace

void add_grid_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<GridOptions>();
    auto* cmd = app.add_subcommand("grid", "Cut square responsibility grids, split by every village boundary");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--size", opt->size, "Cell size in metres (100 gives the 城管 万米单元网格)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--scheme", opt->scheme, "Grid code digits: 15 (6+3+3+3, default) or 14 (CJ/T 213: 6+3+3+2)")
        ->capture_default_str()
        ->check(CLI::IsMember({"15", "14"}));
    cmd->callback([opt, &console, &exit_code] {
        auto project = store::Project::open(opt->project);
        auto villages = project.load_units(grids::AdminLevel::Village);
        if (villages.empty()) throw UsageError("the project has no villages; import them with `respgrid import boundaries --level village`");
        grids::SquareGridOptions options;
        options.cell_size_m = opt->size;
        options.scheme = grids::parse_grid_code_scheme(opt->scheme);
        auto cells = grids::cut_square_grid(villages, options, console.progress("cutting grids"));
        nlohmann::json params = {{"size_m", opt->size}, {"scheme", opt->scheme}, {"origin", "working CRS (0, 0)"},
                                 {"working_crs", project.working_crs().name()}};
        auto generation = project.add_generation("square", params.dump(), cells, console.progress("storing grids"));
        double village_area = 0, cell_area = 0;
        for (const auto& v : villages) village_area += v.geometry.area();
        for (const auto& c : cells) cell_area += c.area_m2;
        console.io.out << "generation " << generation.id << ": " << cells.size() << " grid(s) of " << opt->size
                       << " m in " << villages.size() << " village(s); grid area " << format_area_km2(cell_area)
                       << ", village area " << format_area_km2(village_area) << "\n";
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli

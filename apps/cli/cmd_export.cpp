// respgrid export PROJECT --format gpkg|shp|geojson|fgb|csv|mvt --output PATH [--crs EPSG:4490]
// gpkg is one file; the other formats are a folder with one file per layer, made from the
// GeoPackage by GDAL (exporters/format_copy.hpp).
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/project_view.hpp"
#include "respgrid/exporters/format_copy.hpp"
#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {
struct ExportOptions {
    std::string project;
    std::string format = "gpkg";
    std::string output;
    std::string crs = "EPSG:4490";
};
}  // namespace

void add_export_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "Write the project's layers for QGIS: county, townships, villages, grids, issues");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--format", opt->format, "Output format")->capture_default_str()->check(CLI::IsMember({"gpkg", "shp", "geojson", "fgb", "csv", "mvt"}));
    cmd->add_option("--output,-o", opt->output, "Output file (gpkg) or folder (shp, geojson, fgb, csv, mvt)")->required();
    cmd->add_option("--crs", opt->crs, "EPSG code of the output (default EPSG:4490, CGCS2000 lon/lat)")
        ->capture_default_str();
    cmd->callback([opt, &console, &exit_code] {
        geo::Crs target = crs_option(opt->crs, "--crs");
        if (target.kind != geo::CrsKind::Epsg) throw UsageError("--crs must be an EPSG code for files, got " + opt->crs);
        auto project = store::Project::open(opt->project);
        auto view = load_view(project, false);
        auto issues = project.load_issues();
        auto categories = project.load_categories();
        std::vector<exporters::LocatedIssue> located;
        if (!view.cells.empty()) {
            auto locator = view.make_locator();
            located.reserve(issues.size());
            for (const auto& i : issues) located.push_back({&i, locator.where(i.position)});
        } else {
            for (const auto& i : issues) located.push_back({&i, {}});
        }
        auto layers = view.layers(project.working_crs());
        layers.categories = categories;
        layers.issues = located;
        const auto copy_format = exporters::parse_copy_format(opt->format);
        const std::string gpkg = copy_format ? opt->output + ".export.gpkg" : opt->output;
        auto counts = exporters::write_project_gpkg(gpkg, layers, target.epsg, console.progress("exporting"));
        if (copy_format) {
            struct RemoveAfter {
                std::string path;
                ~RemoveAfter() {
                    std::error_code ec;
                    std::filesystem::remove(path, ec);
                }
            } cleanup{gpkg};
            for (const auto& c : exporters::copy_layers(gpkg, opt->output, *copy_format)) {
                console.note(c.layer + ": " + std::to_string(c.features) + " feature(s) in " + c.path);
            }
        }
        console.io.out << "wrote " << opt->output << " (" << target.name() << "): county " << counts.county
                       << ", townships " << counts.townships << ", villages " << counts.villages << ", grids "
                       << counts.grids << ", issues " << counts.issues << "\n";
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli

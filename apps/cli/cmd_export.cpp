// respgrid export PROJECT --format gpkg|shp|geojson|fgb|csv|mvt|kml --output PATH [--crs EPSG:4490]
// gpkg and kml are one file; the other formats are a folder with one file per layer, all made
// from the GeoPackage by GDAL (exporters/format_copy.hpp).
#include <cpl_vsi.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/project_view.hpp"
#include "cli/version.hpp"
#include "respgrid/exporters/format_copy.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {
struct ExportOptions {
    std::string project;
    std::string format = "gpkg";
    std::string output;
    std::string crs = "EPSG:4490";
    bool overwrite = false;
};
}  // namespace

void add_export_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "Write the project's layers for QGIS: county, townships, villages, grids, issues");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--format", opt->format, "Output format")->capture_default_str()->check(CLI::IsMember({"gpkg", "shp", "geojson", "fgb", "csv", "mvt", "kml"}));
    cmd->add_option("--output,-o", opt->output, "Output file (gpkg, kml) or folder (shp, geojson, fgb, csv, mvt)")->required();
    cmd->add_option("--crs", opt->crs, "EPSG code of the output (default EPSG:4490, CGCS2000 lon/lat)")
        ->capture_default_str();
    add_overwrite_flag(*cmd, opt->overwrite);
    cmd->callback([opt, &console, &exit_code] {
        geo::Crs target = crs_option(opt->crs, "--crs");
        if (target.kind != geo::CrsKind::Epsg) throw UsageError("--crs must be an EPSG code for files, got " + opt->crs);
        const auto copy_format = exporters::parse_copy_format(opt->format);
        const bool one_file = !copy_format || *copy_format == exporters::CopyFormat::Kml;
        geo::check_output(opt->output, one_file ? geo::OutputKind::File : geo::OutputKind::Folder,
                          geo::OutputRules{{opt->project}, opt->overwrite});
        auto project = store::Project::open(opt->project);
        // The grids as WKB: the exporter transforms them on every core without GEOS objects.
        auto view = load_view(project, false, {}, store::Project::GridShapes::Wkb);
        auto issues = project.load_issues();
        auto categories = project.load_categories();
        auto responsibility_layers = project.load_responsibility_layers();
        auto responsibility = project.load_responsibility_features();
        auto located = locate_issues(view, issues);
        exporters::ProjectLayers layers = view.layers(project.working_crs());
        layers.categories = categories;
        layers.issues = located;
        layers.responsibility_layers = responsibility_layers;
        layers.responsibility = responsibility;
        layers.producer = producer();
        // The latest audit's defects, when that audit saw the grids being exported.
        std::optional<store::Project::AuditDefects> defects = project.latest_audit_defects();
        // GDAL reads the stored bytes in place; the name is unlinked before the bytes go.
        geo::RemovedOnExit defects_file("/vsimem/respgrid_export_defects.gpkg");
        if (defects) {
            const auto audited = defects->run.generation;
            const long long current = view.generation ? view.generation->id : 0;
            if (audited && *audited != current) {
                console.note("the latest audit (" + defects->run.run_at + ") saw grid generation " +
                             std::to_string(*audited) + ", not the current " + std::to_string(current) +
                             ": its defects are left out; run audit again");
            } else {
                VSIFCloseL(VSIFileFromMemBuffer(defects_file.path().c_str(), defects->gpkg.data(), defects->gpkg.size(), FALSE));
                layers.audit_defects_gpkg = defects_file.path();
            }
        }
        // The other formats are made from a GeoPackage written beside the output first.
        const std::string gpkg = copy_format ? geo::staging_name(opt->output, ".gpkg") : opt->output;
        geo::RemovedOnExit staging(copy_format ? gpkg : std::string());
        auto counts = exporters::write_project_gpkg(gpkg, layers, target.epsg, console.progress("exporting"));
        if (copy_format) {
            for (const auto& c : exporters::copy_layers(gpkg, opt->output, *copy_format)) {
                console.note(c.layer + ": " + std::to_string(c.features) + " feature(s) in " + c.path);
            }
        }
        console.io.out << "wrote " << opt->output << " (" << target.name() << "): county " << counts.county
                       << ", townships " << counts.townships << ", villages " << counts.villages << ", grids "
                       << counts.grids << ", issues " << counts.issues;
        if (counts.responsibility) console.io.out << ", responsibility areas " << counts.responsibility;
        if (counts.defects) console.io.out << ", audit defects " << counts.defects;
        console.io.out << "\n";
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli

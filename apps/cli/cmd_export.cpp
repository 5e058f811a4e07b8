// respgrid export PROJECT --format gpkg|shp|geojson|fgb|csv|mvt|kml --output PATH [--crs EPSG:4490]
// gpkg and kml are one file; the other formats are a folder with one file per layer, all made
// from the GeoPackage by GDAL (exporters/format_copy.hpp). The work is ops::ProjectExport.
#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "respgrid/ops/export.hpp"

namespace respgrid::cli {

namespace {

class ExportCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("export", "Write the project's layers for QGIS: county, townships, villages, grids, issues");
        cmd->add_option("PROJECT", options_.project, "Project file")->required()->check(CLI::ExistingFile);
        cmd->add_option("--format", format_, "Output format")->capture_default_str()->check(CLI::IsMember({"gpkg", "shp", "geojson", "fgb", "csv", "mvt", "kml"}));
        cmd->add_option("--output,-o", options_.output, "Output file (gpkg, kml) or folder (shp, geojson, fgb, csv, mvt)")->required();
        cmd->add_option("--crs", crs_, "EPSG code of the output (default EPSG:4490, CGCS2000 lon/lat)")
            ->capture_default_str();
        add_overwrite_flag(*cmd, options_.overwrite);
        return cmd;
    }

    int run(Console& console) override {
        options_.crs = crs_option(crs_, "--crs");
        options_.copy_format = exporters::parse_copy_format(format_);
        options_.producer = producer();
        options_.at = grids::Instant::now();
        ops::ProjectExport job(options_);
        if (const auto& stale = job.stale_audit()) {
            console.note("the latest audit (" + stale->run_at + ") saw grid generation " +
                         std::to_string(stale->audited_generation) + ", not the current " +
                         std::to_string(stale->current_generation) + ": its defects are left out; run audit again");
        }
        const auto result = job.write(console.progress("exporting"));
        for (const auto& c : result.copies) {
            console.note(c.layer + ": " + std::to_string(c.features) + " feature(s) in " + c.path);
        }
        const auto& counts = result.counts;
        console.io.out << "wrote " << options_.output << " (" << options_.crs.name() << "): county " << counts.county
                       << ", townships " << counts.townships << ", villages " << counts.villages << ", grids "
                       << counts.grids << ", issues " << counts.issues;
        if (counts.worker_areas) console.io.out << ", grid workers' areas " << counts.worker_areas;
        if (counts.cases) console.io.out << ", ledger cases " << counts.cases;
        if (counts.responsibility) console.io.out << ", responsibility areas " << counts.responsibility;
        if (counts.defects) console.io.out << ", audit defects " << counts.defects;
        console.io.out << "\n";
        return kOk;
    }

private:
    ops::ExportOptions options_;
    std::string format_ = "gpkg";
    std::string crs_ = "EPSG:4490";
};

}  // namespace

std::unique_ptr<Command> make_export_command() { return std::make_unique<ExportCommand>(); }

}  // namespace respgrid::cli

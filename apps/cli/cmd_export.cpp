// respgrid export PROJECT --format gpkg|shp|geojson|fgb|csv|mvt|kml|xlsx --output PATH [--crs EPSG:4490|gcj02|bd09]
//                 [--township CODE]... [--headers en|zh]
// gpkg, kml and xlsx are one file; the other formats are a folder with one file per layer, all made
// from the GeoPackage by GDAL (exporters/format_copy.hpp, tables_workbook.hpp). The work is
// ops::ProjectExport.
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
        cmd->add_option("--format", format_, "Output format")->capture_default_str()->check(CLI::IsMember({"gpkg", "shp", "geojson", "fgb", "csv", "mvt", "kml", "xlsx"}));
        cmd->add_option("--output,-o", options_.output, "Output file (gpkg, kml, xlsx) or folder (shp, geojson, fgb, csv, mvt)")->required();
        cmd->add_option("--crs", crs_, "EPSG code of the output (default EPSG:4490, CGCS2000 lon/lat); gcj02 or bd09: "
                                       "display coordinates for AMap/Tencent or Baidu base maps (geojson, kml, mvt only)")
            ->capture_default_str();
        cmd->add_option("--township", options_.townships, "Only this township's package (its code; repeat for several)");
        add_headers_option(*cmd, options_.headers);
        add_overwrite_flag(*cmd, options_.overwrite);
        return cmd;
    }

    int run(Console& console) override {
        options_.crs = crs_option(crs_, "--crs");
        options_.copy_format = exporters::parse_copy_format(format_);
        options_.workbook = format_ == "xlsx";
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
        if (options_.workbook) {
            const auto& w = result.workbook;
            console.note("workbook: " + std::to_string(w.roster_sheets) + " township roster sheet(s) with " +
                         std::to_string(w.roster_rows) + " row(s), " + std::to_string(w.grids) + " grid(s), " +
                         std::to_string(w.issues) + " issue(s)");
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

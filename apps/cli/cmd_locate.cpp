// respgrid locate PROJECT --lon X --lat Y [--crs SRC] [--category C] [--at TIME] [--json]
//                        [--border-tolerance M] [--noise-width M] [--assign-nearest M]
// respgrid locate PROJECT --input FILE --output FILE [--crs SRC] [--at TIME] [--assign-nearest M]
#include "cli/commands.hpp"
#include "cli/locate_batch.hpp"
#include "cli/locate_text.hpp"
#include "cli/option_bounds.hpp"
#include "respgrid/ops/locate.hpp"

namespace respgrid::cli {

namespace {

class LocateCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("locate", "Find the grid and owners of a point, or of every row of a table");
        cmd->add_option("PROJECT", project_, "Project file")->required()->check(CLI::ExistingFile);
        auto* lon = cmd->add_option("--lon,-x", lon_, "Longitude (or easting)")->check(number_in(-1e9, 1e9));
        auto* lat = cmd->add_option("--lat,-y", lat_, "Latitude (or northing)")->check(number_in(-1e9, 1e9));
        cmd->add_option("--crs", crs_, std::string("CRS of the point(s), cgcs2000 by default: ") + kCrsForms);
        cmd->add_option("--category", category_,
                        "Issue category (its code, name or an alias): who answers for it there, by the rules; the "
                        "territory when none matches (属地兜底)");
        cmd->add_option("--at", at_,
                        "Time of the issue: its grids and owners (2026-09-01, 2026-09-01 08:30, 2026/9/1 8:30, "
                        "2026年9月1日 8时30分; without an offset in the project's time zone; default: now)");
        cmd->add_flag("--json", json_, "JSON output for a single point");
        declare_distances(*cmd);
        auto* input = cmd->add_option("--input", input_, "Batch: CSV/XLSX with lon, lat (and optional crs, category) "
                                                         "columns (a file, or a GDAL source: /vsizip/..., PG:...)")
                          ->check(gdal_source());
        auto* output = cmd->add_option("--output", output_,
                                       "Batch: the located table (input columns + grid and owners): CSV, .xlsx for an "
                                       "Excel workbook, or - for CSV on standard output");
        add_overwrite_flag(*cmd, overwrite_);
        add_headers_option(*cmd, headers_);
        lon->needs(lat);
        lat->needs(lon);
        input->needs(output);
        output->needs(input);
        input->excludes(lon);
        return cmd;
    }

    int run(Console& console) override {
        if (!input_.empty()) {
            ops::TableLocateOptions table;
            fill(table);
            table.input = input_;
            if (!crs_.empty()) table.crs = crs_option(crs_, "--crs");
            return locate_batch(table, output_, overwrite_, headers_, console);
        }
        if (!lon_ || !lat_) throw UsageError("locate needs --lon and --lat, or --input and --output");
        ops::PointLocateOptions point;
        fill(point);
        point.x = *lon_;
        point.y = *lat_;
        if (!crs_.empty()) point.crs = crs_option(crs_, "--crs");
        point.category = category_;
        const auto located = ops::locate_point(point);
        if (located.rejected) throw rejected_point_error(*located.rejected);
        print_location(console.io.out, located, point, crs_.empty() ? "cgcs2000" : crs_, json_);
        return located.grid ? kOk : kDefectsFound;
    }

private:
    ops::LocateSettings settings_;
    std::string project_;
    std::optional<double> lon_;
    std::optional<double> lat_;
    std::string crs_;
    std::string category_;
    std::string at_;
    bool json_ = false;
    std::string input_;
    std::string output_;
    bool overwrite_ = false;
    exporters::Headers headers_ = exporters::Headers::En;

    void declare_distances(CLI::App& cmd) {
        cmd.add_option("--border-tolerance", settings_.border_tolerance_m,
                       "Name the neighbouring grid when the point is this close to a border (metres)")
            ->capture_default_str()
            ->check(number_in(0.0, 1000.0));
        cmd.add_option("--noise-width", settings_.noise_width_m,
                       "A point in no grid but this close to one (metres; datum noise, as audit --noise-width) is "
                       "given to a grid by the border rule; 0: never")
            ->capture_default_str()
            ->check(number_in(0.0, 1.0));
        cmd.add_option("--assign-nearest", settings_.assign_nearest_m,
                       "Give a point outside every grid to the nearest grid within this distance (metres; GPS noise "
                       "at the county edge)")
            ->check(number_in(0.0, 10000.0));
    }

    void fill(ops::LocateSettings& s) const {
        s = settings_;
        s.project = project_;
        if (!at_.empty()) s.at = time_text_option(at_, "--at");
    }
};

}  // namespace

std::unique_ptr<Command> make_locate_command() { return std::make_unique<LocateCommand>(); }

}  // namespace respgrid::cli

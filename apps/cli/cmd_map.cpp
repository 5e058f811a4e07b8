// respgrid map PROJECT (--township CODE | --all) [--format pdf|png|svg] --output DIR [--paper A3|A4]
//     [--dpi 150] [--issues] [--date DAY]
// Printable assignment maps: one sheet per township, and with --all a county overview
// (exporters/map_sheet.hpp).
#include <filesystem>
#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "cli/project_view.hpp"
#include "cli/version.hpp"
#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct MapCommandOptions {
    std::string project;
    std::string township;
    bool all = false;
    std::string format = "pdf";
    std::string output;
    std::string paper = "A3";
    double dpi = 150;
    bool issues = false;
    std::string date;
    bool overwrite = false;
};

std::string known_townships(const std::vector<grids::AdminUnit>& townships) {
    std::string text;
    for (const auto& t : townships) text += (text.empty() ? "" : ", ") + t.code + " " + t.name;
    return text.empty() ? "none" : text;
}

}  // namespace

void add_map_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<MapCommandOptions>();
    auto* cmd = app.add_subcommand("map", "Draw printable assignment maps: a sheet per township (and a county overview)");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    auto* township = cmd->add_option("--township", opt->township, "Township code: its sheet only");
    auto* all = cmd->add_flag("--all", opt->all, "Every township's sheet and the county overview");
    township->excludes(all);
    cmd->add_option("--format", opt->format, "Output format")->capture_default_str()->check(CLI::IsMember({"pdf", "png", "svg"}));
    cmd->add_option("--output,-o", opt->output,
                    "Output folder (created if missing); other files in it are left alone, an earlier sheet is replaced "
                    "only with --overwrite")
        ->required();
    add_overwrite_flag(*cmd, opt->overwrite);
    cmd->add_option("--paper", opt->paper, "Paper size (orientation follows the area's shape)")
        ->capture_default_str()
        ->check(CLI::IsMember({"A3", "A4", "a3", "a4"}));
    cmd->add_option("--dpi", opt->dpi, "Resolution of PNG sheets")->capture_default_str()->check(number_in(30.0, 1200.0));
    cmd->add_flag("--issues", opt->issues, "Overlay the reported issues");
    cmd->add_option("--date", opt->date,
                    "Date printed on the sheets (2026-09-01, 2026/9/1, 2026年9月1日; default: today in the project's "
                    "time zone)");
    cmd->callback([opt, &console, &exit_code] {
        if (opt->township.empty() && !opt->all) throw UsageError("map needs --township CODE or --all");
        auto project = store::Project::open(opt->project);
        // The day printed: --date, read as every date is, or today in the project's zone.
        const grids::UtcOffset zone = project.info().time_zone;
        std::optional<grids::Date> day;
        if (!opt->date.empty()) day = date_option(opt->date, "--date", zone);
        auto view = load_view(project, true);
        if (!opt->all && std::none_of(view.townships.begin(), view.townships.end(),
                                      [&](const grids::AdminUnit& u) { return u.code == opt->township; })) {
            throw UsageError("--township " + opt->township + ": no such township in the project (townships: " +
                             known_townships(view.townships) + ")");
        }
        const auto lines = project.load_lines();
        // Line responsibility layers (road sections, frontages): their corridors go on the sheets.
        std::vector<grids::ResponsibilityFeature> sections;
        {
            std::set<std::string> line_layers;
            for (const auto& l : project.load_responsibility_layers()) {
                if (l.kind == grids::LayerKind::Line) line_layers.insert(l.name);
            }
            for (auto& f : project.load_responsibility_features()) {
                if (line_layers.count(f.layer)) sections.push_back(std::move(f));
            }
        }
        const exporters::MapOverlays overlays{lines, sections};
        std::vector<grids::IssueReport> issues;
        std::vector<exporters::LocatedIssue> located;
        if (opt->issues) {
            issues = project.load_issues();
            for (const auto& i : issues) located.push_back({&i, {}});
        }
        auto layers = view.layers(project.working_crs());
        layers.issues = located;

        exporters::MapOptions options;
        options.format = *exporters::parse_map_format(opt->format);
        options.paper = *exporters::parse_paper(opt->paper);
        options.dpi = opt->dpi;
        options.issues = opt->issues;
        options.date = day;
        options.zone = zone;
        options.county_name = project.info().county_name;
        options.outputs = geo::OutputRules{{opt->project}, opt->overwrite};
        options.producer = producer();

        std::vector<std::string> codes;
        if (opt->all) {
            for (const auto& t : view.townships) codes.push_back(t.code);
        } else {
            codes.push_back(opt->township);
        }
        // Every sheet's file is checked before the first is drawn: the folder is a container
        // (other files in it stay), each sheet an output of its own.
        std::error_code ec;
        std::filesystem::create_directories(opt->output, ec);
        if (ec) throw OutputError(opt->output, "cli: cannot create the output folder: " + ec.message());
        const auto plan = exporters::plan_map_batch(opt->output, layers, codes, opt->all, options.format);
        for (const auto& sheet : plan) geo::check_output(sheet.path, geo::OutputKind::File, options.outputs);
        // One sheet that cannot be drawn never stops the others (exporters::render_map_batch).
        const auto batch =
            exporters::render_map_batch(opt->output, layers, overlays, plan, options, console.progress("drawing maps"));
        // After the progress line is complete, so the two streams do not interleave on a terminal.
        for (const auto& r : batch.written) {
            console.io.out << "wrote " << r.path << " (dated " << r.date.to_string() << ", " << r.legend.size()
                           << " legend entries, " << r.labels.size() << " labels, scale 1:"
                           << static_cast<long long>(r.transform.scale_denominator()) << ")\n";
            if (!r.owner_table.empty()) console.note("the legend did not fit; full table in " + r.owner_table);
        }
        if (!batch.failed.empty()) {
            // Every failure is told; the first one ends the command with its own exit code.
            for (std::size_t i = 1; i < batch.failed.size(); ++i) {
                console.warn("sheet " + batch.failed[i].sheet + " was not drawn: " + batch.failed[i].message);
            }
            console.warn(std::to_string(batch.failed.size()) + " of " +
                         std::to_string(batch.written.size() + batch.failed.size()) + " sheets were not drawn; sheet " +
                         batch.failed.front().sheet + ":");
            std::rethrow_exception(batch.failed.front().error);
        }
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli

// respgrid map PROJECT --township CODE... | --all --format pdf|png|svg --output DIR
//              [--paper A3|A4] [--dpi 150] [--issues]
// Printable assignment maps (exporters/map_sheet.hpp): one sheet per township, and with --all
// the county overview too, written into DIR as <code>_<name>.<ext> and county_overview.<ext>.
#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/project_view.hpp"
#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {
struct MapOptions {
    std::string project;
    std::vector<std::string> townships;
    bool all = false;
    std::string format = "pdf";
    std::string output;
    std::string paper = "A3";
    double dpi = 150;
    bool issues = false;
};

std::string today() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&now, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
}
}  // namespace

void add_map_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<MapOptions>();
    auto* cmd = app.add_subcommand("map", "Draw printable assignment maps: one sheet per township, and the county overview");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    auto* township = cmd->add_option("--township", opt->townships, "Township code(s) to draw");
    auto* all = cmd->add_flag("--all", opt->all, "Every township and the county overview");
    township->excludes(all);
    cmd->add_option("--format", opt->format, "Sheet format")->capture_default_str()->check(CLI::IsMember({"pdf", "png", "svg"}));
    cmd->add_option("--output,-o", opt->output, "Folder for the sheets")->required();
    cmd->add_option("--paper", opt->paper, "Paper size (landscape or portrait as the area fits)")
        ->capture_default_str()
        ->check(CLI::IsMember({"A3", "A4"}));
    cmd->add_option("--dpi", opt->dpi, "Resolution of PNG sheets")->capture_default_str()->check(CLI::Range(50.0, 600.0));
    cmd->add_flag("--issues", opt->issues, "Draw the located issues as red dots");
    cmd->callback([opt, &console, &exit_code] {
        if (!opt->all && opt->townships.empty()) throw UsageError("give --township CODE or --all");
        auto project = store::Project::open(opt->project);
        auto view = load_view(project, true);
        for (const auto& code : opt->townships) {
            bool known = false;
            for (const auto& t : view.townships) known = known || t.code == code;
            if (!known) throw UsageError("no township with the code " + code + " in " + opt->project);
        }
        auto lines = project.load_lines();
        auto issues = opt->issues ? project.load_issues() : std::vector<grids::IssueReport>{};
        auto located = locate_issues(view, issues);
        exporters::ProjectLayers layers = project_layers(view, project.working_crs());
        layers.issues = located;
        exporters::MapInput input{&layers, lines, view.county.empty() ? std::string() : view.county.front().name};
        exporters::SheetOptions options;
        options.format = *exporters::parse_sheet_format(opt->format);
        options.paper = opt->paper;
        options.dpi = opt->dpi;
        options.issues = opt->issues;
        options.date = today();
        if (view.generation) {
            options.generation = "第" + std::to_string(view.generation->id) + "版 " +
                                 view.generation->created_at.substr(0, 10) + " " + view.generation->method;
        }
        std::error_code ec;
        std::filesystem::create_directories(opt->output, ec);
        if (ec) throw UsageError("cannot create the folder " + opt->output + ": " + ec.message());
        const std::string ext = exporters::extension_of(options.format);
        std::vector<const grids::AdminUnit*> chosen;
        for (const auto& t : view.townships) {
            if (opt->all || std::find(opt->townships.begin(), opt->townships.end(), t.code) != opt->townships.end()) {
                chosen.push_back(&t);
            }
        }
        auto progress = console.progress("drawing");
        const std::size_t sheets = chosen.size() + (opt->all ? 1 : 0);
        std::size_t done = 0;
        auto written = [&](const exporters::SheetResult& r) {
            ++done;
            report(progress, static_cast<double>(done) / static_cast<double>(sheets), r.path);
            console.io.out << r.path << " (1:" << r.scale_denominator << ", " << r.grids_drawn << " grids, "
                           << r.legend.size() << " legend entries" << (r.overflow_csv.empty() ? "" : ", full list in " + r.overflow_csv)
                           << ")\n";
        };
        if (opt->all) {
            written(exporters::render_county_overview(input, (std::filesystem::path(opt->output) / ("county_overview" + ext)).string(),
                                                      options));
        }
        for (const auto* t : chosen) {
            const auto path = std::filesystem::path(opt->output) / (t->code + "_" + t->name + ext);
            written(exporters::render_township_sheet(input, t->code, path.string(), options));
        }
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli

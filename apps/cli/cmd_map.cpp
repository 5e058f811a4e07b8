// respgrid map PROJECT (--township CODE | --all) [--format pdf|png|svg] --output DIR [--paper A3|A4]
//     [--dpi 150] [--issues] [--date DAY]
// Printable assignment maps: one sheet per township, and with --all a county overview. The work
// is ops::draw_maps.
#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "cli/version.hpp"
#include "respgrid/ops/map.hpp"

namespace respgrid::cli {

namespace {

class MapCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("map", "Draw printable assignment maps: a sheet per township (and a county overview)");
        cmd->add_option("PROJECT", options_.project, "Project file")->required()->check(CLI::ExistingFile);
        auto* township = cmd->add_option("--township", township_, "Township code: its sheet only");
        auto* all = cmd->add_flag("--all", all_, "Every township's sheet and the county overview");
        township->excludes(all);
        cmd->add_option("--format", format_, "Output format")->capture_default_str()->check(CLI::IsMember({"pdf", "png", "svg"}));
        cmd->add_option("--output,-o", options_.output,
                        "Output folder (created if missing); other files in it are left alone, an earlier sheet is replaced "
                        "only with --overwrite")
            ->required();
        add_overwrite_flag(*cmd, options_.overwrite);
        cmd->add_option("--paper", paper_, "Paper size (orientation follows the area's shape)")
            ->capture_default_str()
            ->check(CLI::IsMember({"A3", "A4", "a3", "a4"}));
        cmd->add_option("--dpi", options_.dpi, "Resolution of PNG sheets")->capture_default_str()->check(number_in(30.0, 1200.0));
        cmd->add_flag("--issues", options_.issues, "Overlay the reported issues");
        cmd->add_option("--date", date_,
                        "Date printed on the sheets (2026-09-01, 2026/9/1, 2026年9月1日; default: today in the project's "
                        "time zone)");
        return cmd;
    }

    int run(Console& console) override {
        if (township_.empty() && !all_) throw UsageError("map needs --township CODE or --all");
        if (!all_) options_.township = township_;
        options_.format = *exporters::parse_map_format(format_);
        options_.paper = *exporters::parse_paper(paper_);
        if (!date_.empty()) options_.date = time_text_option(date_, "--date");
        options_.now = grids::Instant::now();
        options_.producer = producer();
        const auto batch = ops::draw_maps(options_, console.progress("drawing maps"));
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
        return kOk;
    }

private:
    ops::DrawMapsOptions options_;
    std::string township_;
    bool all_ = false;
    std::string format_ = "pdf";
    std::string paper_ = "A3";
    std::string date_;
};

}  // namespace

std::unique_ptr<Command> make_map_command() { return std::make_unique<MapCommand>(); }

}  // namespace respgrid::cli

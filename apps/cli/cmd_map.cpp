// respgrid map PROJECT (--township CODE | --all | --worker ID | --village CODE) [--per worker|village]
//     [--format pdf|png|svg] --output DIR|BOOK.pdf [--paper A3|A4] [--dpi 150] [--issues] [--date DAY]
// Printable assignment maps: one sheet per township, and with --all a county overview
// (ops::draw_maps); a grid worker's or village's sheet, one per worker or village with --per, or
// all of them as one PDF book (ops::draw_area_maps).
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
        auto* worker = cmd->add_option("--worker", worker_, "Grid worker (owner id): the sheet of the worker's area");
        auto* village = cmd->add_option("--village", village_, "Village code: the village's sheet");
        auto* per = cmd->add_option("--per", per_,
                                    "With --township or --all: a sheet per grid worker's area or per village "
                                    "instead of the township sheets; with --output BOOK.pdf all of them in one PDF "
                                    "after a contents")
                        ->check(CLI::IsMember({"worker", "village"}));
        township->excludes(all);
        for (auto* one : {worker, village}) {
            one->excludes(township)->excludes(all)->excludes(per);
        }
        worker->excludes(village);
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
        if (township_.empty() && !all_ && worker_.empty() && village_.empty()) {
            throw UsageError("map needs --township CODE or --all (or --worker ID, --village CODE)");
        }
        if (!all_ && !township_.empty()) options_.township = township_;
        options_.format = *exporters::parse_map_format(format_);
        options_.paper = *exporters::parse_paper(paper_);
        if (!date_.empty()) options_.date = time_text_option(date_, "--date");
        options_.now = grids::Instant::now();
        options_.producer = producer();
        if (!worker_.empty()) options_.worker = worker_;
        if (!village_.empty()) options_.village = village_;
        if (!per_.empty()) options_.per = exporters::parse_area_kind(per_);
        if (options_.worker || options_.village || options_.per) return run_areas(console);
        const auto batch = ops::draw_maps(options_, console.progress("drawing maps"));
        // After the progress line is complete, so the two streams do not interleave on a terminal.
        for (const auto& r : batch.written) {
            console.io.out << "wrote " << r.path << " (dated " << r.date.to_string() << ", " << r.legend.size()
                           << " legend entries, " << r.labels.size() << " labels, scale 1:"
                           << static_cast<long long>(r.transform.scale_denominator()) << ")\n";
            if (!r.owner_table.empty()) console.note("the legend did not fit; full table in " + r.owner_table);
        }
        report_failures(console, batch.failed, batch.written.size());
        return kOk;
    }

private:
    int run_areas(Console& console) {
        const auto maps = ops::draw_area_maps(options_, console.progress("drawing sheets"));
        if (maps.book) {
            const auto& book = *maps.book;
            std::size_t left_out = 0;
            for (const auto& s : book.sheets) left_out += s.left_out.size();
            console.io.out << "wrote " << book.path << " (" << book.pages << " pages: " << book.contents_pages
                           << " of contents, " << book.sheets.size() << " sheets; " << left_out
                           << " grid numbers left out)\n";
            for (const auto& s : book.sheets) warn_left_out(console, s);
            return kOk;
        }
        const auto& batch = maps.sheets;
        for (const auto& r : batch.written) {
            std::size_t placed = 0;
            for (const auto& page : r.pages) {
                for (const auto& l : page.labels) placed += l.kind == exporters::LabelKind::GridNumber ? 1 : 0;
            }
            for (const auto& file : r.files) console.io.out << "wrote " << file << "\n";
            console.io.out << "  " << r.area.name << " (" << r.area.id << "): dated " << r.date.to_string()
                           << ", scale 1:"
                           << static_cast<long long>(r.scale_denominator) << ", " << r.pages.size() << " pages, "
                           << r.grid_codes.size() << " grids, " << placed << " grid numbers placed, "
                           << r.left_out.size() << " left out\n";
            warn_left_out(console, r);
        }
        report_failures(console, batch.failed, batch.written.size());
        return kOk;
    }

    // Every failure is told; the first one ends the command with its own exit code.
    static void report_failures(Console& console, const std::vector<exporters::SheetFailure>& failed,
                                std::size_t written) {
        if (failed.empty()) return;
        for (std::size_t i = 1; i < failed.size(); ++i) {
            console.warn("sheet " + failed[i].sheet + " was not drawn: " + failed[i].message);
        }
        console.warn(std::to_string(failed.size()) + " of " + std::to_string(written + failed.size()) +
                     " sheets were not drawn; sheet " + failed.front().sheet + ":");
        std::rethrow_exception(failed.front().error);
    }

    static void warn_left_out(Console& console, const exporters::AreaSheetResult& r) {
        if (r.left_out.empty()) return;
        std::string codes;
        for (const auto& c : r.left_out) codes += (codes.empty() ? "" : ", ") + c;
        console.warn(r.area.id + ": no room for the number of " + std::to_string(r.left_out.size()) +
                     " grid(s): " + codes);
    }

    ops::DrawMapsOptions options_;
    std::string worker_, village_, per_;
    std::string township_;
    bool all_ = false;
    std::string format_ = "pdf";
    std::string paper_ = "A3";
    std::string date_;
};

}  // namespace

std::unique_ptr<Command> make_map_command() { return std::make_unique<MapCommand>(); }

}  // namespace respgrid::cli

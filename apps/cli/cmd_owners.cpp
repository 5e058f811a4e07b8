// respgrid owners PROJECT --grid CODE [--category C] [--at TIME] [--json]
// Who answers for one grid: the responsibility layers that cover the grid's representative
// point (a point inside it, GEOS point-on-surface), the category's department and the
// territorial chain, in the order and with the precedence the project's rules give
// (cli/responsibility_view.hpp, docs/semantics.md "Responsibility"), each with its rule.
#include <nlohmann/json.hpp>

#include <memory>

#include "cli/commands.hpp"
#include "cli/responsibility_view.hpp"
#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct OwnersOptions {
    std::string project;
    std::string grid;
    std::string category;
    std::string at;
    bool json = false;
};

}  // namespace

void add_owners_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<OwnersOptions>();
    auto* cmd = app.add_subcommand("owners", "Print who answers for a grid, and for a category there, with the rule of each");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--grid", opt->grid, "Grid code (of the generation valid at --at)")->required();
    cmd->add_option("--category", opt->category, "Issue category: its code, name or an alias (属地兜底 when none matches)");
    cmd->add_option("--at", opt->at,
                    "Time (2026-09-01, 2026-09-01 08:30, 2026/9/1 8:30, 2026年9月1日 8时30分; without an offset in "
                    "the project's time zone; default: now)");
    cmd->add_flag("--json", opt->json, "Print JSON");
    cmd->callback([opt, &console, &exit_code] {
        auto project = store::Project::open(opt->project);
        auto view = ResponsibilityView::load(project, opt->at.empty() ? std::nullopt : std::optional<std::string>(opt->at));
        if (!view.generation()) {
            throw UsageError(project.current_generation()
                                 ? "no grid generation is as old as " + view.at_text() + "; run `respgrid grid` first"
                                 : std::string("the project has no grids yet; run `respgrid grid` first"));
        }
        const auto& generation = *view.generation();
        auto grid = project.find_grid(generation.id, opt->grid);
        if (!grid) throw UsageError("grid " + opt->grid + " is not in generation " + std::to_string(generation.id));
        // The grid's representative point: a point inside it (point-on-surface).
        const geo::XY point = grids::interior_point(grid->cell.geometry);
        auto res = view.resolve(point, opt->grid, opt->category);
        const auto& directory = view.directory();
        const auto& cell = grid->cell;

        auto& out = console.io.out;
        if (opt->json) {
            nlohmann::json j = {{"grid", opt->grid},
                                {"village_code", cell.village_code},
                                {"village_name", directory.unit_name(cell.village_code)},
                                {"township_code", cell.township_code},
                                {"township_name", directory.unit_name(cell.township_code)},
                                {"generation", generation.id},
                                {"at", res.at.to_text(view.zone())},
                                {"point", {{"x", point.x}, {"y", point.y}}},
                                {"rules", view.resolver().rules().source},
                                {"rule", res.rule ? nlohmann::json(res.rule->category) : nlohmann::json(nullptr)},
                                {"deadline_hours", res.deadline_hours ? nlohmann::json(*res.deadline_hours) : nlohmann::json(nullptr)},
                                {"territory_listed", res.territory_listed},
                                {"owners", nlohmann::json::array()},
                                {"notes", res.notes}};
            add_category_json(j, res, view.resolver().catalogue());
            for (const auto& a : res.answers) j["owners"].push_back(answer_json(a));
            out << j.dump(2) << "\n";
        } else {
            out << "grid      " << opt->grid << "  (generation " << generation.id << ", at "
                << res.at.to_text(view.zone()) << ")\n";
            out << "village   " << cell.village_code << "  " << directory.unit_name(cell.village_code) << "\n";
            out << "township  " << cell.township_code << "  " << directory.unit_name(cell.township_code) << "\n";
            print_category(out, res, view.resolver().catalogue());
            for (const auto& a : res.answers) {
                print_answer(out, a);
            }
            for (const auto& n : res.notes) out << "  note: " << n << "\n";
        }
        // Exit 3 when nobody answers, or the territory is listed with an empty role.
        bool complete = !res.answers.empty();
        for (const auto& a : res.answers) complete = complete && a.owner;
        exit_code = complete ? kOk : kDefectsFound;
    });
}

}  // namespace respgrid::cli

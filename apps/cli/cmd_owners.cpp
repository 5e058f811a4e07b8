// respgrid owners PROJECT --grid CODE [--category C] [--at TIME] [--json]
// Who answers for one grid (ops/owners.hpp), as text or JSON.
#include "cli/answer_text.hpp"
#include "views/owners_json.hpp"
#include "cli/commands.hpp"
#include "respgrid/ops/owners.hpp"

namespace respgrid::cli {

namespace {

void print_owners(std::ostream& out, const ops::OwnersResult& r) {
    const auto& res = r.resolution;
    const auto& directory = r.view.directory();
    out << "grid      " << r.grid << "  (generation " << r.generation.id << ", at " << res.at.to_text(r.view.zone())
        << ")\n";
    out << "village   " << r.village_code << "  " << directory.unit_name(r.village_code) << "\n";
    out << "township  " << r.township_code << "  " << directory.unit_name(r.township_code) << "\n";
    print_category(out, res, r.view.resolver().catalogue());
    for (const auto& a : res.answers) print_answer(out, a);
    for (const auto& n : res.notes) out << "  note: " << n << "\n";
}

class OwnersCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("owners", "Print who answers for a grid, and for a category there, with the rule of each");
        cmd->add_option("PROJECT", options_.project, "Project file")->required()->check(CLI::ExistingFile);
        cmd->add_option("--grid", options_.grid, "Grid code (of the generation valid at --at)")->required();
        cmd->add_option("--category", options_.category,
                        "Issue category: its code, name or an alias (属地兜底 when none matches)");
        cmd->add_option("--at", at_,
                        "Time (2026-09-01, 2026-09-01 08:30, 2026/9/1 8:30, 2026年9月1日 8时30分; without an offset "
                        "in the project's time zone; default: now)");
        cmd->add_flag("--json", json_, "Print JSON");
        return cmd;
    }

    int run(Console& console) override {
        if (!at_.empty()) options_.at = time_text_option(at_, "--at");
        const auto result = ops::find_owners(options_);
        if (json_) {
            console.io.out << views::owners_json(result).dump(2) << "\n";
        } else {
            print_owners(console.io.out, result);
        }
        // Exit 3 when nobody answers, or the territory is listed with an empty role.
        return result.complete() ? kOk : kDefectsFound;
    }

private:
    ops::OwnersOptions options_;
    std::string at_;
    bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_owners_command() { return std::make_unique<OwnersCommand>(); }

}  // namespace respgrid::cli

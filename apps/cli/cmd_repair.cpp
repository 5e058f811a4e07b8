// respgrid repair PROJECT --layer villages|townships [--snap M] [--output PREFIX] [--apply]
// Proposes the changes that make a layer tile its parent (make-valid, snap, clip spill, give
// each overlap and gap piece to one neighbour), writes them as PREFIX.json and PREFIX.gpkg, and
// changes the project only with --apply, in one transaction.
#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "respgrid/ops/repair.hpp"

namespace respgrid::cli {

namespace {

void print_plan(std::ostream& out, const ops::RepairResult& r, std::string_view layer) {
    out << "repair of " << r.units << " " << layer << ": " << r.changed_units << " unit(s) change\n";
    for (const auto& [rule, totals] : r.by_rule) {
        std::string name = rule;
        name.resize(12, ' ');
        out << "  " << name << " " << totals.changes << " change(s), " << geo::number_text(totals.area_m2, 2) << " m²\n";
    }
    double drift = r.area_before_m2 > 0 ? (r.area_after_m2 - r.area_before_m2) / r.area_before_m2 : 0.0;
    out << "  area " << geo::number_text(r.area_before_m2, 2) << " m² -> " << geo::number_text(r.area_after_m2, 2)
        << " m² (" << geo::number_text(100.0 * drift, 4) << "%)\n";
    out << "change list: " << r.prefix << ".json, " << r.prefix << ".gpkg\n";
}

class RepairCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand(
            "repair", "Propose (and with --apply make) the changes that let townships or villages tile their parent");
        cmd->add_option("PROJECT", options_.project, "Project file")->required()->check(CLI::ExistingFile);
        cmd->add_option("--layer", layer_, "Layer to repair: villages or townships")
            ->required()
            ->check(CLI::IsMember({std::string(ops::to_string(ops::AuditLayer::Villages)),
                                   std::string(ops::to_string(ops::AuditLayer::Townships))}));
        cmd->add_option("--snap", options_.repair.snap_tolerance_m,
                        "Move vertices within this distance (m) of a neighbour's edge onto it (0: off)")
            ->capture_default_str()
            ->check(number_in(0.0, 100.0));
        cmd->add_option("--output", options_.output,
                        "Write the change list to PREFIX.json and PREFIX.gpkg (default: beside the project, "
                        "<project>.repair-<layer>)");
        cmd->add_flag("--apply", options_.apply, "Apply the changes to the project (one transaction)");
        add_overwrite_flag(*cmd, options_.overwrite);
        return cmd;
    }

    int run(Console& console) override {
        options_.layer = *ops::parse_audit_layer(layer_);  // one of the names checked above
        const auto result = ops::repair_units(options_, console.progress("planning the repair"));
        auto& out = console.io.out;
        print_plan(out, result, layer_);
        if (!result.applied_run) {
            out << "nothing applied; rerun with --apply to make these changes\n";
        } else {
            out << "applied as repair run " << *result.applied_run << ": " << result.updated_units
                << " unit(s) updated\n";
            if (result.grids_outdated) {
                console.note("the grids were cut from the units before the repair: run `respgrid grid` again");
            }
        }
        if (result.unassigned > 0) {
            console.warn(std::to_string(result.unassigned) +
                         " piece(s) could not be given to any unit; see the change list");
        }
        return result.unassigned > 0 ? kDefectsFound : kOk;
    }

private:
    ops::RepairOptions options_;
    std::string layer_;
};

}  // namespace

std::unique_ptr<Command> make_repair_command() { return std::make_unique<RepairCommand>(); }

}  // namespace respgrid::cli

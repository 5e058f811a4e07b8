// respgrid repair PROJECT --layer villages|townships [--snap M] [--output PREFIX] [--apply]
// Proposes the changes that make a layer tile its parent (make-valid, snap, clip spill, give
// each overlap and gap piece to one neighbour), writes them as PREFIX.json and PREFIX.gpkg, and
// changes the project only with --apply, in one transaction.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "cli/audit_layers.hpp"
#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "cli/project_view.hpp"
#include "respgrid/exporters/change_list_gpkg.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/grids/repair.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct RepairCommandOptions {
    std::string project;
    std::string layer;
    grids::RepairOptions repair;
    std::string output;
    bool apply = false;
    bool overwrite = false;
};

// Beside the project, <project>.repair-<layer>; when an earlier run's change list is there, the
// first free <project>.repair-<layer>.N: a name the user did not give never replaces a file.
std::string default_prefix(const std::string& project, const std::string& layer) {
    std::filesystem::path p(project);
    const std::string base = (p.parent_path() / (p.stem().string() + ".repair-" + layer)).string();
    std::string prefix = base;
    for (int n = 2; std::filesystem::exists(prefix + ".json") || std::filesystem::exists(prefix + ".gpkg"); ++n) {
        prefix = base + "." + std::to_string(n);
    }
    return prefix;
}

nlohmann::json changes_json(const grids::RepairPlan& plan, const geo::CoordinateTransform& to_lonlat) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : plan.changes) {
        geo::XY ll = to_lonlat(c.point);
        list.push_back({{"rule", c.rule},
                        {"from", c.from},
                        {"to", c.to},
                        {"area_m2", c.area_m2},
                        {"reason", c.reason},
                        {"x", c.point.x},
                        {"y", c.point.y},
                        {"lon", ll.x},
                        {"lat", ll.y}});
    }
    return list;
}

}  // namespace

void add_repair_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<RepairCommandOptions>();
    auto* cmd = app.add_subcommand(
        "repair", "Propose (and with --apply make) the changes that let townships or villages tile their parent");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--layer", opt->layer, "Layer to repair: villages or townships")
        ->required()
        ->check(CLI::IsMember({"villages", "townships"}));
    cmd->add_option("--snap", opt->repair.snap_tolerance_m,
                    "Move vertices within this distance (m) of a neighbour's edge onto it (0: off)")
        ->capture_default_str()
        ->check(number_in(0.0, 100.0));
    cmd->add_option("--output", opt->output,
                    "Write the change list to PREFIX.json and PREFIX.gpkg (default: beside the project, "
                    "<project>.repair-<layer>)");
    cmd->add_flag("--apply", opt->apply, "Apply the changes to the project (one transaction)");
    add_overwrite_flag(*cmd, opt->overwrite);
    cmd->callback([opt, &console, &exit_code] {
        // The change list's files are checked before the work (geo/output_files.hpp).
        const std::string prefix = opt->output.empty() ? default_prefix(opt->project, opt->layer) : opt->output;
        const geo::OutputRules rules{{opt->project}, opt->overwrite};
        geo::check_output(prefix + ".json", geo::OutputKind::File, rules);
        geo::check_output(prefix + ".gpkg", geo::OutputKind::File, rules);
        auto project = store::Project::open(opt->project);
        if (opt->apply) project.require_writable("repair --apply changes it");
        auto view = load_view(project, false);
        AuditLayer layer = *parse_audit_layer(opt->layer);
        auto inputs = layer_inputs(view, layer);
        if (inputs.items.empty()) throw UsageError("the project has no " + opt->layer + " to repair");
        std::vector<grids::RepairInput> units;
        units.reserve(inputs.items.size());
        for (const auto& item : inputs.items) units.push_back({item.code, item.geometry, item.as_shipped, item.parent});

        auto plan = grids::plan_repair(inputs.county, units, inputs.parents, opt->repair,
                                       console.progress("planning the repair"));

        // The change list is on disk before anything changes.
        geo::CoordinateTransform to_lonlat(project.working_crs(), geo::Crs::cgcs2000());
        nlohmann::json params = {{"layer", opt->layer}, {"snap_m", opt->repair.snap_tolerance_m}};
        nlohmann::json changes = changes_json(plan, to_lonlat);
        {
            nlohmann::json doc = {{"parameters", params},
                                  {"area_before_m2", plan.area_before_m2},
                                  {"area_after_m2", plan.area_after_m2},
                                  {"changed_units", plan.changed_units()},
                                  {"applied", opt->apply},
                                  {"changes", changes}};
            geo::StagedTextFile file(prefix + ".json");
            file.write(doc.dump(2) + "\n");
            file.commit();
        }
        exporters::write_change_list_gpkg(prefix + ".gpkg", project.working_crs(), plan.changes);

        std::map<std::string, std::pair<std::size_t, double>> by_rule;
        std::size_t unassigned = 0;
        for (const auto& c : plan.changes) {
            auto& [n, area] = by_rule[c.rule];
            ++n;
            area += c.area_m2;
            if (c.rule == "unassigned") ++unassigned;
        }
        auto& out = console.io.out;
        out << "repair of " << plan.units.size() << " " << opt->layer << ": " << plan.changed_units()
            << " unit(s) change\n";
        for (const auto& [rule, totals] : by_rule) {
            std::string name = rule;
            name.resize(12, ' ');
            out << "  " << name << " " << totals.first << " change(s), " << format_number(totals.second, 2) << " m²\n";
        }
        double drift = plan.area_before_m2 > 0 ? (plan.area_after_m2 - plan.area_before_m2) / plan.area_before_m2 : 0.0;
        out << "  area " << format_number(plan.area_before_m2, 2) << " m² -> " << format_number(plan.area_after_m2, 2)
            << " m² (" << format_number(100.0 * drift, 4) << "%)\n";
        out << "change list: " << prefix << ".json, " << prefix << ".gpkg\n";

        if (!opt->apply) {
            out << "nothing applied; rerun with --apply to make these changes\n";
        } else {
            std::vector<grids::AdminUnit> repaired;
            grids::AdminLevel level =
                layer == AuditLayer::Townships ? grids::AdminLevel::Township : grids::AdminLevel::Village;
            if (plan.county_made_valid) {  // only its drawn copy is dropped; the outline stays
                grids::AdminUnit county;
                county.level = grids::AdminLevel::County;
                county.code = view.county.front().code;
                county.geometry = view.county.front().geometry.clone();
                repaired.push_back(std::move(county));
            }
            for (auto& u : plan.units) {
                if (!u.changed) continue;
                grids::AdminUnit unit;
                unit.level = level;
                unit.code = u.code;
                unit.geometry = std::move(u.geometry);
                repaired.push_back(std::move(unit));
            }
            long long run = project.apply_unit_repair(repaired, opt->layer, params.dump(), changes.dump());
            out << "applied as repair run " << run << ": " << repaired.size() << " unit(s) updated\n";
            if (view.generation) {
                console.note("the grids were cut from the units before the repair: run `respgrid grid` again");
            }
        }
        if (unassigned > 0) {
            console.warn(std::to_string(unassigned) + " piece(s) could not be given to any unit; see the change list");
        }
        exit_code = unassigned > 0 ? kDefectsFound : kOk;
    });
}

}  // namespace respgrid::cli

#include "respgrid/ops/repair.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "respgrid/exporters/change_list_gpkg.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

namespace {

// Beside the project, <project>.repair-<layer>; when an earlier run's change list is there, the
// first free <project>.repair-<layer>.N: a name the user did not give never replaces a file.
std::string default_prefix(const std::string& project, std::string_view layer) {
    std::filesystem::path p(project);
    const std::string base = (p.parent_path() / (p.stem().string() + ".repair-" + std::string(layer))).string();
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

// PREFIX.json (the parameters, the areas and the changes) and PREFIX.gpkg (the pieces that move).
void write_change_list(const std::string& prefix, const geo::Crs& working_crs, const grids::RepairPlan& plan,
                       const nlohmann::json& params, const nlohmann::json& changes, bool applied) {
    const nlohmann::json doc = {{"parameters", params},
                                {"area_before_m2", plan.area_before_m2},
                                {"area_after_m2", plan.area_after_m2},
                                {"changed_units", plan.changed_units()},
                                {"applied", applied},
                                {"changes", changes}};
    geo::StagedTextFile file(prefix + ".json");
    file.write(doc.dump(2) + "\n");
    file.commit();
    exporters::write_change_list_gpkg(prefix + ".gpkg", working_crs, plan.changes);
}

// The units a plan changes, as the store replaces them; the county too when its own MakeValid
// repair is accepted (only its drawn copy is dropped; the outline stays).
std::vector<grids::AdminUnit> repaired_units(grids::RepairPlan& plan, const AdminLayers& units, AuditLayer layer) {
    std::vector<grids::AdminUnit> repaired;
    if (plan.county_made_valid) {
        grids::AdminUnit county;
        county.level = grids::AdminLevel::County;
        county.code = units.county.front().code;
        county.geometry = units.county.front().geometry.clone();
        repaired.push_back(std::move(county));
    }
    const grids::AdminLevel level =
        layer == AuditLayer::Townships ? grids::AdminLevel::Township : grids::AdminLevel::Village;
    for (auto& u : plan.units) {
        if (!u.changed) continue;
        grids::AdminUnit unit;
        unit.level = level;
        unit.code = u.code;
        unit.geometry = std::move(u.geometry);
        repaired.push_back(std::move(unit));
    }
    return repaired;
}

}  // namespace

RepairResult repair_units(const RepairOptions& options, const Progress& progress) {
    if (options.layer == AuditLayer::Grids) throw UsageError("--layer must be villages or townships, not grids");
    const std::string layer_name(to_string(options.layer));
    RepairResult result;
    // The change list's files are checked before the work (geo/output_files.hpp).
    result.prefix = options.output.empty() ? default_prefix(options.project, layer_name) : options.output;
    const geo::OutputRules rules{{options.project}, options.overwrite};
    geo::check_output(result.prefix + ".json", geo::OutputKind::File, rules);
    geo::check_output(result.prefix + ".gpkg", geo::OutputKind::File, rules);
    auto project = store::Project::open(options.project);
    if (options.apply) project.require_writable("repair --apply changes it");
    const AdminLayers units = load_admin_layers(project);
    const auto& layer_units = units.units_of(options.layer);
    if (layer_units.empty()) throw UsageError("the project has no " + layer_name + " to repair");
    std::vector<grids::RepairInput> inputs;
    inputs.reserve(layer_units.size());
    for (const auto& u : layer_units) {
        inputs.push_back({u.code, &u.geometry, u.as_shipped.is_null() ? nullptr : &u.as_shipped,
                          options.layer == AuditLayer::Townships ? std::string_view() : std::string_view(u.parent_code)});
    }
    const auto parents = units.parents_of(options.layer);
    auto plan = grids::plan_repair(units.county_parent(), inputs, parents, options.repair, progress);

    // The change list is on disk before anything changes.
    const nlohmann::json params = {{"layer", layer_name}, {"snap_m", options.repair.snap_tolerance_m}};
    const nlohmann::json changes = changes_json(plan, geo::CoordinateTransform(project.working_crs(), geo::Crs::cgcs2000()));
    write_change_list(result.prefix, project.working_crs(), plan, params, changes, options.apply);

    for (const auto& c : plan.changes) {
        auto& totals = result.by_rule[c.rule];
        ++totals.changes;
        totals.area_m2 += c.area_m2;
        if (c.rule == "unassigned") ++result.unassigned;
    }
    result.units = plan.units.size();
    result.changed_units = plan.changed_units();
    result.area_before_m2 = plan.area_before_m2;
    result.area_after_m2 = plan.area_after_m2;
    if (options.apply) {
        result.grids_outdated = project.current_generation().has_value();
        const auto repaired = repaired_units(plan, units, options.layer);
        result.applied_run = project.apply_unit_repair(repaired, layer_name, params.dump(), changes.dump());
        result.updated_units = repaired.size();
    }
    result.changes = std::move(plan.changes);
    return result;
}

}  // namespace respgrid::ops

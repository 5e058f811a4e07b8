// respgrid owners PROJECT --grid CODE [--category C] [--json]
// Who answers for one grid of the current generation: the territorial chain with the rule that
// produced each entry and, for a category, its department first. Until the rules file of the
// responsibility model exists, the precedence is the catalogue's: a live department answers
// for its category, and the territory answers as well (属地兜底).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

#include "cli/commands.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct OwnersOptions {
    std::string project;
    std::string grid;
    std::string category;
    bool json = false;
};

struct Entry {
    std::string role;     // "department", "grid_worker", "village", "township", "leader"
    std::string role_zh;
    const grids::Owner* owner = nullptr;  // null: nobody fills the role
    std::string rule;
};

nlohmann::json entry_json(const Entry& e) {
    nlohmann::json j = {{"role", e.role}, {"role_zh", e.role_zh}, {"rule", e.rule}};
    if (e.owner) {
        j["owner_id"] = e.owner->id;
        j["name"] = e.owner->name;
        j["contact"] = e.owner->contact;
        j["phone"] = e.owner->phone;
    } else {
        j["owner_id"] = nullptr;
    }
    return j;
}

}  // namespace

void add_owners_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<OwnersOptions>();
    auto* cmd = app.add_subcommand("owners", "Print who answers for a grid, and for a category there, with the rule of each");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--grid", opt->grid, "Grid code (current generation)")->required();
    cmd->add_option("--category", opt->category, "Issue category code: its department comes first");
    cmd->add_flag("--json", opt->json, "Print JSON");
    cmd->callback([opt, &console, &exit_code] {
        auto project = store::Project::open(opt->project);
        auto generation = project.current_generation();
        if (!generation) throw UsageError("the project has no grids yet; run `respgrid grid` first");
        auto refs = project.load_grid_refs(generation->id);
        auto ref = std::find_if(refs.begin(), refs.end(), [&](const grids::GridRef& r) { return r.code == opt->grid; });
        if (ref == refs.end()) {
            throw UsageError("grid " + opt->grid + " is not in generation " + std::to_string(generation->id));
        }
        std::vector<grids::AdminUnit> names;
        for (auto level : {grids::AdminLevel::Township, grids::AdminLevel::Village}) {
            for (auto& u : project.load_units(level)) names.push_back({u.level, u.code, u.name, u.parent_code, {}, {}});
        }
        std::vector<std::string> codes{opt->grid};
        grids::Directory directory(project.load_owners(), names, project.load_assignments(generation->id, codes));

        std::vector<Entry> entries;
        if (!opt->category.empty()) {
            auto categories = project.load_categories();
            auto c = std::find_if(categories.begin(), categories.end(),
                                  [&](const grids::IssueCategory& k) { return k.code == opt->category; });
            if (c == categories.end()) throw UsageError("category " + opt->category + " is not in the catalogue");
            const grids::Owner* dept = c->department_id.empty() ? nullptr : directory.owner(c->department_id);
            std::string rule = "category " + c->code + " " + c->name + " -> department " +
                               (c->department_id.empty() ? "(none)" : c->department_id);
            if (dept && !dept->active) rule += " (inactive: the territory answers)";
            if (!c->department_id.empty() && !dept) rule += " (not in the roster: the territory answers)";
            entries.push_back({"department", "主管部门", dept && dept->active ? dept : nullptr, rule});
        }
        auto chain = directory.chain(opt->grid);
        for (auto role : grids::kTerritorialRoles) {
            const auto* link = chain.find(role);
            std::string rule = link ? link->rule : "nobody active fills this role";
            if (!opt->category.empty()) rule = "属地兜底 (the territory answers too): " + rule;
            entries.push_back({std::string(grids::to_string(role)), std::string(grids::label_zh(role)),
                               link ? link->owner : nullptr, rule});
        }

        auto& out = console.io.out;
        if (opt->json) {
            nlohmann::json j = {{"grid", opt->grid},
                                {"village_code", ref->village_code},
                                {"village_name", directory.unit_name(ref->village_code)},
                                {"township_code", ref->township_code},
                                {"township_name", directory.unit_name(ref->township_code)},
                                {"generation", generation->id},
                                {"category", opt->category.empty() ? nlohmann::json(nullptr) : nlohmann::json(opt->category)},
                                {"owners", nlohmann::json::array()}};
            for (const auto& e : entries) j["owners"].push_back(entry_json(e));
            out << j.dump(2) << "\n";
        } else {
            out << "grid      " << opt->grid << "  (generation " << generation->id << ")\n";
            out << "village   " << ref->village_code << "  " << directory.unit_name(ref->village_code) << "\n";
            out << "township  " << ref->township_code << "  " << directory.unit_name(ref->township_code) << "\n";
            for (const auto& e : entries) {
                out << "  " << e.role_zh << "  ";
                if (e.owner) {
                    out << e.owner->name;
                    if (!e.owner->contact.empty() && e.owner->contact != e.owner->name) out << "  " << e.owner->contact;
                    if (!e.owner->phone.empty()) out << "  " << e.owner->phone;
                } else {
                    out << "(none)";
                }
                out << "\n      rule: " << e.rule << "\n";
            }
        }
        // Exit 3 when a territorial role is empty: the territory is the fallback for everything.
        exit_code = chain.missing.empty() ? kOk : kDefectsFound;
    });
}

}  // namespace respgrid::cli

// respgrid assign PROJECT: the territorial owner chain of every grid of the current generation.
#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "respgrid/grids/owners.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

void add_assign_command(CLI::App& app, Console& console, int& exit_code) {
    auto project_path = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "assign", "Give every grid its territorial owner chain: grid worker, village, township, 包联 leader");
    cmd->add_option("PROJECT", *project_path, "Project file")->required()->check(CLI::ExistingFile);
    cmd->callback([project_path, &console, &exit_code] {
        auto project = store::Project::open(*project_path);
        project.require_writable("assign stores the owner chains in it");
        auto generation = project.current_generation();
        if (!generation) throw UsageError("the project has no grids yet; run `respgrid grid` first");
        auto refs = project.load_grid_refs(generation->id);
        auto owners = project.load_owners();
        auto assignments = grids::assign_territorial(refs, owners);
        project.replace_assignments(generation->id, assignments);
        std::size_t complete = 0;
        std::map<grids::Role, std::size_t> missing;
        for (const auto& a : assignments) {
            complete += a.missing.empty() ? 1 : 0;
            for (auto role : a.missing) ++missing[role];
        }
        console.io.out << "assigned " << assignments.size() << " grid(s) of generation " << generation->id << ": "
                       << complete << " with a complete chain";
        for (const auto& [role, n] : missing) console.io.out << ", " << n << " without " << grids::to_string(role);
        console.io.out << "\n";
        if (complete < assignments.size()) {
            console.warn("some grids lack an owner; `respgrid audit` lists them");
        }
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli

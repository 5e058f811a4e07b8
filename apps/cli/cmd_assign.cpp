// respgrid assign PROJECT: the territorial owner chain of every grid of the current generation.
#include "cli/commands.hpp"
#include "respgrid/ops/assign.hpp"

namespace respgrid::cli {

namespace {

class AssignCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand(
            "assign", "Give every grid its territorial owner chain: grid worker, village, township, 包联 leader");
        cmd->add_option("PROJECT", options_.project, "Project file")->required()->check(CLI::ExistingFile);
        return cmd;
    }

    int run(Console& console) override {
        const auto result = ops::assign_owners(options_);
        console.io.out << "assigned " << result.grids << " grid(s) of generation " << result.generation_id << ": "
                       << result.complete << " with a complete chain";
        for (const auto& [role, n] : result.missing) {
            console.io.out << ", " << n << " without " << grids::to_string(role);
        }
        console.io.out << "\n";
        if (result.complete < result.grids) console.warn("some grids lack an owner; `respgrid audit` lists them");
        return kOk;
    }

private:
    ops::AssignOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_assign_command() { return std::make_unique<AssignCommand>(); }

}  // namespace respgrid::cli

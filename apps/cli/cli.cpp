#include "cli/cli.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <utility>

#include "cli/bash_completion.hpp"
#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/store/sqlite.hpp"

namespace respgrid::cli {

namespace {

// Who must act decides the exit code (docs/cli.md).
int exit_code_for(const Error& e) {
    if (dynamic_cast<const UsageError*>(&e)) return kUsageError;
    if (dynamic_cast<const ops::LedgerRefusal*>(&e)) return kRefused;
    if (dynamic_cast<const InputError*>(&e) || dynamic_cast<const CrsError*>(&e) ||
        dynamic_cast<const grids::CodeError*>(&e) || dynamic_cast<const grids::LedgerError*>(&e)) {
        return kInputError;
    }
    if (dynamic_cast<const store::StoreError*>(&e)) return kStoreError;
    if (dynamic_cast<const OutputError*>(&e)) return kOutputError;
    if (dynamic_cast<const GeometryError*>(&e)) return kGeometryError;
    return kInternalError;
}

// Usage lines name the program as it was called ("Usage: respgrid import boundaries ..."), as
// GDAL's tools do; "respgrid" when called without a name.
std::string program_name(const std::vector<std::string>& args) {
    const std::string name = args.empty() ? "" : std::filesystem::path(args.front()).filename().string();
    return name.empty() ? "respgrid" : name;
}

// --help-all: the whole help of every command, nested ones too, each under a "respgrid import
// boundaries:" heading with its text indented (CLI11 alone lists one level, without the nested
// commands' options). The man page is made from this text by help2man, which turns each heading
// into a subsection.
class HelpAllFormatter : public CLI::Formatter {
public:
    std::string make_expanded(const CLI::App* sub) const override {
        std::string path;
        for (const CLI::App* a = sub; a; a = a->get_parent()) path = a->get_name() + (path.empty() ? "" : " " + path);
        std::string text = "\n" + path + ":\n";
        std::istringstream help(make_help(sub, path, CLI::AppFormatMode::Normal));
        std::string blank;  // blank lines are kept only between lines of text
        for (std::string line; std::getline(help, line);) {
            // The usage line is a paragraph of its own, after the description.
            if (line.rfind("Usage:", 0) == 0 && !sub->get_description().empty()) blank = "\n";
            if (line.empty()) {
                blank = "\n";
            } else {
                text += std::exchange(blank, "") + "  " + line + "\n";
            }
        }
        for (const CLI::App* nested : sub->get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
            text += make_expanded(nested);
        }
        return text;
    }
};

// What a command printed is only delivered once its stream is flushed: a full disk, a closed pipe
// or `> /dev/full` shows here, and a result the user never got is not a success.
int checked_output(Io& io, int code) {
    io.out.flush();
    if (io.out || code == kOutputError) return code;  // an output error was already reported
    io.err << "respgrid: cli: the results could not be written to standard output (stdout is full or closed)\n";
    return code == kOk || code == kDefectsFound || code == kRowsRejected ? kOutputError : code;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, Io& io) {
    Console console{io, false};
    int exit_code = kOk;
    CLI::App app{"respgrid: divide a county into responsibility grids, give every grid its owners, locate the "
                 "owners of reported issues, prove full coverage, and export QGIS-ready layers.",
                 program_name(args)};
    app.formatter(std::make_shared<HelpAllFormatter>());  // before the subcommands, which share it
    app.set_help_all_flag("--help-all", "Show the help of every subcommand");
    app.set_version_flag("--version", version_text, "Show the version of respgrid and of the GDAL, GEOS, PROJ and "
                                                    "SpatiaLite it runs with, then exit");
    app.add_flag("-q,--quiet", console.quiet, "No progress or notes on stderr (errors and warnings still appear)");
    // Inherited by every subcommand added below: an option a subcommand does not know goes to
    // its parent, so `-q` works anywhere on the line, as in GDAL's tools.
    app.fallthrough();
    // Hidden (no group): the build makes the installed completion script with it.
    app.add_flag_callback(
           "--bash-completion",
           [&app, &io] {
               io.out << bash_completion(app, app.get_name());
               throw CLI::Success();
           },
           "Print a bash completion script and exit")
        ->group("");
    app.require_subcommand(1);
    // Commands in the cli/cmd.hpp shape; each runs when its subcommand was chosen.
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_init_command());
    commands.push_back(make_import_command());
    commands.push_back(make_grid_command());
    commands.push_back(make_assign_command());
    commands.push_back(make_locate_command());
    commands.push_back(make_audit_command());
    commands.push_back(make_repair_command());
    commands.push_back(make_owners_command());
    commands.push_back(make_export_command());
    commands.push_back(make_map_command());
    commands.push_back(make_ledger_command());
    commands.push_back(make_report_command());
    commands.push_back(make_serve_command());
    for (auto& command : commands) {
        CLI::App* sub = command->declare(app);
        sub->callback([&command, &console, &exit_code] { exit_code = command->run(console); });
    }

    std::vector<std::string> reversed(args.rbegin(), args.rend() - (args.empty() ? 0 : 1));
    int code = kOk;
    try {
        app.parse(reversed);  // runs the chosen command's callback
        code = exit_code;
    } catch (const CLI::ParseError& e) {
        code = app.exit(e, io.out, io.err) == 0 ? kOk : kUsageError;
    } catch (const Error& e) {
        io.err << "respgrid: " << e.what() << '\n';
        code = exit_code_for(e);
    } catch (const std::exception& e) {
        io.err << "respgrid: internal error: " << e.what() << '\n';
        code = kInternalError;
    }
    return checked_output(io, code);
}

}  // namespace respgrid::cli

#include "cli/cli.hpp"

#include "cli/commands.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/store/sqlite.hpp"

namespace respgrid::cli {

geo::Crs crs_option(const std::string& text, const std::string& option) {
    try {
        return geo::parse_crs(text);
    } catch (const CrsError& e) {
        throw UsageError(option + " " + text + ": " + e.what());
    }
}

namespace {

// Who must act decides the exit code (docs/cli.md).
int exit_code_for(const Error& e) {
    if (dynamic_cast<const UsageError*>(&e)) return kUsageError;
    if (dynamic_cast<const InputError*>(&e) || dynamic_cast<const CrsError*>(&e) ||
        dynamic_cast<const grids::CodeError*>(&e)) {
        return kInputError;
    }
    if (dynamic_cast<const store::StoreError*>(&e)) return kStoreError;
    if (dynamic_cast<const OutputError*>(&e)) return kOutputError;
    if (dynamic_cast<const GeometryError*>(&e)) return kGeometryError;
    return kInternalError;
}

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
                 "owners of reported issues, prove full coverage, and export QGIS-ready layers."};
    app.set_help_all_flag("--help-all", "Show the help of every subcommand");
    app.add_flag("-q,--quiet", console.quiet, "No progress or notes on stderr (errors and warnings still appear)");
    app.require_subcommand(1);
    add_init_command(app, console, exit_code);
    add_import_command(app, console, exit_code);
    add_grid_command(app, console, exit_code);
    add_assign_command(app, console, exit_code);
    add_locate_command(app, console, exit_code);
    add_audit_command(app, console, exit_code);
    add_repair_command(app, console, exit_code);
    add_owners_command(app, console, exit_code);
    add_export_command(app, console, exit_code);
    add_map_command(app, console, exit_code);

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

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

grids::TimeText time_text(const std::string& text, const std::string& option) {
    auto t = grids::parse_time(text);
    if (!t.value) throw UsageError(option + " '" + text + "' is not a date or time: " + t.error);
    return *t.value;
}

}  // namespace

grids::Instant time_option(const std::string& text, const std::string& option, grids::UtcOffset zone) {
    return time_text(text, option).instant(zone);
}

grids::Date date_option(const std::string& text, const std::string& option, grids::UtcOffset zone) {
    return time_text(text, option).day(zone);
}

grids::UtcOffset zone_option(const std::string& text, const std::string& option) {
    if (auto zone = grids::UtcOffset::parse(text)) return *zone;
    throw UsageError(option + " '" + text + "' is not a time zone: give a UTC offset such as +08:00 or UTC+8 (or "
                     "Asia/Shanghai, which is +08:00); other zone names are not known");
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
    try {
        app.parse(reversed);  // runs the chosen command's callback
        return exit_code;
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e, io.out, io.err);
        return code == 0 ? kOk : kUsageError;
    } catch (const Error& e) {
        io.err << "respgrid: " << e.what() << '\n';
        return exit_code_for(e);
    } catch (const std::exception& e) {
        io.err << "respgrid: internal error: " << e.what() << '\n';
        return kInternalError;
    }
}

}  // namespace respgrid::cli

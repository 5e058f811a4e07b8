#include "cli/cli.hpp"

#include "cli/commands.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
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

const CLI::Validator& gdal_source() {
    static const CLI::Validator validator(
        [](std::string& value) -> std::string {
            std::error_code ec;
            if (std::filesystem::exists(value, ec) || value.starts_with("/vsi")) return {};
            // DRIVER:connection, the driver name two or more letters (one letter would be a drive).
            const auto colon = value.find(':');
            if (colon != std::string::npos && colon >= 2 &&
                std::all_of(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(colon),
                            [](unsigned char c) { return std::isalnum(c) || c == '_'; })) {
                return {};
            }
            return "File does not exist: " + value;
        },
        "FILE", "GDAL source");
    return validator;
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

// respgrid init PROJECT --county-code 411626 --name 淮阳县 [--crs EPSG:4547] [--timezone +08:00]
#include <memory>

#include "cli/commands.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {
struct InitOptions {
    std::string project;
    std::string county_code;
    std::string name;
    std::string crs;
    std::string timezone = "+08:00";
};
}  // namespace

void add_init_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<InitOptions>();
    auto* cmd = app.add_subcommand("init", "Create a new project file (a SpatiaLite database)");
    cmd->add_option("PROJECT", opt->project, "Project file to create, e.g. huaiyang.rgproj")->required();
    cmd->add_option("--county-code", opt->county_code, "6-digit GB/T 2260 county code")->required();
    cmd->add_option("--name", opt->name, "County name, e.g. 淮阳县")->required();
    cmd->add_option("--crs", opt->crs,
                    "Working CRS, a metric EPSG code such as EPSG:4547 (default: the CGCS2000 3-degree zone of the "
                    "county, chosen at the first boundary import)");
    cmd->add_option("--timezone", opt->timezone,
                    "Time zone of the project's times without an offset, validity days, 'now' and map dates: a UTC "
                    "offset (+08:00, UTC+8) or Asia/Shanghai")
        ->capture_default_str();
    cmd->callback([opt, &console, &exit_code] {
        if (!grids::is_valid_code(grids::AdminLevel::County, opt->county_code)) {
            throw UsageError("--county-code must be 6 digits (GB/T 2260), got '" + opt->county_code + "'");
        }
        std::optional<int> epsg;
        if (!opt->crs.empty()) {
            geo::Crs crs = crs_option(opt->crs, "--crs");
            if (crs.kind != geo::CrsKind::Epsg || crs.is_geographic()) {
                throw UsageError("--crs must be a projected (metric) EPSG CRS such as EPSG:4547, got " + opt->crs);
            }
            epsg = crs.epsg;
        }
        const grids::UtcOffset zone = zone_option(opt->timezone, "--timezone");
        auto project = store::Project::create(opt->project, opt->county_code, opt->name, epsg, zone);
        console.io.out << "created " << opt->project << " (county " << opt->county_code << " " << opt->name
                       << ", working CRS "
                       << (epsg ? "EPSG:" + std::to_string(*epsg) : std::string("chosen at the first boundary import"))
                       << ", time zone " << zone.to_string() << ", schema " << project.info().schema_version << ")\n";
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli

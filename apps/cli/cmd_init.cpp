// respgrid init PROJECT --county-code 411626 --name 淮阳县 [--crs EPSG:4547] [--timezone +08:00]
#include "cli/commands.hpp"
#include "respgrid/ops/init.hpp"

namespace respgrid::cli {

namespace {

class InitCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("init", "Create a new project file (a SpatiaLite database)");
        cmd->add_option("PROJECT", options_.project, "Project file to create, e.g. huaiyang.rgproj")->required();
        cmd->add_option("--county-code", options_.county_code, "6-digit GB/T 2260 county code")->required();
        cmd->add_option("--name", options_.name, "County name, e.g. 淮阳县")->required();
        cmd->add_option("--crs", crs_,
                        "Working CRS, a metric EPSG code such as EPSG:4547 (default: the CGCS2000 3-degree zone of the "
                        "county, chosen at the first boundary import)");
        cmd->add_option("--timezone", timezone_,
                        "Time zone of the project's times without an offset, validity days, 'now' and map dates: a UTC "
                        "offset (+08:00, UTC+8) or Asia/Shanghai")
            ->capture_default_str();
        return cmd;
    }

    int run(Console& console) override {
        if (!crs_.empty()) options_.working_crs = crs_option(crs_, "--crs");
        options_.zone = zone_option(timezone_, "--timezone");
        const auto result = ops::init_project(options_);
        console.io.out << "created " << options_.project << " (county " << options_.county_code << " "
                       << options_.name << ", working CRS "
                       << (result.epsg ? "EPSG:" + std::to_string(*result.epsg)
                                       : std::string("chosen at the first boundary import"))
                       << ", time zone " << options_.zone.to_string() << ", schema " << result.schema_version << ")\n";
        return kOk;
    }

private:
    ops::InitOptions options_;
    std::string crs_;
    std::string timezone_ = "+08:00";
};

}  // namespace

std::unique_ptr<Command> make_init_command() { return std::make_unique<InitCommand>(); }

}  // namespace respgrid::cli

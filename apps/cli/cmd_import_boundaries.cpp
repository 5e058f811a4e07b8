// respgrid import boundaries PROJECT FILE --level county|township|village [--code-field ...] [--crs ...]
#include "cli/import_command.hpp"
#include "respgrid/ops/import_boundaries.hpp"

namespace respgrid::cli {

namespace {

class ImportBoundaries : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("boundaries", "Administrative boundaries from any OGR-readable file");
        add_project_file_layer(*sub, options_.project, options_.file, options_.layer,
                               "Shapefile, GeoPackage, GeoJSON, KML, ...");
        sub->add_option("--level", level_, "county, township or village")->required();
        sub->add_option("--code-field", options_.code_field, "Field holding the unit code")->capture_default_str();
        sub->add_option("--name-field", options_.name_field, "Field holding the unit name")->capture_default_str();
        sub->add_option("--parent-field", options_.parent_field, "Field holding the parent code (default: code prefix)");
        sub->add_option("--crs", crs_, std::string("CRS of the file when it is not declared or wrong: ") + kCrsForms);
        return sub;
    }

    int run(Console& console) override {
        auto level = grids::parse_admin_level(level_);
        if (!level) throw UsageError("--level must be county, township or village, got '" + level_ + "'");
        options_.level = *level;
        options_.source_crs = optional_crs(crs_);
        ImportListenerOnConsole listener(console, options_.project);
        const auto r = ops::import_boundaries(options_, listener, console.progress("reading " + level_ + " boundaries"));
        say_encoding(console, r.file);
        console.io.out << "imported " << r.file.imported << " " << level_ << " unit(s) from " << r.file.file << " ("
                       << counts_text(r.file.stored) << ", " << r.file.rejected << " rejected, " << r.repaired
                       << " repaired), source CRS " << r.source_crs.name() << ", total area "
                       << geo::area_km2_text(r.total_area_m2) << "\n";
        return kOk;
    }

private:
    ops::BoundariesImportOptions options_;
    std::string level_;
    std::string crs_;
};

}  // namespace

std::unique_ptr<Command> make_import_boundaries() { return std::make_unique<ImportBoundaries>(); }

}  // namespace respgrid::cli

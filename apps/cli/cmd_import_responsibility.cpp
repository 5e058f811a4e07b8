// respgrid import responsibility PROJECT FILE [--name N] [--kind area|line] [--buffer M] ...
// respgrid import rules PROJECT FILE
#include "cli/import_command.hpp"
#include "cli/option_bounds.hpp"
#include "respgrid/ops/import_responsibility.hpp"

namespace respgrid::cli {

void print_layer_import(const Console& console, const ops::ResponsibilityImportResult& r, double buffer_m) {
    say_encoding(console, r.file);
    console.io.out << "imported responsibility layer " << r.layer.name << " (" << grids::to_string(r.layer.kind);
    if (r.layer.kind == grids::LayerKind::Line) console.io.out << ", buffer " << geo::number_text(buffer_m, 1) << " m";
    console.io.out << "): " << r.file.imported << " feature(s) from " << r.file.file << " (" << r.file.rejected
                   << " rejected; replacing the layer's earlier features)\n";
}

void print_rules_import(const Console& console, const ops::RulesImportResult& r) {
    console.io.out << "imported " << r.rules << " responsibility rule(s) from " << r.file << "\n";
}

namespace {

class ImportResponsibility : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("responsibility",
                                          "A responsibility layer: areas or lines (buffered) with owners");
        add_project_file_layer(*sub, options_.project, options_.file, options_.layer,
                               "Polygon or line layer: SHP, GPKG, GeoJSON, KML...");
        sub->add_option("--name", options_.name, "Layer name the rules use (default: the file's stem)");
        sub->add_option("--kind", kind_, "area or line")->capture_default_str();
        sub->add_option("--buffer", options_.buffer_m, "Line layers: corridor half-width in metres (flat ends)")
            ->capture_default_str()
            ->check(positive_up_to(1000.0));
        sub->add_option("--owner-field", options_.owner_field,
                        "Field holding the owner id (default: owner_id or 责任单位编号...)");
        sub->add_option("--label-field", options_.label_field,
                        "Field holding the label (default: label, name, 名称, 路段)");
        sub->add_option("--crs", crs_, "CRS of the file when it is not declared or wrong");
        return sub;
    }

    int run(Console& console) override {
        auto kind = grids::parse_layer_kind(kind_);
        if (!kind) throw UsageError("--kind must be area or line, got '" + kind_ + "'");
        options_.kind = *kind;
        options_.source_crs = optional_crs(crs_);
        ImportListenerOnConsole listener(console, options_.project);
        print_layer_import(console, ops::import_responsibility(options_, listener), options_.buffer_m);
        return kOk;
    }

private:
    ops::ResponsibilityImportOptions options_;
    std::string kind_ = "area";
    std::string crs_;
};

class ImportRules : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("rules", "The precedence rules of the responsibility layers (JSON)");
        sub->add_option("PROJECT", project_, "Project file")->required()->check(CLI::ExistingFile);
        sub->add_option("FILE", file_, "Rules JSON")->required()->check(CLI::ExistingFile);
        return sub;
    }

    int run(Console& console) override {
        print_rules_import(console, ops::import_rules(project_, file_));
        return kOk;
    }

private:
    std::string project_;
    std::string file_;
};

}  // namespace

std::unique_ptr<Command> make_import_responsibility() { return std::make_unique<ImportResponsibility>(); }
std::unique_ptr<Command> make_import_rules() { return std::make_unique<ImportRules>(); }

}  // namespace respgrid::cli

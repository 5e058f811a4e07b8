// respgrid import lines|weights|dedicated PROJECT FILE [--crs SRC] ...
#include "cli/import_command.hpp"
#include "respgrid/ops/import_layers.hpp"

namespace respgrid::cli {

namespace {

void add_source(CLI::App& sub, ops::LayerFileOptions& source, const std::string& what) {
    add_project_file_layer(sub, source.project, source.file, source.layer, what);
}

class ImportLines : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("lines", "Roads, rivers or railways that grids follow (blocks, balanced)");
        add_source(*sub, options_.source, "Line layer: SHP, GPKG, GeoJSON, KML...");
        sub->add_option("--kind", kind_, "Kind of every line: road (= main_road), main_road, minor_road, rail, river");
        sub->add_option("--kind-field", options_.kind_field, "Field holding each line's kind instead of --kind");
        sub->add_option("--name-field", options_.name_field, "Field holding the line's name")->capture_default_str();
        sub->add_option("--crs", crs_, "CRS of the file when it is not declared or wrong");
        return sub;
    }

    int run(Console& console) override {
        if (!kind_.empty()) {
            options_.kind = grids::parse_line_kind(kind_);
            if (!options_.kind) {
                throw UsageError("--kind must be road, main_road, minor_road, rail or river, got '" + kind_ + "'");
            }
        }
        options_.source.source_crs = optional_crs(crs_);
        ImportListenerOnConsole listener(console, options_.source.project);
        const auto r = ops::import_lines(options_, listener);
        say_encoding(console, r.file);
        console.io.out << "imported " << r.file.imported << " line(s) from " << r.file.file << " (" << r.file.rejected
                       << " rejected; replacing earlier imports of this file):";
        for (const auto& [k, n] : r.by_kind) console.io.out << " " << grids::to_string(k) << "=" << n;
        console.io.out << "\n";
        return kOk;
    }

private:
    ops::LinesImportOptions options_;
    std::string kind_;
    std::string crs_;
};

class ImportWeights : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("weights", "Weighted points for balanced grids: households, population, issues");
        add_source(*sub, options_.source, "Point layer, or CSV/XLSX with lon, lat (and crs) columns");
        sub->add_option("--weight-field", options_.weight_field, "Field holding the weight")->capture_default_str();
        sub->add_option("--crs", crs_, "CRS of the file (or of rows without a crs value)");
        return sub;
    }

    int run(Console& console) override {
        options_.source.source_crs = optional_crs(crs_);
        ImportListenerOnConsole listener(console, options_.source.project);
        const auto r = ops::import_weights(options_, listener);
        say_encoding(console, r.file);
        console.io.out << "imported " << r.file.imported << " weighted point(s) from " << r.file.file << ", total "
                       << options_.weight_field << " " << geo::number_text(r.total_weight, 0) << " (" << r.file.rejected
                       << " rejected; replacing earlier imports of this file)\n";
        return kOk;
    }

private:
    ops::WeightsImportOptions options_;
    std::string crs_;
};

class ImportDedicated : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("dedicated", "Institutions that become their own grids (专属网格)");
        add_source(*sub, options_.source, "Polygon layer: schools, hospitals, markets, parks...");
        sub->add_option("--name-field", options_.name_field, "Field holding the name")->capture_default_str();
        sub->add_option("--type-field", options_.type_field, "Field holding the type (empty: none)")
            ->capture_default_str();
        sub->add_option("--crs", crs_, "CRS of the file when it is not declared or wrong");
        return sub;
    }

    int run(Console& console) override {
        options_.source.source_crs = optional_crs(crs_);
        ImportListenerOnConsole listener(console, options_.source.project);
        const auto r = ops::import_dedicated(options_, listener);
        say_encoding(console, r);
        console.io.out << "imported " << r.imported << " dedicated area(s) from " << r.file << " (" << r.rejected
                       << " rejected; replacing earlier imports of this file)\n";
        return kOk;
    }

private:
    ops::DedicatedImportOptions options_;
    std::string crs_;
};

}  // namespace

std::unique_ptr<Command> make_import_lines() { return std::make_unique<ImportLines>(); }
std::unique_ptr<Command> make_import_weights() { return std::make_unique<ImportWeights>(); }
std::unique_ptr<Command> make_import_dedicated() { return std::make_unique<ImportDedicated>(); }

}  // namespace respgrid::cli

// respgrid import roster PROJECT FILE [--categories FILE] [--area NAME=FILE]... [--line NAME=FILE]... [--rules FILE]
#include "cli/import_command.hpp"
#include "cli/option_bounds.hpp"
#include "respgrid/ops/import_roster.hpp"

namespace respgrid::cli {

namespace {

// NAME=FILE of --area/--line; the file must exist (GDAL opening it is the import's check).
ops::NamedLayerFile named_file(const std::string& value, const std::string& option) {
    auto eq = value.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == value.size()) {
        throw UsageError(option + " takes NAME=FILE, got '" + value + "'");
    }
    std::string file = value.substr(eq + 1);
    if (auto missing = gdal_source()(file); !missing.empty()) throw UsageError(option + " " + value + ": " + missing);
    return {value.substr(0, eq), std::move(file)};
}

class ImportRoster : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("roster", "Owners: units, departments, leaders, grid workers (CSV or Excel)");
        add_project_file_layer(*sub, options_.project, options_.file, options_.layer, "Roster CSV/XLSX");
        sub->add_option("--categories", categories_, "Also import this category table (CSV/XLSX)")->check(gdal_source());
        sub->add_option("--area", areas_, "Also import an area responsibility layer: NAME=FILE (repeatable)");
        sub->add_option("--line", lines_, "Also import a line responsibility layer: NAME=FILE (repeatable)");
        sub->add_option("--buffer", options_.buffer_m, "Half-width in metres of the corridors of --line layers")
            ->capture_default_str()
            ->check(positive_up_to(1000.0));
        sub->add_option("--crs", crs_, "CRS of the --area/--line files when not declared or wrong");
        sub->add_option("--rules", rules_, "Also import the precedence rules (JSON)")->check(CLI::ExistingFile);
        return sub;
    }

    int run(Console& console) override {
        for (const auto& a : areas_) options_.areas.push_back(named_file(a, "--area"));
        for (const auto& l : lines_) options_.lines.push_back(named_file(l, "--line"));
        if (!categories_.empty()) options_.categories_file = categories_;
        if (!rules_.empty()) options_.rules_file = rules_;
        options_.layers_crs = optional_crs(crs_);
        ImportListenerOnConsole listener(console, options_.project);
        ops::RosterImportResult r;
        try {
            r = ops::import_roster(options_, listener);
        } catch (const Error&) {
            console.warn("nothing of this run was stored: the roster, categories, layers and rules go in together");
            throw;
        }
        say_encoding(console, r.roster);
        console.io.out << "imported " << r.roster.imported << " owner(s) from " << r.roster.file << " ("
                       << counts_text(r.roster.stored) << ", " << r.roster.rejected << " rejected):";
        for (const auto& [kind, n] : r.owners_by_kind) console.io.out << " " << grids::to_string(kind) << "=" << n;
        console.io.out << "\n";
        if (r.categories) print_categories_import(console, *r.categories);
        for (const auto& layer : r.layers) print_layer_import(console, layer, options_.buffer_m);
        if (r.rules) print_rules_import(console, *r.rules);
        return kOk;
    }

private:
    ops::RosterImportOptions options_;
    std::string categories_;
    std::vector<std::string> areas_;  // NAME=FILE
    std::vector<std::string> lines_;  // NAME=FILE
    std::string crs_;
    std::string rules_;
};

}  // namespace

std::unique_ptr<Command> make_import_roster() { return std::make_unique<ImportRoster>(); }

}  // namespace respgrid::cli

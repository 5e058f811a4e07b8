// respgrid import categories PROJECT FILE
// respgrid import issues PROJECT FILE [--crs SRC]
#include "cli/import_command.hpp"
#include "respgrid/ops/import_tables.hpp"

namespace respgrid::cli {

void print_categories_import(const Console& console, const ops::ImportedFile& r) {
    say_encoding(console, r);
    console.io.out << "imported " << r.imported << " issue categor" << (r.imported == 1 ? "y" : "ies") << " from "
                   << r.file << " (" << counts_text(r.stored) << ", " << r.rejected << " rejected)\n";
}

namespace {

class ImportCategories : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("categories", "Issue category catalogue (CSV or Excel)");
        add_project_file_layer(*sub, options_.project, options_.file, options_.layer, "Categories CSV/XLSX");
        return sub;
    }

    int run(Console& console) override {
        ImportListenerOnConsole listener(console, options_.project);
        print_categories_import(console, ops::import_categories(options_, listener));
        return kOk;
    }

private:
    ops::TableImportOptions options_;
};

class ImportIssues : public Command {
public:
    CLI::App* declare(CLI::App& import) override {
        auto* sub = import.add_subcommand("issues", "Reported issues with coordinates (CSV or Excel)");
        add_project_file_layer(*sub, options_.project, options_.file, options_.layer,
                               "Issues CSV/XLSX: id, reported_at, lon, lat, crs, category, description");
        sub->add_option("--crs", crs_, std::string("CRS for rows without a crs column value: ") + kCrsForms);
        return sub;
    }

    int run(Console& console) override {
        options_.crs = optional_crs(crs_);
        ImportListenerOnConsole listener(console, options_.project);
        const auto r = ops::import_issues(options_, listener);
        say_encoding(console, r.file);
        console.io.out << "imported " << r.file.imported << " issue(s) from " << r.file.file << " ("
                       << counts_text(r.file.stored) << ", " << r.file.rejected << " rejected)\n";
        if (!r.unrecognised_categories.empty()) {
            console.io.out << r.unrecognised_categories.summary()
                           << (r.catalogue_empty ? " (the project has no catalogue yet: `import categories`)" : "")
                           << "; then import the issues again\n";
        }
        return kOk;
    }

private:
    ops::IssuesImportOptions options_;
    std::string crs_;
};

}  // namespace

std::unique_ptr<Command> make_import_categories() { return std::make_unique<ImportCategories>(); }
std::unique_ptr<Command> make_import_issues() { return std::make_unique<ImportIssues>(); }

}  // namespace respgrid::cli

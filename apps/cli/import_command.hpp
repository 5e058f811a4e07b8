#pragma once
// The subcommands of `respgrid import`: each declares its options under `import`, runs one ops
// import and prints what it gave. ImportListenerOnConsole turns what an import says while it works
// into the terminal's notes and warnings and the rejects file beside the project.

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "respgrid/ops/import.hpp"
#include "respgrid/ops/import_responsibility.hpp"

namespace respgrid::cli {

class ImportListenerOnConsole : public ops::ImportListener {
public:
    ImportListenerOnConsole(const Console& console, std::string project) : console_(console), project_(std::move(project)) {}
    void working_crs_fixed(int epsg) override;
    void warning(const std::string& text) override;
    // Written beside the project as `<file stem>.rejects.csv` (cli/rejects_file.hpp).
    void rejected(const std::string& file, const std::vector<Reject>& rejects) override;

private:
    const Console& console_;
    std::string project_;
};

// PROJECT, FILE (described by `what`) and --layer, which every import of a file takes.
void add_project_file_layer(CLI::App& sub, std::string& project, std::string& file, std::string& layer,
                            const std::string& what);
// "3 new, 1 updated".
std::string counts_text(const store::UpsertCounts& counts);
// A file read as GB18030 (a GBK CSV from Excel, a Shapefile without .cpg) and transcoded says so.
void say_encoding(const Console& console, const ops::ImportedFile& file);
// --crs as given ("" = none).
std::optional<geo::Crs> optional_crs(const std::string& text);

// What the imports a roster run brings along print, alone or in the run.
void print_categories_import(const Console& console, const ops::ImportedFile& r);
void print_layer_import(const Console& console, const ops::ResponsibilityImportResult& r, double buffer_m);
void print_rules_import(const Console& console, const ops::RulesImportResult& r);

std::unique_ptr<Command> make_import_boundaries();
std::unique_ptr<Command> make_import_roster();
std::unique_ptr<Command> make_import_responsibility();
std::unique_ptr<Command> make_import_rules();
std::unique_ptr<Command> make_import_categories();
std::unique_ptr<Command> make_import_lines();
std::unique_ptr<Command> make_import_weights();
std::unique_ptr<Command> make_import_dedicated();
std::unique_ptr<Command> make_import_issues();

}  // namespace respgrid::cli

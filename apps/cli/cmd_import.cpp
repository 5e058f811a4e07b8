// respgrid import boundaries|roster|categories|issues|lines|weights|dedicated|responsibility|rules PROJECT FILE ...
#include "cli/import_command.hpp"
#include "cli/rejects_file.hpp"
#include "respgrid/geo/text_encoding.hpp"

namespace respgrid::cli {

void ImportListenerOnConsole::working_crs_fixed(int epsg) {
    console_.note("working CRS fixed to EPSG:" + std::to_string(epsg) + " (CGCS2000 3-degree Gauss-Krüger zone)");
}

void ImportListenerOnConsole::warning(const std::string& text) { console_.warn(text); }

void ImportListenerOnConsole::rejected(const std::string& file, const std::vector<Reject>& rejects) {
    write_rejects_beside(console_, project_, file, rejects);
}

void add_project_file_layer(CLI::App& sub, std::string& project, std::string& file, std::string& layer,
                            const std::string& what) {
    sub.add_option("PROJECT", project, "Project file")->required()->check(CLI::ExistingFile);
    sub.add_option("FILE", file, what)->required()->check(gdal_source());
    sub.add_option("--layer", layer, "Layer or sheet name (default: the first)");
}

std::string counts_text(const store::UpsertCounts& c) {
    return std::to_string(c.inserted) + " new, " + std::to_string(c.updated) + " updated";
}

void say_encoding(const Console& console, const ops::ImportedFile& file) {
    if (auto note = geo::transcoding_note(file.encoding, file.file); !note.empty()) console.io.out << note << "\n";
}

std::optional<geo::Crs> optional_crs(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return crs_option(text, "--crs");
}

namespace {

// `import` itself: a family of subcommands, one of which runs.
class ImportCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("import", "Import boundaries, the owner roster, issue categories or issues");
        cmd->require_subcommand(1);
        for (auto make : {make_import_boundaries, make_import_roster, make_import_responsibility, make_import_rules,
                          make_import_categories, make_import_lines, make_import_weights, make_import_dedicated,
                          make_import_issues}) {
            auto& sub = subcommands_.emplace_back(make());
            declared_.push_back(sub->declare(*cmd));
        }
        return cmd;
    }

    int run(Console& console) override {
        for (std::size_t i = 0; i < subcommands_.size(); ++i) {
            if (declared_[i]->parsed()) return subcommands_[i]->run(console);
        }
        return kUsageError;  // not reached: CLI11 requires one subcommand
    }

private:
    std::vector<std::unique_ptr<Command>> subcommands_;
    std::vector<CLI::App*> declared_;
};

}  // namespace

std::unique_ptr<Command> make_import_command() { return std::make_unique<ImportCommand>(); }

}  // namespace respgrid::cli

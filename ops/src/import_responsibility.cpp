#include "respgrid/ops/import_responsibility.hpp"

#include <filesystem>

#include "import_steps.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/importers/responsibility.hpp"

namespace respgrid::ops {

ResponsibilityImportResult import_responsibility(store::Project& project, const ResponsibilityImportOptions& opt,
                                                 ImportListener& listener) {
    const auto& file = opt.file;
    importers::ResponsibilityLayerOptions o;
    o.path = file;
    o.layer = opt.layer;
    o.name = opt.name;
    o.kind = opt.kind;
    o.buffer_m = opt.buffer_m;
    o.owner_field = opt.owner_field;
    o.label_field = opt.label_field;
    o.source_crs = opt.source_crs;
    o.target_crs = project.working_crs();
    o.zone = project.info().time_zone;
    auto read = importers::read_responsibility_layer(o);
    const auto owners = detail::owner_ids(project);
    std::vector<grids::ResponsibilityFeature> kept;
    std::vector<geo::Geometry> lines;
    for (std::size_t i = 0; i < read.features.size(); ++i) {
        auto& f = read.features[i];
        if (!owners.count(f.owner_id)) {
            read.rejects.push_back({SourceLocation{file, {}, read.fids[i], "owner_id"},
                                    "owner " + f.owner_id + " is not in the roster (import the roster first)" +
                                        (f.label.empty() ? "" : " (" + f.label + ")")});
            continue;
        }
        kept.push_back(std::move(f));
        lines.push_back(std::move(read.lines[i]));
    }
    detail::settle_rejects(listener, file, read.rejects, kept.size(), read.features_read);
    project.replace_responsibility_layer(read.layer, kept, lines);
    return {{file, read.encoding, kept.size(), read.rejects.size(), {}}, read.layer};
}

ResponsibilityImportResult import_responsibility(const ResponsibilityImportOptions& options, ImportListener& listener) {
    auto project = detail::open_to_import(options.project);
    return import_responsibility(project, options, listener);
}

RulesImportResult import_rules(store::Project& project, const std::string& file) {
    std::vector<std::string> names;
    for (const auto& l : project.load_responsibility_layers()) names.push_back(l.name);
    const auto bytes = geo::read_whole_file(file);
    const std::string text(bytes.begin(), bytes.end());
    auto rules = importers::parse_rules(text, std::filesystem::path(file).filename().string(), names);
    project.store_rules(rules.source, text);
    return {file, rules.rules.size()};
}

RulesImportResult import_rules(const std::string& project, const std::string& file) {
    auto opened = detail::open_to_import(project);
    return import_rules(opened, file);
}

}  // namespace respgrid::ops

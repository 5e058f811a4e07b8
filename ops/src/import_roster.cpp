#include "respgrid/ops/import_roster.hpp"

#include "import_steps.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/importers/roster.hpp"
#include "respgrid/ops/import_tables.hpp"

namespace respgrid::ops {

namespace {

ImportedFile import_owners(store::Project& project, const RosterImportOptions& opt, ImportListener& listener,
                           std::map<grids::OwnerKind, std::size_t>& by_kind) {
    auto read = importers::read_roster(opt.file, opt.layer, project.info().time_zone);
    detail::settle_rejects(listener, opt.file, read.rejects, read.owners.size(), read.rows_read);
    ImportedFile result{opt.file, read.encoding, read.owners.size(), read.rejects.size(), {}};
    result.stored = project.upsert_owners(read.owners);
    for (const auto& o : read.owners) ++by_kind[o.kind];
    return result;
}

void import_layers(store::Project& project, const RosterImportOptions& opt, ImportListener& listener,
                   const std::vector<NamedLayerFile>& files, grids::LayerKind kind, RosterImportResult& result) {
    for (const auto& [name, file] : files) {
        ResponsibilityImportOptions o;
        o.file = file;
        o.name = name;
        o.kind = kind;
        o.buffer_m = opt.buffer_m;
        o.source_crs = opt.layers_crs;
        result.layers.push_back(import_responsibility(project, o, listener));
    }
}

}  // namespace

RosterImportResult import_roster(const RosterImportOptions& opt, ImportListener& listener) {
    // Checked for every file before anything of the run is stored.
    for (const auto* files : {&opt.areas, &opt.lines}) {
        for (const auto& f : *files) (void)geo::open_vector(f.file);
    }
    auto project = detail::open_to_import(opt.project);
    RosterImportResult result;
    project.in_one_transaction([&] {
        result.roster = import_owners(project, opt, listener, result.owners_by_kind);
        if (opt.categories_file) {
            result.categories = import_categories(project, {opt.project, *opt.categories_file, {}}, listener);
        }
        import_layers(project, opt, listener, opt.areas, grids::LayerKind::Area, result);
        import_layers(project, opt, listener, opt.lines, grids::LayerKind::Line, result);
        if (opt.rules_file) result.rules = import_rules(project, *opt.rules_file);
    });
    return result;
}

}  // namespace respgrid::ops

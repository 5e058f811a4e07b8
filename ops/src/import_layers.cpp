#include "respgrid/ops/import_layers.hpp"

#include "import_steps.hpp"
#include "respgrid/importers/layers.hpp"

namespace respgrid::ops {

namespace {

importers::LayerImportOptions layer_options(const LayerFileOptions& opt, const store::Project& project) {
    importers::LayerImportOptions o;
    o.path = opt.file;
    o.layer = opt.layer;
    o.source_crs = opt.source_crs;
    o.target_crs = project.working_crs();
    return o;
}

}  // namespace

LinesImportResult import_lines(const LinesImportOptions& opt, ImportListener& listener) {
    const auto& file = opt.source.file;
    auto project = detail::open_to_import(opt.source.project);
    auto read = importers::read_lines(layer_options(opt.source, project), opt.kind, opt.kind_field, opt.name_field);
    detail::settle_rejects(listener, file, read.rejects, read.lines.size(), read.features_read);
    project.replace_lines(file, read.lines);
    LinesImportResult result{{file, read.encoding, read.lines.size(), read.rejects.size(), {}}, {}};
    for (const auto& l : read.lines) ++result.by_kind[l.kind];
    return result;
}

WeightsImportResult import_weights(const WeightsImportOptions& opt, ImportListener& listener) {
    const auto& file = opt.source.file;
    auto project = detail::open_to_import(opt.source.project);
    auto read = importers::read_weights(layer_options(opt.source, project), opt.weight_field);
    detail::settle_rejects(listener, file, read.rejects, read.points.size(), read.features_read);
    project.replace_weights(file, read.points);
    WeightsImportResult result{{file, read.encoding, read.points.size(), read.rejects.size(), {}}, 0.0};
    for (const auto& p : read.points) result.total_weight += p.weight;
    return result;
}

ImportedFile import_dedicated(const DedicatedImportOptions& opt, ImportListener& listener) {
    const auto& file = opt.source.file;
    auto project = detail::open_to_import(opt.source.project);
    auto read = importers::read_dedicated(layer_options(opt.source, project), opt.name_field, opt.type_field);
    detail::settle_rejects(listener, file, read.rejects, read.areas.size(), read.features_read);
    project.replace_dedicated(file, read.areas);
    return {file, read.encoding, read.areas.size(), read.rejects.size(), {}};
}

}  // namespace respgrid::ops

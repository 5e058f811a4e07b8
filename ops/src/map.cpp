#include "respgrid/ops/map.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "respgrid/geo/output_files.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/project_view.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

namespace {

std::string known_townships(const std::vector<grids::AdminUnit>& townships) {
    std::string text;
    for (const auto& t : townships) text += (text.empty() ? "" : ", ") + t.code + " " + t.name;
    return text.empty() ? "none" : text;
}

// Line responsibility layers (road sections, frontages): their corridors go on the sheets.
std::vector<grids::ResponsibilityFeature> road_sections(store::Project& project) {
    std::set<std::string> line_layers;
    for (const auto& l : project.load_responsibility_layers()) {
        if (l.kind == grids::LayerKind::Line) line_layers.insert(l.name);
    }
    std::vector<grids::ResponsibilityFeature> sections;
    for (auto& f : project.load_responsibility_features()) {
        if (line_layers.count(f.layer)) sections.push_back(std::move(f));
    }
    return sections;
}

exporters::MapOptions sheet_options(const DrawMapsOptions& o, const store::ProjectInfo& info, grids::Date day) {
    exporters::MapOptions options;
    options.format = o.format;
    options.paper = o.paper;
    options.dpi = o.dpi;
    options.issues = o.issues;
    options.date = day;
    options.zone = info.time_zone;
    options.county_name = info.county_name;
    options.outputs = geo::OutputRules{{o.project}, o.overwrite};
    options.producer = o.producer;
    return options;
}

}  // namespace

exporters::MapBatch draw_maps(const DrawMapsOptions& o, const Progress& progress) {
    auto project = store::Project::open(o.project);
    // The day printed: the one asked, or today in the project's zone.
    const grids::UtcOffset zone = project.info().time_zone;
    const grids::Date day = o.date ? o.date->day(zone) : o.now.date_in(zone);
    ViewRequest request;
    request.require_grids = true;
    request.serving_on = day;
    auto view = load_view(project, request);
    std::vector<std::string> codes;
    if (o.township) {
        if (std::none_of(view.townships.begin(), view.townships.end(),
                         [&](const grids::AdminUnit& u) { return u.code == *o.township; })) {
            throw UsageError("--township " + *o.township + ": no such township in the project (townships: " +
                             known_townships(view.townships) + ")");
        }
        codes.push_back(*o.township);
    } else {
        for (const auto& t : view.townships) codes.push_back(t.code);
    }
    const auto lines = project.load_lines();
    const auto sections = road_sections(project);
    const exporters::MapOverlays overlays{lines, sections};
    std::vector<grids::IssueReport> issues;
    std::vector<exporters::LocatedIssue> located;
    if (o.issues) {
        issues = project.load_issues();
        for (const auto& i : issues) located.push_back({&i, {}});
    }
    auto layers = view.layers(project.working_crs());
    layers.issues = located;
    const auto options = sheet_options(o, project.info(), day);

    // Every sheet's file is checked before the first is drawn: the folder is a container
    // (other files in it stay), each sheet an output of its own.
    // The folder is made only once every sheet passed: a refused run leaves nothing behind (a
    // folder that does not exist yet holds no sheet to refuse).
    std::error_code ec;
    const bool folder_exists = std::filesystem::is_directory(o.output, ec);
    const bool overview = !o.township;
    const auto plan = exporters::plan_map_batch(o.output, layers, codes, overview, options.format);
    if (folder_exists) {
        for (const auto& sheet : plan) geo::check_output(sheet.path, geo::OutputKind::File, options.outputs);
    }
    std::filesystem::create_directories(o.output, ec);
    if (ec) throw OutputError(o.output, "cli: cannot create the output folder: " + ec.message());
    // One sheet that cannot be drawn never stops the others (exporters::render_map_batch).
    return exporters::render_map_batch(o.output, layers, overlays, plan, options, progress);
}

}  // namespace respgrid::ops

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

// Everything a sheet is drawn from, loaded once; the layers point into the rest, so it stays put.
struct MapInputs {
    explicit MapInputs(const DrawMapsOptions& o)
        : project(store::Project::open(o.project)),
          // The day printed: the one asked, or today in the project's zone.
          day(o.date ? o.date->day(project.info().time_zone) : o.now.date_in(project.info().time_zone)),
          view(load_view(project, view_request(day))),
          lines(project.load_lines()),
          sections(road_sections(project)),
          overlays{lines, sections},
          options(sheet_options(o, project.info(), day)) {
        if (o.issues) {
            issues = project.load_issues();
            for (const auto& i : issues) located.push_back({&i, {}});
        }
        layers = view.layers(project.working_crs());
        layers.issues = located;
    }
    MapInputs(const MapInputs&) = delete;
    MapInputs& operator=(const MapInputs&) = delete;

    static ViewRequest view_request(grids::Date day) {
        ViewRequest request;
        request.require_grids = true;
        request.serving_on = day;
        return request;
    }

    store::Project project;
    grids::Date day;
    ProjectView view;
    std::vector<grids::LineFeature> lines;
    std::vector<grids::ResponsibilityFeature> sections;
    exporters::MapOverlays overlays;
    std::vector<grids::IssueReport> issues;
    std::vector<exporters::LocatedIssue> located;
    exporters::ProjectLayers layers;
    exporters::MapOptions options;
};

// Makes the output folder once every file passed its check: a refused run leaves nothing behind
// (a folder that does not exist yet holds no file to refuse).
template <typename Paths>
void check_and_make_folder(const std::string& folder, const Paths& paths, const geo::OutputRules& rules) {
    std::error_code ec;
    if (std::filesystem::is_directory(folder, ec)) {
        for (const auto& path : paths) geo::check_output(path, geo::OutputKind::File, rules);
    }
    std::filesystem::create_directories(folder, ec);
    if (ec) throw OutputError(folder, "cli: cannot create the output folder: " + ec.message());
}

}  // namespace

exporters::MapBatch draw_maps(const DrawMapsOptions& o, const Progress& progress) {
    MapInputs in(o);
    std::vector<std::string> codes;
    if (o.township) {
        require_township(in.view, *o.township);
        codes.push_back(*o.township);
    } else {
        for (const auto& t : in.view.townships) codes.push_back(t.code);
    }
    // Every sheet's file is checked before the first is drawn: the folder is a container
    // (other files in it stay), each sheet an output of its own.
    const bool overview = !o.township;
    const auto plan = exporters::plan_map_batch(o.output, in.layers, codes, overview, in.options.format);
    std::vector<std::string> paths;
    for (const auto& sheet : plan) paths.push_back(sheet.path);
    check_and_make_folder(o.output, paths, in.options.outputs);
    // One sheet that cannot be drawn never stops the others (exporters::render_map_batch).
    return exporters::render_map_batch(o.output, in.layers, in.overlays, plan, in.options, progress);
}

bool is_book(const DrawMapsOptions& o) {
    if (!o.per) return false;
    // The extension read as --format reads its value (any case).
    const auto ext = std::filesystem::path(o.output).extension().string();
    return !ext.empty() && exporters::parse_map_format(ext.substr(1)) == exporters::MapFormat::Pdf;
}

AreaMaps draw_area_maps(const DrawMapsOptions& o, const Progress& progress) {
    if (is_book(o) && o.format != exporters::MapFormat::Pdf) {
        throw UsageError("--output " + o.output + ": a book of sheets is a PDF; add --format pdf (or give a folder)");
    }
    MapInputs in(o);
    std::vector<exporters::AreaSpec> areas;
    try {
        if (o.worker) {
            areas.push_back(exporters::find_area(in.layers, exporters::AreaKind::Worker, *o.worker));
        } else if (o.village) {
            areas.push_back(exporters::find_area(in.layers, exporters::AreaKind::Village, *o.village));
        } else {
            if (o.township) require_township(in.view, *o.township);
            std::vector<std::string> codes;
            if (o.township) codes.push_back(*o.township);
            areas = exporters::list_areas(in.layers, o.per.value_or(exporters::AreaKind::Worker), codes);
        }
    } catch (const InputError& e) {
        const std::string option = o.worker ? "--worker " + *o.worker : o.village ? "--village " + *o.village : "";
        throw UsageError(option + ": " + e.what());
    }
    AreaMaps out;
    if (is_book(o)) {
        out.book = exporters::render_area_book(o.output, in.layers, in.overlays, areas, in.options, progress);
        return out;
    }
    const auto plan = exporters::plan_area_sheets(o.output, in.layers, areas, in.options);
    std::vector<std::string> paths;
    for (const auto& p : plan) paths.push_back(p.files.front());
    check_and_make_folder(o.output, paths, in.options.outputs);
    out.sheets = exporters::render_area_sheets(in.layers, in.overlays, plan, in.options, progress);
    return out;
}

}  // namespace respgrid::ops

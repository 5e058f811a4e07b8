// The township sheet: grids filled by grid worker, worker names on their areas, grid sequence
// numbers where they fit, village and township boundaries, roads and rivers, the legend of
// workers with their phones.
#include <algorithm>
#include <filesystem>

#include "map_furniture.hpp"
#include "map_grid_fill.hpp"
#include "map_grid_labels.hpp"
#include "map_layers.hpp"
#include "map_palette.hpp"
#include "map_panel.hpp"
#include "map_sections.hpp"
#include "map_surface.hpp"
#include "map_township_grids.hpp"
#include "respgrid/exporters/file_names.hpp"
#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters {

namespace {

using namespace map;

constexpr const char* kUnowned = "未落实网格员";

std::vector<LegendEntry> legend_entries(const TownshipGrids& tg, const std::vector<RgbColour>& colours,
                                        const grids::Directory* directory) {
    std::vector<LegendEntry> entries;
    for (std::size_t o = 0; o < tg.owners.size(); ++o) {
        const auto& owner = *tg.owners[o].owner;
        LegendEntry e;
        e.name = owner.name;
        e.phone = owner.phone;
        e.unit = directory ? directory->unit_name(owner.unit_code) : owner.unit_code;
        e.grids = tg.owners[o].grids.size();
        e.colour = colours[o];
        entries.push_back(std::move(e));
    }
    if (tg.unowned > 0) {
        LegendEntry e;
        e.name = kUnowned;
        e.grids = tg.unowned;
        e.colour = kUnownedFill;
        e.hatched = true;
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace

std::string township_sheet_stem(const grids::AdminUnit& township) {
    return file_name_part(township.code, 24) + "_" + file_name_part(township.name);
}

SheetResult render_township_sheet(const std::string& dir, const ProjectLayers& layers, const MapOverlays& overlays,
                                  const std::string& township_code, const MapOptions& options,
                                  const std::string& sheet_stem) {
    const auto township_it = std::find_if(layers.townships.begin(), layers.townships.end(),
                                          [&](const grids::AdminUnit& u) { return u.code == township_code; });
    if (township_it == layers.townships.end()) {
        throw InputError({}, "exporters: no township with this code in the project (township='" + township_code + "')");
    }
    const auto township = plain_unit(*township_it);
    std::vector<PlainUnit> villages;
    for (const auto& v : layers.villages) {
        if (v.parent_code == township_code) villages.push_back(plain_unit(v));
    }
    auto tg = collect_grids(layers, township_code);

    const auto frame = frame_sheet(options.paper, township.envelope);
    const auto& [layout, t, view] = frame;
    auto result = start_result(frame);

    std::vector<std::size_t> groups;
    for (const auto& g : tg.grids) groups.push_back(g.owner);
    const auto touching = touching_groups([&](std::size_t i) -> const auto& { return tg.grids[i].polygons; }, groups);
    const auto palette = fill_palette();
    const auto colour_index = colour_apart(tg.owners.size(), touching, palette.size());
    std::vector<RgbColour> colours;
    for (std::size_t c : colour_index) colours.push_back(palette[c]);

    const std::string stem = sheet_stem.empty() ? township_sheet_stem(*township_it) : sheet_stem;
    result.path = (std::filesystem::path(dir) / (stem + "." + std::string(extension(options.format)))).string();
    geo::check_output(result.path, geo::OutputKind::File, options.outputs);
    result.date = sheet_date(options);
    const std::string title = township_it->name + " 网格责任分布图";
    SheetSurface surface(result.path, options.format, layout.page, options.dpi, title, options.producer);
    cairo_t* cr = surface.cr();
    TextPen pen(cr);

    clip_to_map(cr, layout.map_frame);
    // The neighbouring townships in pale grey, so the sheet shows where the township ends.
    std::vector<PlainUnit> neighbours;
    for (const auto& u : layers.townships) {
        if (u.code != township_code && meets(u.geometry.envelope(), view)) neighbours.push_back(plain_unit(u));
    }
    cairo_new_path(cr);
    for (const auto& n : neighbours) add_polygons(cr, n.polygons, t);
    cairo_set_source_rgb(cr, 0.95, 0.95, 0.94);
    cairo_fill(cr);
    fill_grids(cr, tg, colours, t, view);
    stroke_worker_borders(cr, tg, groups, t);
    const auto plain = plain_lines(overlays.lines, view, true);
    draw_lines(cr, plain, t);
    const auto sections = sections_in(overlays.sections, view);
    draw_sections(cr, sections, t);
    stroke_units(cr, villages, t, kVillageBoundary);
    stroke_units(cr, neighbours, t, kNeighbourBoundary);
    stroke_units(cr, std::span(&township, 1), t, kTownshipBoundary);
    if (options.issues) draw_issues(cr, issue_positions(layers.issues), t, view);
    LabelPlacer placer(layout.map_frame);
    place_unit_names(pen, placer, villages, LabelKind::Village, label_size(LabelKind::Village), t);
    place_section_labels(pen, placer, sections, t);
    place_owner_names(pen, placer, tg, t);
    place_grid_labels(pen, placer, tg, t, view);
    draw_labels(cr, pen, placer.placed());
    result.labels = placer.placed();
    cairo_restore(cr);
    draw_frame(cr, layout.map_frame);

    const auto county_name = county_name_of(layers, options);
    draw_title(cr, pen, layout.title, title, county_name + " · 网格化管理 · " + township_it->code);
    std::vector<std::string> footer{
        "制图日期 " + result.date.to_string(),
        "网格代次 第 " + std::to_string(layers.generation_id) + " 代 · 网格 " + std::to_string(tg.grids.size()) +
            " 个 · 网格员 " + std::to_string(tg.owners.size()) + " 名",
        crs_line(layers.working_crs),
        "网格上标注网格代码末位序号，其前为所在村/社区代码",
    };
    result.legend = legend_entries(tg, colours, layers.directory);
    draw_panel(cr, pen, frame, dir,
               {"图例 · 网格员（姓名 村/社区 电话）", line_key(true, true, !sections.empty(), options.issues), std::move(footer),
                stem + "_owners.csv", "网格员", "村/社区", options.outputs},
               result);
    surface.commit();
    return result;
}

}  // namespace respgrid::exporters

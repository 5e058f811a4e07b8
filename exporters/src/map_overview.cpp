// The county overview: townships filled apart, named, with their contact and phone in the legend;
// villages outlined; main roads, railways and rivers. Grids are not drawn: at county scale a
// 100 m grid is a fraction of a millimetre.
#include <algorithm>
#include <filesystem>

#include "map_layers.hpp"
#include "map_furniture.hpp"
#include "map_palette.hpp"
#include "map_panel.hpp"
#include "map_surface.hpp"
#include "unit_owners.hpp"
#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters {

namespace {

using namespace map;

}  // namespace

std::string county_overview_path(const std::string& dir, MapFormat format) {
    return (std::filesystem::path(dir) / ("county_overview." + std::string(extension(format)))).string();
}

SheetResult render_county_overview(const std::string& dir, const ProjectLayers& layers, const MapOverlays& overlays,
                                   const MapOptions& options) {
    std::vector<PlainUnit> county, townships, villages;
    geo::Envelope extent;
    for (const auto& u : layers.county) {
        county.push_back(plain_unit(u));
        extent.expand(county.back().envelope);
    }
    for (const auto& u : layers.townships) {
        townships.push_back(plain_unit(u));
        if (county.empty()) extent.expand(townships.back().envelope);
    }
    for (const auto& u : layers.villages) villages.push_back(plain_unit(u));
    if (extent.empty()) throw InputError({}, "exporters: the project has no county or township boundaries to map");

    const auto frame = frame_sheet(options.paper, extent);
    const auto& [layout, t, view] = frame;
    auto result = start_result(frame);

    const auto touching = touching_units(townships);
    const auto palette = fill_palette();
    const auto colour_index = colour_apart(townships.size(), touching, palette.size());

    result.path = county_overview_path(dir, options.format);
    geo::check_output(result.path, geo::OutputKind::File, options.outputs);
    result.date = sheet_date(options);
    const std::string title = county_name_of(layers, options) + " 网格责任分布总图";
    SheetSurface surface(result.path, options.format, layout.page, options.dpi, title, options.producer);
    cairo_t* cr = surface.cr();
    TextPen pen(cr);

    clip_to_map(cr, layout.map_frame);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (std::size_t i = 0; i < townships.size(); ++i) {
        cairo_new_path(cr);
        add_polygons(cr, townships[i].polygons, t);
        set_colour(cr, palette[colour_index[i]]);
        cairo_fill(cr);
    }
    const auto plain = plain_lines(overlays.lines, view, false);
    draw_lines(cr, plain, t);
    stroke_units(cr, villages, t, {{0.45, 0.45, 0.45}, 0.3, 0});
    stroke_units(cr, townships, t, {kTownshipBoundary.colour, 1.2, 0});
    stroke_units(cr, county, t, kCountyBoundary);
    if (options.issues) draw_issues(cr, issue_positions(layers.issues), t, view);
    LabelPlacer placer(layout.map_frame);
    place_unit_names(pen, placer, townships, LabelKind::Township, label_size(LabelKind::Township), t);
    draw_labels(cr, pen, placer.placed());
    result.labels = placer.placed();
    cairo_restore(cr);
    draw_frame(cr, layout.map_frame);

    draw_title(cr, pen, layout.title, title, "乡镇/街道 " + std::to_string(townships.size()) + " 个 · 村/社区 " +
                                                 std::to_string(villages.size()) + " 个 · 网格 " +
                                                 std::to_string(layers.grids.size()) + " 个");
    std::vector<std::string> footer{
        "制图日期 " + result.date.to_string(),
        "网格代次 第 " + std::to_string(layers.generation_id) + " 代",
        crs_line(layers.working_crs),
        "各乡镇/街道网格明细见分幅图",
    };
    std::vector<std::size_t> grid_counts(townships.size(), 0);
    for (const auto& g : layers.grids) {
        for (std::size_t i = 0; i < townships.size(); ++i) {
            if (townships[i].unit->code == g.township_code) {
                ++grid_counts[i];
                break;
            }
        }
    }
    const detail::UnitOwners unit_owners(layers.directory, layers.serving_on);
    for (std::size_t i = 0; i < townships.size(); ++i) {
        LegendEntry e;
        e.name = townships[i].unit->name;
        if (const auto* owner = unit_owners.of(townships[i].unit->code); owner && owner->kind == grids::OwnerKind::Township) {
            e.unit = owner->contact;
            e.phone = owner->phone;
        }
        e.grids = grid_counts[i];
        e.colour = palette[colour_index[i]];
        result.legend.push_back(std::move(e));
    }
    draw_panel(cr, pen, frame, dir,
               {"图例 · 乡镇/街道（负责人 电话）", line_key(false, false, false, options.issues), std::move(footer),
                "county_overview_townships.csv", "乡镇/街道", "负责人", options.outputs},
               result);
    surface.commit();
    return result;
}

}  // namespace respgrid::exporters

#include "map_panel.hpp"

#include <filesystem>

#include "map_furniture.hpp"

namespace respgrid::exporters::map {

void draw_panel(cairo_t* cr, TextPen& pen, const SheetFrame& frame, const std::string& dir, const PanelContent& content,
                SheetResult& result) {
    const auto& panel = frame.layout.panel;
    const auto furniture = draw_panel_furniture(cr, pen, panel, frame.transform, content.footer);
    result.scale_bar = furniture.scale_bar;
    const PageBox legend_room{panel.x0, panel.y0, panel.x1, furniture.box.y0 - 10};
    const auto placement = draw_legend(cr, pen, legend_room, content.heading, content.key, result.legend, content.table_name);
    result.legend_box = placement.box;
    if (placement.overflow) {
        result.owner_table = (std::filesystem::path(dir) / content.table_name).string();
        geo::check_output(result.owner_table, geo::OutputKind::File, content.outputs);
        write_legend_table(result.owner_table, result.legend, content.name_header, content.unit_header);
    }
}

void clip_to_map(cairo_t* cr, const PageBox& frame) {
    cairo_save(cr);
    cairo_rectangle(cr, frame.x0, frame.y0, frame.width(), frame.height());
    cairo_clip(cr);
}

}  // namespace respgrid::exporters::map

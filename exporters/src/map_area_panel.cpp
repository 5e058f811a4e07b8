#include "map_area_panel.hpp"

#include <algorithm>
#include <numeric>

#include "map_draw.hpp"
#include "map_furniture.hpp"

namespace respgrid::exporters::map {

namespace {

constexpr double kColumnGap = 4;  // points between cells
constexpr double kBlockGap = 8;   // points between side-by-side blocks of rows

struct TableFit {
    double font_pt = 0;
    std::vector<double> widths;
    double row_height = 0;
    std::size_t blocks = 0, rows_per_block = 0;
    [[nodiscard]] std::size_t capacity() const { return blocks * rows_per_block; }
};

TableFit fit_table(TextPen& pen, const PageBox& room, const PanelTable& table, double font_pt) {
    TableFit fit;
    fit.font_pt = font_pt;
    fit.widths.assign(table.headers.size(), 0);
    for (std::size_t c = 0; c < table.headers.size(); ++c) {
        fit.widths[c] = pen.measure(table.headers[c], font_pt, true).width;
        for (const auto& row : table.rows) fit.widths[c] = std::max(fit.widths[c], pen.measure(row[c], font_pt).width);
    }
    fit.row_height = pen.measure("网格0", font_pt).height;
    const double block_width = std::accumulate(fit.widths.begin(), fit.widths.end(), 0.0) +
                               kColumnGap * static_cast<double>(fit.widths.size()) +
                               (table.swatches.empty() ? 0 : fit.row_height);
    fit.blocks = static_cast<std::size_t>(std::max(0.0, (room.width() + kBlockGap) / (block_width + kBlockGap)));
    // The header row, and a last line for what did not fit.
    const double rows = room.height() / fit.row_height - 2;
    fit.rows_per_block = rows > 0 ? static_cast<std::size_t>(rows) : 0;
    return fit;
}

void draw_table(cairo_t* cr, TextPen& pen, const PageBox& room, const PanelTable& table) {
    if (table.headers.empty() || room.height() <= 0) return;
    cairo_set_source_rgb(cr, 0, 0, 0);
    const auto heading = pen.measure(table.heading, 8.5, true);
    pen.draw(table.heading, 8.5, room.x0, room.y0, true);
    const PageBox body{room.x0, room.y0 + heading.height + 2, room.x1, room.y1};
    TableFit fit;
    for (double pt : {7.5, 6.5, 5.5, 4.5}) {
        fit = fit_table(pen, body, table, pt);
        if (fit.capacity() >= table.rows.size()) break;
    }
    const std::size_t shown =
        std::min(table.rows.size(),
                 fit.capacity() >= table.rows.size() ? fit.capacity() : (fit.capacity() > 0 ? fit.capacity() - 1 : 0));
    const double block_width = std::accumulate(fit.widths.begin(), fit.widths.end(), 0.0) +
                               kColumnGap * static_cast<double>(fit.widths.size()) +
                               (table.swatches.empty() ? 0 : fit.row_height);
    const std::size_t used_blocks =
        fit.rows_per_block == 0 ? 0 : std::min(fit.blocks, (shown + fit.rows_per_block - 1) / fit.rows_per_block);
    const double swatch = table.swatches.empty() ? 0 : fit.row_height;
    auto draw_row = [&](const std::vector<std::string>& cells, double x, double y, bool bold) {
        x += swatch;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            pen.draw(cells[c], fit.font_pt, x, y, bold);
            x += fit.widths[c] + kColumnGap;
        }
    };
    for (std::size_t b = 0; b < used_blocks; ++b) {
        const double x = body.x0 + static_cast<double>(b) * (block_width + kBlockGap);
        cairo_set_source_rgb(cr, 0, 0, 0);
        draw_row(table.headers, x, body.y0, true);
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, x, body.y0 + fit.row_height);
        cairo_line_to(cr, x + block_width - kColumnGap, body.y0 + fit.row_height);
        cairo_stroke(cr);
        for (std::size_t r = 0; r < fit.rows_per_block; ++r) {
            const std::size_t row = b * fit.rows_per_block + r;
            if (row >= shown) break;
            // Every other row shaded, so a row reads across.
            const double y = body.y0 + fit.row_height * static_cast<double>(r + 1);
            if (r % 2 == 1) {
                cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
                cairo_rectangle(cr, x, y, block_width - kColumnGap, fit.row_height);
                cairo_fill(cr);
            }
            if (swatch > 0) {
                cairo_rectangle(cr, x + 1, y + 1, swatch - 3, fit.row_height - 2);
                if (table.swatches[row]) {
                    set_colour(cr, *table.swatches[row]);
                    cairo_fill_preserve(cr);
                } else {
                    auto hatch = hatch_pattern();
                    cairo_set_source(cr, hatch.get());
                    cairo_fill_preserve(cr);
                }
                cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
                cairo_set_line_width(cr, 0.3);
                cairo_stroke(cr);
            }
            cairo_set_source_rgb(cr, 0, 0, 0);
            draw_row(table.rows[row], x, y, false);
        }
    }
    if (shown < table.rows.size()) {
        const std::string more = "另有 " + std::to_string(table.rows.size() - shown) + " 行未列出";
        pen.draw(more, fit.font_pt, body.x0, body.y0 + fit.row_height * static_cast<double>(fit.rows_per_block + 1));
    }
}

}  // namespace

void draw_area_panel(cairo_t* cr, TextPen& pen, const PageBox& panel, const PageTransform& t, const AreaPanel& content) {
    const auto furniture = draw_panel_furniture(cr, pen, panel, t, content.footer);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const PageBox contacts{panel.x0, panel.y0, panel.x1, furniture.box.y0};
    double y = panel.y0;
    for (const auto& line : content.contacts) {
        const auto size = pen.measure_wrapped(line, 8, contacts.width());
        pen.draw_wrapped(line, 8, panel.x0, y, contacts.width());
        y += size.height + 1;
    }
    y += 6;
    draw_table(cr, pen, {panel.x0, y, panel.x1, furniture.box.y0 - 10}, content.table);
}

}  // namespace respgrid::exporters::map

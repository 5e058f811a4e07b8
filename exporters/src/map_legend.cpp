#include "map_legend.hpp"

#include <algorithm>
#include <cmath>

#include "map_draw.hpp"
#include "respgrid/exporters/csv.hpp"

namespace respgrid::exporters::map {

namespace {

constexpr double kSwatchWidth = 12;
constexpr double kSwatchGap = 4;
constexpr double kColumnGap = 8;
constexpr double kFontSizes[] = {8, 7, 6.5, 6, 5.5, 5};

std::string entry_text(const LegendEntry& e) {
    std::string text = e.name;
    if (!e.unit.empty()) text += "  " + e.unit;
    if (!e.phone.empty()) text += "  " + e.phone;
    return text;
}

void draw_swatch(cairo_t* cr, const PageBox& box, const LegendEntry& e, cairo_pattern_t* hatch) {
    cairo_rectangle(cr, box.x0, box.y0, box.width(), box.height());
    if (e.hatched) {
        cairo_set_source(cr, hatch);
    } else {
        set_colour(cr, e.colour);
    }
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.4);
    cairo_stroke(cr);
}

void draw_key_symbol(cairo_t* cr, const KeySymbol& s, const PageBox& swatch) {
    set_colour(cr, s.colour);
    const double cy = (swatch.y0 + swatch.y1) / 2;
    switch (s.shape) {
        case KeySymbol::Shape::Line:
            cairo_set_line_width(cr, s.width);
            set_dash(cr, s.dash);
            cairo_move_to(cr, swatch.x0, cy);
            cairo_line_to(cr, swatch.x1, cy);
            cairo_stroke(cr);
            set_dash(cr, 0);
            break;
        case KeySymbol::Shape::Dot:
            cairo_arc(cr, (swatch.x0 + swatch.x1) / 2, cy, s.width, 0, 2 * M_PI);
            cairo_fill(cr);
            break;
        case KeySymbol::Shape::Box:
            cairo_set_line_width(cr, s.width);
            cairo_rectangle(cr, swatch.x0, swatch.y0, swatch.width(), swatch.height());
            cairo_stroke(cr);
            break;
    }
}

// The key's symbols two to a row; returns the height used.
double draw_key(cairo_t* cr, TextPen& pen, const PageBox& room, const std::vector<KeySymbol>& key) {
    const double size_pt = 7;
    const double line_height = pen.measure("网格", size_pt).height * 1.25;
    const double half = room.width() / 2;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const double x = room.x0 + static_cast<double>(i % 2) * half;
        const double y = room.y0 + static_cast<double>(i / 2) * line_height;
        draw_key_symbol(cr, key[i], {x, y + line_height * 0.2, x + kSwatchWidth * 1.5, y + line_height * 0.7});
        cairo_set_source_rgb(cr, 0, 0, 0);
        pen.draw(key[i].label, size_pt, x + kSwatchWidth * 1.5 + kSwatchGap, y);
    }
    return static_cast<double>((key.size() + 1) / 2) * line_height;
}

struct Fit {
    double font_pt;
    double line_height;
    double column_width;
    int columns;
    std::size_t rows;
};

Fit fit_entries(TextPen& pen, const PageBox& room, const std::vector<LegendEntry>& entries, double font_pt) {
    Fit f{font_pt, 0, 0, 1, 0};
    double widest = 0;
    for (const auto& e : entries) widest = std::max(widest, pen.measure(entry_text(e), font_pt).width);
    f.line_height = pen.measure("网格", font_pt).height * 1.15;
    f.column_width = kSwatchWidth + kSwatchGap + widest + kColumnGap;
    f.columns = std::max(1, static_cast<int>((room.width() + kColumnGap) / f.column_width));
    f.rows = static_cast<std::size_t>(std::max(0.0, std::floor(room.height() / f.line_height)));
    return f;
}

}  // namespace

LegendPlacement draw_legend(cairo_t* cr, TextPen& pen, const PageBox& room, const std::string& heading,
                            const std::vector<KeySymbol>& key, std::vector<LegendEntry>& entries,
                            const std::string& table_name) {
    LegendPlacement placement;
    cairo_set_source_rgb(cr, 0, 0, 0);
    const auto heading_size = pen.measure(heading, 10, true);
    pen.draw(heading, 10, room.x0, room.y0, true);
    double y = room.y0 + heading_size.height + 3;
    y += draw_key(cr, pen, {room.x0, y, room.x1, room.y1}, key) + 4;
    const PageBox entry_room{room.x0, y, room.x1, room.y1};

    // Largest font first; fewer columns read better, so a font is kept as soon as its columns
    // hold every entry.
    Fit fit = fit_entries(pen, entry_room, entries, kFontSizes[0]);
    for (double size : kFontSizes) {
        fit = fit_entries(pen, entry_room, entries, size);
        if (static_cast<std::size_t>(fit.columns) * fit.rows >= entries.size()) break;
    }
    const std::size_t capacity = static_cast<std::size_t>(fit.columns) * fit.rows;
    placement.font_pt = fit.font_pt;
    placement.columns = fit.columns;
    placement.overflow = capacity < entries.size();
    // The last slot says where the rest is.
    placement.shown = placement.overflow ? (capacity > 0 ? capacity - 1 : 0) : entries.size();
    // Columns are filled top to bottom, as few rows as the entries need.
    const std::size_t rows = placement.overflow
                                 ? fit.rows
                                 : std::max<std::size_t>(1, (entries.size() + static_cast<std::size_t>(fit.columns) - 1) /
                                                                static_cast<std::size_t>(fit.columns));
    auto hatch = hatch_pattern();
    const double swatch_height = fit.line_height * 0.62;
    auto slot = [&](std::size_t i) {
        const double x = entry_room.x0 + static_cast<double>(i / rows) * fit.column_width;
        const double top = entry_room.y0 + static_cast<double>(i % rows) * fit.line_height;
        // A hair shorter than the line: rows computed as top + i * height must not touch.
        return PageBox{x, top, x + fit.column_width - kColumnGap, top + fit.line_height * 0.98};
    };
    double bottom = y;
    for (std::size_t i = 0; i < placement.shown; ++i) {
        auto& e = entries[i];
        const auto box = slot(i);
        const double swatch_top = box.y0 + (fit.line_height - swatch_height) / 2;
        draw_swatch(cr, {box.x0, swatch_top, box.x0 + kSwatchWidth, swatch_top + swatch_height}, e, hatch.get());
        cairo_set_source_rgb(cr, 0, 0, 0);
        const auto text = entry_text(e);
        const auto size = pen.measure(text, fit.font_pt);
        pen.draw(text, fit.font_pt, box.x0 + kSwatchWidth + kSwatchGap, box.y0 + (fit.line_height - size.height) / 2);
        e.box = box;
        bottom = std::max(bottom, box.y1);
    }
    if (placement.overflow) {
        const auto box = slot(placement.shown);
        const std::string more = "另见附表 " + table_name + "（共 " + std::to_string(entries.size()) + " 项）";
        cairo_set_source_rgb(cr, 0.6, 0, 0);
        pen.draw(more, fit.font_pt, box.x0, box.y0, true);
        bottom = std::max(bottom, box.y1);
    }
    placement.box = {room.x0, room.y0, room.x1, bottom};
    return placement;
}

void write_legend_table(const std::string& path, const std::vector<LegendEntry>& entries, const std::string& name_header,
                        const std::string& unit_header) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : entries) rows.push_back({e.name, e.unit, e.phone, std::to_string(e.grids)});
    write_csv(path, {name_header, unit_header, "电话", "网格数"}, rows);
}

}  // namespace respgrid::exporters::map

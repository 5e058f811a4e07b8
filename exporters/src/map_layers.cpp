#include "map_layers.hpp"

#include <cmath>
#include <cstdio>

#include "map_sections.hpp"
#include "respgrid/geo/linework.hpp"

namespace respgrid::exporters::map {

PlainUnit plain_unit(const grids::AdminUnit& unit) {
    PlainUnit p;
    p.unit = &unit;
    p.polygons = unit.geometry.polygons();
    p.envelope = unit.geometry.envelope();
    // A tolerance of a thousandth of the unit's size: good enough to place a name, cheap.
    const double size = std::max(p.envelope.max_x - p.envelope.min_x, p.envelope.max_y - p.envelope.min_y);
    p.label_point = unit.geometry.is_empty() ? p.envelope.centre() : unit.geometry.max_inscribed_centre(size / 1000);
    return p;
}

std::vector<std::pair<std::size_t, std::size_t>> touching_units(std::span<const PlainUnit> units) {
    constexpr double kTouch = 1.0;  // metres
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t a = 0; a < units.size(); ++a) {
        auto grown = units[a].envelope;
        grown.expand(geo::XY{grown.min_x - kTouch, grown.min_y - kTouch});
        grown.expand(geo::XY{grown.max_x + kTouch, grown.max_y + kTouch});
        for (std::size_t b = a + 1; b < units.size(); ++b) {
            if (meets(grown, units[b].envelope) && units[a].unit->geometry.distance(units[b].unit->geometry) < kTouch) {
                pairs.emplace_back(a, b);
            }
        }
    }
    return pairs;
}

std::vector<PlainLine> plain_lines(std::span<const grids::LineFeature> lines, const geo::Envelope& view,
                                   bool with_minor_roads) {
    std::vector<PlainLine> out;
    for (const auto& l : lines) {
        if (l.geometry.is_null() || (!with_minor_roads && l.kind == grids::LineKind::MinorRoad)) continue;
        auto envelope = l.geometry.envelope();
        if (!meets(envelope, view)) continue;
        out.push_back({l.kind, l.name, geo::paths_of(l.geometry), envelope});
    }
    return out;
}

void stroke_units(cairo_t* cr, std::span<const PlainUnit> units, const PageTransform& t, const Stroke& stroke) {
    cairo_new_path(cr);
    for (const auto& u : units) add_polygons(cr, u.polygons, t);
    set_colour(cr, stroke.colour);
    cairo_set_line_width(cr, stroke.width);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    set_dash(cr, stroke.dash);
    cairo_stroke(cr);
    set_dash(cr, 0);
}

namespace {

struct LineStyle {
    RgbColour colour;
    double width;
    double dash;
};

LineStyle style_of(grids::LineKind kind) {
    switch (kind) {
        case grids::LineKind::River: return {{0.25, 0.55, 0.85}, 1.4, 0};
        case grids::LineKind::MainRoad: return {{0.80, 0.45, 0.15}, 1.1, 0};
        case grids::LineKind::Rail: return {{0.15, 0.15, 0.15}, 1.0, 3};
        case grids::LineKind::MinorRoad: break;
    }
    return {{0.55, 0.55, 0.55}, 0.5, 0};
}

}  // namespace

void draw_lines(cairo_t* cr, std::span<const PlainLine> lines, const PageTransform& t) {
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    // Minor roads under main roads under rails under rivers: the stronger line stays visible.
    for (auto kind : {grids::LineKind::MinorRoad, grids::LineKind::MainRoad, grids::LineKind::Rail, grids::LineKind::River}) {
        const auto style = style_of(kind);
        cairo_new_path(cr);
        for (const auto& l : lines) {
            if (l.kind == kind) add_polylines(cr, l.paths, t);
        }
        set_colour(cr, style.colour);
        cairo_set_line_width(cr, style.width);
        set_dash(cr, style.dash);
        cairo_stroke(cr);
        set_dash(cr, 0);
    }
}

void draw_issues(cairo_t* cr, std::span<const geo::XY> positions, const PageTransform& t, const geo::Envelope& view) {
    cairo_new_path(cr);
    for (const auto& p : positions) {
        if (p.x < view.min_x || p.x > view.max_x || p.y < view.min_y || p.y > view.max_y) continue;
        cairo_new_sub_path(cr);
        cairo_arc(cr, t.page_x(p.x), t.page_y(p.y), 1.6, 0, 2 * M_PI);
    }
    cairo_set_source_rgb(cr, 0.85, 0.05, 0.05);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 0.4);
    cairo_stroke(cr);
}

std::vector<geo::XY> issue_positions(std::span<const LocatedIssue> issues) {
    std::vector<geo::XY> positions;
    for (const auto& i : issues) {
        if (i.issue) positions.push_back(i.issue->position);
    }
    return positions;
}

std::vector<KeySymbol> line_key(bool village_boundaries, bool minor_roads, bool sections, bool issues) {
    std::vector<KeySymbol> key;
    key.push_back({KeySymbol::Shape::Line, kTownshipBoundary.colour, kTownshipBoundary.width, "乡镇/街道界"});
    if (village_boundaries) {
        key.push_back({KeySymbol::Shape::Line, kVillageBoundary.colour, kVillageBoundary.width, "村/社区界", kVillageBoundary.dash});
        key.push_back({KeySymbol::Shape::Line, kWorkerBorder.colour, kWorkerBorder.width, "网格员责任区界"});
        key.push_back({KeySymbol::Shape::Line, kGridBoundary.colour, kGridBoundary.width * 2, "单元网格界"});
    }
    for (auto kind : {grids::LineKind::MainRoad, grids::LineKind::MinorRoad, grids::LineKind::River, grids::LineKind::Rail}) {
        if (kind == grids::LineKind::MinorRoad && !minor_roads) continue;
        static constexpr const char* kNames[] = {"", "次要道路", "主要道路", "铁路", "河流"};
        const auto style = style_of(kind);
        key.push_back({KeySymbol::Shape::Line, style.colour, style.width, kNames[static_cast<int>(kind)], style.dash});
    }
    if (sections) key.push_back({KeySymbol::Shape::Box, kSectionOutline, 1.0, "路段责任区（路长制）"});
    if (issues) key.push_back({KeySymbol::Shape::Dot, {0.85, 0.05, 0.05}, 2.0, "上报问题"});
    return key;
}

double label_size(LabelKind kind) {
    switch (kind) {
        case LabelKind::Township: return 11;
        case LabelKind::Village: return 8;
        case LabelKind::Section: return 5.5;
        case LabelKind::Owner: return 6;
        case LabelKind::GridNumber: return 7;
        case LabelKind::Dedicated: return 6.5;
        case LabelKind::RoadName:
        case LabelKind::RiverName: return 6;
        case LabelKind::Grid: break;
    }
    return 4.5;
}

std::size_t place_unit_names(TextPen& pen, LabelPlacer& placer, std::span<const PlainUnit> units, LabelKind kind,
                             double size_pt, const PageTransform& t) {
    std::size_t placed = 0;
    for (const auto& u : units) {
        const auto size = pen.measure(u.unit->name, size_pt, true);
        const double cx = t.page_x(u.label_point.x), cy = t.page_y(u.label_point.y);
        // Centred first, then nudged up or down by a line: a crowded spot still gets its name.
        for (double shift : {0.0, -1.0, 1.0}) {
            const auto box = centred_box(cx, cy + shift * size.height, size.width, size.height);
            if (placer.try_place(kind, u.unit->name, box)) {
                ++placed;
                break;
            }
        }
    }
    return placed;
}

void draw_labels(cairo_t* cr, TextPen& pen, const std::vector<PlacedLabel>& labels) {
    for (const auto& l : labels) {
        const double x = l.box.x0 + kLabelPadding, y = l.box.y0 + kLabelPadding;
        switch (l.kind) {
            case LabelKind::Grid:
                cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
                pen.draw(l.text, label_size(l.kind), x, y);
                break;
            case LabelKind::GridNumber:
                cairo_set_source_rgb(cr, 0, 0, 0);
                pen.draw_with_halo(l.text, label_size(l.kind), x, y, true);
                break;
            case LabelKind::Dedicated:
                cairo_set_source_rgb(cr, 0.0, 0.35, 0.15);
                pen.draw_with_halo(l.text, label_size(l.kind), x, y, true);
                break;
            case LabelKind::Owner:
                cairo_set_source_rgb(cr, 0.05, 0.15, 0.45);
                pen.draw_with_halo(l.text, label_size(l.kind), x, y);
                break;
            case LabelKind::RoadName:
                cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
                pen.draw_with_halo(l.text, label_size(l.kind), x, y);
                break;
            case LabelKind::RiverName:
                cairo_set_source_rgb(cr, 0.10, 0.45, 0.85);  // lighter than the workers' navy
                pen.draw_with_halo(l.text, label_size(l.kind), x, y);
                break;
            case LabelKind::Section:
                set_colour(cr, kSectionOutline);
                pen.draw_with_halo(l.text, label_size(l.kind), x, y, true);
                break;
            case LabelKind::Village:
            case LabelKind::Township:
                cairo_set_source_rgb(cr, 0, 0, 0);
                pen.draw_with_halo(l.text, label_size(l.kind), x, y, true);
                break;
        }
    }
}

std::string county_name_of(const ProjectLayers& layers, const MapOptions& options) {
    if (!options.county_name.empty()) return options.county_name;
    return layers.county.empty() ? std::string() : layers.county.front().name;
}

std::string crs_line(const geo::Crs& crs) { return "坐标系 " + crs.name() + "（CGCS2000 高斯-克吕格，单位 米）"; }

grids::Date sheet_date(const MapOptions& options) {
    return options.date ? *options.date : grids::Instant::now().date_in(options.zone);
}

void draw_frame(cairo_t* cr, const PageBox& frame) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, frame.x0, frame.y0, frame.width(), frame.height());
    cairo_stroke(cr);
}

}  // namespace respgrid::exporters::map

// The sheet of one grid worker's area or one village (area_sheet.hpp), page by page.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "map_area_panel.hpp"
#include "map_area_render.hpp"
#include "map_furniture.hpp"
#include "map_grid_fill.hpp"
#include "map_grid_labels.hpp"
#include "map_line_names.hpp"
#include "map_palette.hpp"
#include "map_panel.hpp"
#include "respgrid/geo/number_text.hpp"

namespace respgrid::exporters::map {

namespace {

// A worker's area stands out; everything else is background.
constexpr RgbColour kAreaFill{1.0, 0.86, 0.55};
constexpr RgbColour kOtherFill{0.94, 0.94, 0.92};
constexpr Stroke kIndexFrame{{0.80, 0.10, 0.10}, 1.4, 0};

// Households are whole; other workloads keep one decimal.
std::string weight_text(double weight) {
    return std::fabs(weight - std::round(weight)) < 1e-9 ? geo::number_text(weight, 0) : geo::number_text(weight, 1);
}

std::string with_phone(const std::string& who, const std::string& phone) {
    if (who.empty()) return "（未落实）";
    return phone.empty() ? who : who + "  " + phone;
}

}  // namespace

struct AreaRenderer::Township {
    std::string code;
    std::size_t index = 0;  // in townships_
    TownshipGrids tg;
    std::vector<std::size_t> groups;  // grid i's owner
    std::vector<RgbColour> colours;   // per owner, apart from touching owners (as the township sheet)
    std::vector<Polyline> borders;    // between workers' areas
    std::vector<PlainUnit> villages;
};

std::string area_title(const AreaSpec& area) {
    return area.kind == AreaKind::Worker ? area.name + " 网格员责任区图" : area.name + " 网格分布图";
}

AreaRenderer::AreaRenderer(const ProjectLayers& layers, const MapOverlays& overlays, const MapOptions& options)
    : layers_(layers),
      overlays_(overlays),
      options_(options),
      unit_owners_(layers.directory, layers.serving_on),
      measure_surface_(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr)),
      measure_cr_(cairo_create(measure_surface_.get())),
      measure_pen_(std::make_unique<TextPen>(measure_cr_.get())) {
    for (const auto& t : layers.townships) townships_.push_back(plain_unit(t));
}

AreaRenderer::~AreaRenderer() = default;

AreaRenderer::Township& AreaRenderer::township(const std::string& code) {
    if (current_ && current_->code == code) return *current_;
    auto tw = std::make_unique<Township>();
    tw->code = code;
    const auto it =
        std::find_if(townships_.begin(), townships_.end(), [&](const PlainUnit& u) { return u.unit->code == code; });
    if (it == townships_.end()) {
        throw InputError({}, "exporters: no township with this code in the project (township='" + code + "')");
    }
    tw->index = static_cast<std::size_t>(it - townships_.begin());
    tw->tg = collect_grids(layers_, code);
    for (const auto& g : tw->tg.grids) tw->groups.push_back(g.owner);
    const auto polygons_of = [&](std::size_t i) -> const auto& { return tw->tg.grids[i].polygons; };
    const auto palette = fill_palette();
    for (std::size_t c : colour_apart(tw->tg.owners.size(), touching_groups(polygons_of, tw->groups), palette.size())) {
        tw->colours.push_back(palette[c]);
    }
    tw->borders = group_borders(polygons_of, tw->groups);
    for (const auto& v : layers_.villages) {
        if (v.parent_code == code) tw->villages.push_back(plain_unit(v));
    }
    current_ = std::move(tw);
    return *current_;
}

PlannedLayout AreaRenderer::plan(const AreaSpec& area) {
    auto& tw = township(area.township_code);
    PlannedLayout p;
    p.area = area;
    p.grids = select_area(tw.tg, area);
    p.layout = plan_area_layout(*measure_pen_, tw.tg, p.grids, options_.paper);
    return p;
}

void AreaRenderer::draw_map(cairo_t* cr, TextPen& pen, const PlannedLayout& p, const PageBox& frame,
                            const PageTransform& t, const geo::Envelope& view,
                            const std::vector<geo::Envelope>* index_frames, AreaPage& page,
                            std::vector<bool>& numbered) {
    auto& tw = *current_;
    const auto& tg = tw.tg;
    clip_to_map(cr, frame);
    // Neighbouring townships pale, as on the township sheet.
    cairo_new_path(cr);
    for (std::size_t i = 0; i < townships_.size(); ++i) {
        if (i != tw.index && meets(townships_[i].envelope, view)) add_polygons(cr, townships_[i].polygons, t);
    }
    cairo_set_source_rgb(cr, 0.95, 0.95, 0.94);
    cairo_fill(cr);

    // The area's own workers (the worker, or the village's) in colour, everyone else pale.
    std::vector<bool> own(tg.owners.size(), false);
    if (p.area.kind == AreaKind::Worker) {
        own[p.grids.owner] = true;
    } else {
        // Whoever serves the village's grids, wherever the roster registered them.
        for (std::size_t i : p.grids.grids) {
            if (tg.grids[i].owner != kNoOwner) own[tg.grids[i].owner] = true;
        }
    }
    std::vector<RgbColour> colours(tg.owners.size(), kOtherFill);
    for (std::size_t o = 0; o < tg.owners.size(); ++o) {
        if (own[o]) colours[o] = p.area.kind == AreaKind::Worker ? kAreaFill : tw.colours[o];
    }
    fill_grids(cr, tg, colours, t, view);
    // Only what the page shows: a PDF keeps every path drawn, clipped or not.
    std::vector<Polyline> borders;
    for (const auto& b : tw.borders) {
        geo::Envelope e;
        for (const auto& point : b) e.expand(point);
        if (meets(e, view)) borders.push_back(b);
    }
    stroke_borders(cr, borders, t);
    const auto lines = plain_lines(overlays_.lines, view, true);
    draw_lines(cr, lines, t);
    std::vector<PlainUnit> villages;
    for (const auto& v : tw.villages) {
        if (meets(v.envelope, view)) villages.push_back(v);
    }
    stroke_units(cr, villages, t, kVillageBoundary);
    for (std::size_t i = 0; i < townships_.size(); ++i) {
        if (i != tw.index && meets(townships_[i].envelope, view)) {
            stroke_units(cr, std::span(&townships_[i], 1), t, kNeighbourBoundary);
        }
    }
    stroke_units(cr, std::span(&townships_[tw.index], 1), t, kTownshipBoundary);
    if (options_.issues) draw_issues(cr, issue_positions(layers_.issues), t, view);

    LabelPlacer placer(frame);
    if (!index_frames) {
        // The area's numbers first: they are what the sheet is for.
        for (const auto& n : p.layout.numbers) {
            const auto box = centred_box(t.page_x(n.anchor.x), t.page_y(n.anchor.y), n.size.width, n.size.height);
            if (placer.try_place(LabelKind::GridNumber, n.text, box)) numbered[n.grid] = true;
        }
        // A sliver's number beside it: above, below, left or right of its widest spot.
        for (const auto& n : p.layout.numbers) {
            if (numbered[n.grid]) continue;
            const double x = t.page_x(n.anchor.x), y = t.page_y(n.anchor.y);
            const double dx = n.size.width / 2 + 2 * kLabelPadding, dy = n.size.height / 2 + 2 * kLabelPadding;
            for (const auto& [sx, sy] : {std::pair{0.0, -dy}, {0.0, dy}, {-dx, 0.0}, {dx, 0.0}}) {
                if (placer.try_place(LabelKind::GridNumber, n.text,
                                     centred_box(x + sx, y + sy, n.size.width, n.size.height))) {
                    numbered[n.grid] = true;
                    break;
                }
            }
        }
    }
    // Dedicated grids (schools, markets...) by name.
    for (const auto& g : tg.grids) {
        if (!g.cell->dedicated || !meets(g.envelope, view)) continue;
        const std::string& name = g.cell->label.empty() ? g.cell->name : g.cell->label;
        const auto size = pen.measure(name, label_size(LabelKind::Dedicated), true);
        const auto c = g.envelope.centre();
        for (double shift : {1.2, -1.2, 2.2}) {
            const auto box = centred_box(t.page_x(c.x), t.page_y(c.y) + shift * size.height, size.width, size.height);
            if (placer.try_place(LabelKind::Dedicated, name, box)) break;
        }
    }
    // The workers: the area's own on their grids, the neighbours on their grids nearest the area.
    const auto centre = p.grids.extent.centre();
    std::set<std::size_t> visible;
    for (const auto& g : tg.grids) {
        if (g.owner != kNoOwner && meets(g.envelope, view)) visible.insert(g.owner);
    }
    for (std::size_t o : visible) {
        const auto& group = tg.owners[o];
        std::vector<std::size_t> in_view;
        geo::XY middle{0, 0};
        for (std::size_t i : group.grids) {
            const auto& e = tg.grids[i].envelope;
            if (e.min_x >= view.min_x && e.max_x <= view.max_x && e.min_y >= view.min_y && e.max_y <= view.max_y) {
                in_view.push_back(i);
                middle.x += e.centre().x;
                middle.y += e.centre().y;
            }
        }
        if (in_view.empty()) continue;
        middle.x /= static_cast<double>(in_view.size());
        middle.y /= static_cast<double>(in_view.size());
        place_owner_name(pen, placer, tg, group, nearest_grids(tg, in_view, own[o] ? middle : centre, 12), t);
    }
    place_unit_names(pen, placer, tw.villages, LabelKind::Village, label_size(LabelKind::Village), t);
    // Roads and rivers by name last: where anything above left room.
    place_line_names(pen, placer, lines, t, frame);
    draw_labels(cr, pen, placer.placed());
    page.labels = placer.placed();

    if (index_frames) {
        // The map pages' frames with their numbers.
        cairo_new_path(cr);
        for (const auto& f : *index_frames) {
            cairo_rectangle(cr, t.page_x(f.min_x), t.page_y(f.max_y), (f.max_x - f.min_x) * t.points_per_metre,
                            (f.max_y - f.min_y) * t.points_per_metre);
        }
        set_colour(cr, kIndexFrame.colour);
        cairo_set_line_width(cr, kIndexFrame.width);
        cairo_stroke(cr);
        for (std::size_t k = 0; k < index_frames->size(); ++k) {
            const auto& f = (*index_frames)[k];
            const std::string text = std::to_string(k + 1);
            set_colour(cr, kIndexFrame.colour);
            pen.draw_with_halo(text, 16, t.page_x(f.min_x) + 4, t.page_y(f.max_y) + 2, true);
        }
    }
    cairo_restore(cr);
    draw_frame(cr, frame);
}

AreaSheetResult AreaRenderer::draw(const PlannedLayout& p, const PageSource& pages, std::size_t first_page) {
    auto& tw = township(p.area.township_code);
    const auto& tg = tw.tg;
    AreaSheetResult result;
    result.area = p.area;
    result.scale_denominator = p.layout.denominator;
    result.first_page = first_page;
    result.date = sheet_date(options_);
    for (std::size_t i : p.grids.grids) result.grid_codes.push_back(tg.grids[i].cell->code);

    // The panel: who to call, the table, the footer.
    AreaPanel panel;
    const auto chain = layers_.directory ? layers_.directory->chain(tg.grids[p.grids.grids.front()].cell->code)
                                         : grids::ResolvedChain{};
    auto unit_line = [&](const std::string& label, const std::string& code, const std::string& name) {
        const auto* owner = unit_owners_.of(code);
        return label + "  " + name + "  " + (owner ? with_phone(owner->contact, owner->phone) : with_phone("", ""));
    };
    if (p.area.kind == AreaKind::Worker) {
        const auto* worker = tg.owners[p.grids.owner].owner;
        panel.contacts.push_back("网格员  " + with_phone(worker->name, worker->phone));
    }
    panel.contacts.push_back(unit_line("村/社区", p.area.village_code, p.area.village_name));
    panel.contacts.push_back(unit_line("乡镇/街道", p.area.township_code, p.area.township_name));
    panel.contacts.push_back("包联领导  " +
                             with_phone(chain.person(grids::Role::Leader), chain.phone(grids::Role::Leader)));
    double area_m2 = 0, weight = 0;
    for (std::size_t i : p.grids.grids) {
        area_m2 += tg.grids[i].cell->area_m2;
        weight += tg.grids[i].cell->weight;
    }
    if (p.area.kind == AreaKind::Worker) {
        // Household weights exist on balanced grids only: a column of zeros says nothing.
        const bool weighted = weight > 0;
        panel.table.heading = "责任网格 " + std::to_string(p.grids.grids.size()) + " 个 · " +
                              geo::number_text(area_m2 / 10000, 1) + " 公顷" + (weighted ? " · 户数 " + weight_text(weight) : "");
        panel.table.headers = {"序号", "面积/公顷"};
        if (weighted) panel.table.headers.push_back("户数");
        for (const auto& n : p.layout.numbers) {
            const auto& cell = *tg.grids[n.grid].cell;
            panel.table.rows.push_back({n.text + (cell.dedicated ? "*" : ""), geo::number_text(cell.area_m2 / 10000, 2)});
            if (weighted) panel.table.rows.back().push_back(weight_text(cell.weight));
        }
    } else {
        panel.table.heading =
            "网格员 · 网格 " + std::to_string(p.grids.grids.size()) + " 个 · " + geo::number_text(area_m2 / 10000, 1) + " 公顷";
        panel.table.headers = {"网格员", "电话", "网格数"};
        std::vector<std::size_t> counts(tg.owners.size() + 1, 0);
        for (std::size_t i : p.grids.grids) {
            ++counts[tg.grids[i].owner == kNoOwner ? tg.owners.size() : tg.grids[i].owner];
        }
        for (std::size_t o = 0; o < tg.owners.size(); ++o) {
            if (counts[o] > 0) {
                panel.table.rows.push_back(
                    {tg.owners[o].owner->name, tg.owners[o].owner->phone, std::to_string(counts[o])});
                panel.table.swatches.emplace_back(tw.colours[o]);
            }
        }
        if (counts.back() > 0) {
            panel.table.rows.push_back({"未落实网格员", "", std::to_string(counts.back())});
            panel.table.swatches.emplace_back(std::nullopt);
        }
    }
    const std::string title = area_title(p.area);
    std::string subtitle = county_name_of(layers_, options_) + " · " + p.area.township_name;
    if (p.area.kind == AreaKind::Worker) subtitle += " · " + p.area.village_name;
    subtitle += " · " + p.area.id;
    const std::size_t map_pages = p.layout.views.size();
    auto footer = [&](std::size_t number, std::size_t of) {
        std::vector<std::string> lines{
            "制图日期 " + result.date.to_string(),
            "网格代次 第 " + std::to_string(layers_.generation_id) + " 代" +
                (of > 1 ? " · 第 " + std::to_string(number + 1) + " 页 / 共 " + std::to_string(of) + " 页" : ""),
            crs_line(layers_.working_crs),
            "网格上标注网格代码末位序号（*为专属网格）",
        };
        if (first_page > 0) lines.push_back("本册第 " + std::to_string(first_page + number) + " 页");
        return lines;
    };

    const std::size_t count = p.page_count();
    std::size_t number = 0;
    std::vector<bool> numbered(tg.grids.size(), false);
    if (p.layout.split()) {
        const auto frame = frame_sheet(options_.paper, p.layout.covered);
        cairo_t* cr = pages(frame.layout.page, number);
        TextPen pen(cr);
        AreaPage page{frame.layout.page, frame.layout.map_frame, frame.transform, true, {}};
        draw_map(cr, pen, p, frame.layout.map_frame, frame.transform, frame.view, &p.layout.views, page, numbered);
        draw_title(
            cr, pen, frame.layout.title, title + "（索引图）",
            subtitle + " · 分 " + std::to_string(map_pages) + " 幅，比例尺 " + format_scale(p.layout.denominator));
        panel.footer = footer(number, count);
        draw_area_panel(cr, pen, frame.layout.panel, frame.transform, panel);
        result.pages.push_back(std::move(page));
        ++number;
    }
    const auto& layout = p.layout.layout;
    for (std::size_t k = 0; k < map_pages; ++k, ++number) {
        const auto& view = p.layout.views[k];
        const auto t = view_transform(view, layout.map_frame, p.layout.denominator);
        cairo_t* cr = pages(layout.page, number);
        TextPen pen(cr);
        AreaPage page{layout.page, layout.map_frame, t, false, {}};
        draw_map(cr, pen, p, layout.map_frame, t, view, nullptr, page, numbered);
        draw_title(cr, pen, layout.title, map_pages > 1 ? title + "（第 " + std::to_string(k + 1) + " 幅）" : title,
                   subtitle);
        panel.footer = footer(number, count);
        draw_area_panel(cr, pen, layout.panel, t, panel);
        result.pages.push_back(std::move(page));
    }
    for (const auto& n : p.layout.numbers) {
        if (!numbered[n.grid]) result.left_out.push_back(tg.grids[n.grid].cell->code);
    }
    return result;
}

}  // namespace respgrid::exporters::map

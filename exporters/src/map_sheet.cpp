// The township sheet and the county overview: page layout, the map drawn from working-CRS
// metres (a Gauss-Krüger projection, so the scale bar is plain metres), labels placed without
// collisions, the legend fitted to its box.
#include "respgrid/exporters/map_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "default_styles.hpp"
#include "map_canvas.hpp"
#include "map_labels.hpp"
#include "respgrid/exporters/csv.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/linework.hpp"

namespace respgrid::exporters {

namespace {

using detail::MapCanvas;
using detail::TextStyle;

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr Rgba kMagenta{255, 0, 255, 255};
constexpr Rgba kInk{25, 25, 60, 255};
constexpr Rgba kNoWorker{215, 215, 215, 255};

struct Layout {
    double width = 0, height = 0;  // page, pt
    PageBox title, map, legend, footer;
};

// Landscape or portrait, whichever shows the area larger; the legend on the right (landscape)
// or below (portrait).
Layout layout_for(const std::string& paper, const geo::Envelope& area) {
    const bool a4 = paper == "A4" || paper == "a4";
    const double long_side = (a4 ? 297 : 420) * kPtPerMm, short_side = (a4 ? 210 : 297) * kPtPerMm;
    const double aspect = (area.max_x - area.min_x) / std::max(1.0, area.max_y - area.min_y);
    const bool landscape = aspect >= 0.75;
    Layout l;
    l.width = landscape ? long_side : short_side;
    l.height = landscape ? short_side : long_side;
    const double margin = 12 * kPtPerMm, title_h = 16 * kPtPerMm, footer_h = 8 * kPtPerMm;
    l.title = {margin, margin, l.width - margin, margin + title_h};
    l.footer = {margin, l.height - margin - footer_h, l.width - margin, l.height - margin};
    const double top = l.title.y1 + 3 * kPtPerMm, bottom = l.footer.y0 - 3 * kPtPerMm;
    if (landscape) {
        const double legend_w = (a4 ? 70 : 100) * kPtPerMm;
        l.map = {margin, top, l.width - margin - legend_w - 4 * kPtPerMm, bottom};
        l.legend = {l.map.x1 + 4 * kPtPerMm, top, l.width - margin, bottom};
    } else {
        const double legend_h = (a4 ? 60 : 85) * kPtPerMm;
        l.map = {margin, top, l.width - margin, bottom - legend_h - 4 * kPtPerMm};
        l.legend = {margin, l.map.y1 + 4 * kPtPerMm, l.width - margin, bottom};
    }
    return l;
}

// World (working CRS metres) to page points, the area centred in the frame.
struct Projection {
    Projection(const geo::Envelope& area, const PageBox& frame) {
        const double w = area.max_x - area.min_x, h = area.max_y - area.min_y;
        const double inner_w = (frame.x1 - frame.x0) * 0.96, inner_h = (frame.y1 - frame.y0) * 0.96;
        const double fit = std::min(inner_w / std::max(w, 1.0), inner_h / std::max(h, 1.0));
        // A round printed scale (1:10,500 rather than 1:10,469), a little smaller than the fit.
        const double n = 1000.0 * kPtPerMm / fit;
        const double step = n < 10000 ? 500 : n < 100000 ? 1000 : 5000;
        pt_per_m = 1000.0 * kPtPerMm / (std::ceil(n / step) * step);
        x_off = frame.x0 + ((frame.x1 - frame.x0) - w * pt_per_m) / 2 - area.min_x * pt_per_m;
        y_off = frame.y0 + ((frame.y1 - frame.y0) - h * pt_per_m) / 2 + area.max_y * pt_per_m;
    }
    [[nodiscard]] double x(double wx) const { return x_off + wx * pt_per_m; }
    [[nodiscard]] double y(double wy) const { return y_off - wy * pt_per_m; }
    double pt_per_m = 1, x_off = 0, y_off = 0;
};

void path_of(cairo_t* cr, const Projection& p, const geo::Geometry& g) {
    for (const auto& polygon : g.polygons()) {
        for (const auto& ring : polygon) {
            if (ring.empty()) continue;
            cairo_move_to(cr, p.x(ring[0].x), p.y(ring[0].y));
            for (std::size_t i = 1; i < ring.size(); ++i) cairo_line_to(cr, p.x(ring[i].x), p.y(ring[i].y));
            cairo_close_path(cr);
        }
    }
}

void outline(const MapCanvas& c, const Projection& p, const geo::Geometry& g, const Rgba& colour, double width,
             bool dashed = false) {
    cairo_t* cr = c.cr();
    cairo_new_path(cr);
    path_of(cr, p, g);
    c.set_colour(colour);
    cairo_set_line_width(cr, width);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    const double dash[] = {3.0, 2.0};
    cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
}

void draw_lines(const MapCanvas& c, const Projection& p, std::span<const grids::LineFeature> lines,
                const geo::Envelope& area) {
    cairo_t* cr = c.cr();
    for (const auto& line : lines) {
        const auto e = line.geometry.envelope();
        if (e.max_x < area.min_x || e.min_x > area.max_x || e.max_y < area.min_y || e.min_y > area.max_y) continue;
        const bool river = line.kind == grids::LineKind::River;
        const bool major = line.kind == grids::LineKind::MainRoad;
        cairo_new_path(cr);
        for (const auto& path : geo::paths_of(line.geometry)) {
            if (path.empty()) continue;
            cairo_move_to(cr, p.x(path[0].x), p.y(path[0].y));
            for (std::size_t k = 1; k < path.size(); ++k) cairo_line_to(cr, p.x(path[k].x), p.y(path[k].y));
        }
        c.set_colour(river ? Rgba{70, 130, 220, 255} : major ? Rgba{200, 120, 40, 255} : Rgba{150, 150, 150, 255});
        cairo_set_line_width(cr, river ? 1.4 : major ? 1.2 : 0.6);
        cairo_stroke(cr);
    }
}

std::string thousands(long long n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
    return s;
}

// A bar of a round length (1, 2 or 5 x 10^k m) about a fifth of the frame, in four segments.
void scale_bar(const MapCanvas& c, const Projection& p, const PageBox& frame, SheetResult& r) {
    const double target_m = (frame.x1 - frame.x0) / 5 / p.pt_per_m;
    const double magnitude = std::pow(10.0, std::floor(std::log10(target_m)));
    double length = magnitude;
    for (double f : {1.0, 2.0, 5.0, 10.0}) {
        if (f * magnitude <= target_m) length = f * magnitude;
    }
    const double bar_pt = length * p.pt_per_m;
    const double x0 = frame.x0 + 8, y0 = frame.y1 - 18, h = 4;
    cairo_t* cr = c.cr();
    for (int i = 0; i < 4; ++i) {
        cairo_rectangle(cr, x0 + bar_pt * i / 4, y0, bar_pt / 4, h);
        c.set_colour(i % 2 == 0 ? kInk : Rgba{255, 255, 255, 255});
        cairo_fill_preserve(cr);
        c.set_colour(kInk);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    }
    const TextStyle small{7, false, kInk};
    auto label = [&](double metres) { return metres >= 1000 ? thousands(std::lround(metres / 100) / 10) : thousands(std::lround(metres)); };
    c.text_with_halo("0", x0 - 2, y0 - 10, small);
    c.text_with_halo(label(length / 2), x0 + bar_pt / 2 - 4, y0 - 10, small);
    c.text_with_halo(label(length) + (length >= 1000 ? " 千米" : " 米"), x0 + bar_pt - 4, y0 - 10, small);
    r.scale_bar_m = length;
    r.scale_bar_pt = bar_pt;
}

void north_arrow(const MapCanvas& c, const PageBox& frame) {
    cairo_t* cr = c.cr();
    const double cx = frame.x1 - 22, top = frame.y0 + 12, h = 26;
    cairo_move_to(cr, cx, top);
    cairo_line_to(cr, cx + 7, top + h);
    cairo_line_to(cr, cx, top + h * 0.72);
    cairo_close_path(cr);
    c.set_colour(kInk);
    cairo_fill(cr);
    cairo_move_to(cr, cx, top);
    cairo_line_to(cr, cx - 7, top + h);
    cairo_line_to(cr, cx, top + h * 0.72);
    cairo_close_path(cr);
    c.set_colour({255, 255, 255, 255});
    cairo_fill_preserve(cr);
    c.set_colour(kInk);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    c.text_with_halo("北", cx - 5, top + h + 1, {9, true, kInk});
}

void frame_and_title(const MapCanvas& c, const Layout& l, const std::string& title, const std::string& subtitle,
                     const std::string& footer) {
    cairo_t* cr = c.cr();
    cairo_rectangle(cr, l.map.x0, l.map.y0, l.map.x1 - l.map.x0, l.map.y1 - l.map.y0);
    c.set_colour(kInk);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
    const TextStyle big{20, true, kInk};
    auto [tw, th] = c.measure(title, big);
    c.text(title, (l.width - tw) / 2, l.title.y0, big);
    const TextStyle sub{8.5, false, {70, 70, 70, 255}};
    auto [sw, sh] = c.measure(subtitle, sub);
    c.text(subtitle, (l.width - sw) / 2, l.title.y0 + th + 2, sub);
    c.text(footer, l.footer.x0, l.footer.y0 + 4, {7, false, {90, 90, 90, 255}});
}

// Fits the entries into the legend box: the largest font (8 down to 5 pt) and fewest columns
// (1 to 3) that hold every line; when none does, the smallest setting holds what it can and the
// last line points to the full list written beside the sheet.
void legend(const MapCanvas& c, const PageBox& box, const std::string& heading, std::vector<LegendEntry> entries,
            const std::string& sheet_path, SheetResult& r) {
    r.legend_entries_total = entries.size();
    const TextStyle head{11, true, kInk};
    auto [hw, hh] = c.measure(heading, head);
    c.text(heading, box.x0, box.y0, head);
    const double top = box.y0 + hh + 6, avail_h = box.y1 - top, avail_w = box.x1 - box.x0;
    double size = 8;
    int columns = 1;
    bool fits = false;
    for (double s : {8.0, 7.0, 6.0, 5.0}) {
        for (int cols = 1; cols <= 3 && !fits; ++cols) {
            const double row = s * 1.45, col_w = avail_w / cols;
            const auto rows_per_col = static_cast<std::size_t>(avail_h / row);
            if (rows_per_col * static_cast<std::size_t>(cols) < entries.size()) continue;
            bool wide = false;
            for (const auto& e : entries) {
                if (c.measure(e.text, {s, false, kInk}).first + s * 1.8 > col_w - 4) {
                    wide = true;
                    break;
                }
            }
            if (!wide) {
                fits = true;
                size = s;
                columns = cols;
            }
        }
        if (fits) break;
    }
    if (!fits) {
        size = 5;
        columns = 3;
        const double row = size * 1.45;
        const std::size_t capacity = static_cast<std::size_t>(avail_h / row) * 3;
        const std::filesystem::path csv = std::filesystem::path(sheet_path).replace_extension(".legend.csv");
        std::vector<std::vector<std::string>> rows;
        for (const auto& e : entries) rows.push_back({e.text, std::to_string(e.grids)});
        write_csv(csv.string(), {"网格员", "网格数"}, rows);
        r.overflow_csv = csv.string();
        if (entries.size() > capacity) entries.resize(capacity > 0 ? capacity - 1 : 0);
        entries.push_back({"……另见附表 " + csv.filename().string(), {255, 255, 255, 0}, 0});
    }
    const double row = size * 1.45, col_w = avail_w / columns;
    const auto rows_per_col = static_cast<std::size_t>(avail_h / row);
    const TextStyle text{size, false, kInk};
    cairo_t* cr = c.cr();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const double x = box.x0 + col_w * static_cast<double>(i / rows_per_col);
        const double y = top + row * static_cast<double>(i % rows_per_col);
        const auto& e = entries[i];
        if (e.colour.a > 0) {
            cairo_rectangle(cr, x, y + size * 0.15, size * 1.3, size * 0.95);
            c.set_colour(e.colour);
            cairo_fill_preserve(cr);
            c.set_colour(kMagenta);
            cairo_set_line_width(cr, 0.4);
            cairo_stroke(cr);
        }
        c.text(e.text, x + size * 1.8, y, text);
        r.legend.push_back(e);
    }
    r.legend_box = box;
}

void finish_scale(SheetResult& r, const Projection& p) {
    r.metres_per_point = 1 / p.pt_per_m;
    // 1 pt on paper = 0.3528 mm; 1:N means N mm on the ground per mm on paper.
    r.scale_denominator = std::llround(1000.0 * kPtPerMm / p.pt_per_m);  // round by construction
}

// The page and scale of a sheet, before anything is drawn.
SheetResult sheet_result(const std::string& path, const Layout& l, const Projection& p) {
    SheetResult r;
    r.path = path;
    r.page_width_pt = l.width;
    r.page_height_pt = l.height;
    r.map_frame = l.map;
    finish_scale(r, p);
    return r;
}

// Written beside the target and moved into place when complete.
struct StagedSheet {
    StagedSheet(const std::string& target, SheetFormat format)
        : target(target), staged(target + ".partial" + extension_of(format)) {}
    ~StagedSheet() {
        std::error_code ec;
        if (!done) std::filesystem::remove(staged, ec);
    }
    StagedSheet(const StagedSheet&) = delete;
    StagedSheet& operator=(const StagedSheet&) = delete;
    void commit() {
        std::error_code ec;
        std::filesystem::rename(staged, target, ec);
        if (ec) throw OutputError(target, "cannot move the finished sheet into place: " + ec.message());
        done = true;
    }
    std::string target, staged;
    bool done = false;
};

std::string unit_name(const MapInput& in, const std::string& code) { return in.layers->directory->unit_name(code); }

}  // namespace

std::optional<SheetFormat> parse_sheet_format(const std::string& name) {
    if (name == "pdf") return SheetFormat::Pdf;
    if (name == "png") return SheetFormat::Png;
    if (name == "svg") return SheetFormat::Svg;
    return std::nullopt;
}

std::string extension_of(SheetFormat format) {
    return format == SheetFormat::Pdf ? ".pdf" : format == SheetFormat::Png ? ".png" : ".svg";
}

SheetResult render_township_sheet(const MapInput& in, const std::string& township_code, const std::string& path,
                                  const SheetOptions& options) {
    const ProjectLayers& layers = *in.layers;
    const grids::AdminUnit* township = nullptr;
    for (const auto& t : layers.townships) {
        if (t.code == township_code) township = &t;
    }
    if (!township) throw std::invalid_argument("no township with the code " + township_code);
    const geo::Envelope area = township->geometry.envelope();
    const Layout l = layout_for(options.paper, area);
    const Projection p(area, l.map);
    SheetResult r = sheet_result(path, l, p);

    // The grids of the township, coloured by grid worker; the owners in village order.
    std::vector<const grids::GridCell*> cells;
    for (const auto& c : layers.grids) {
        if (c.township_code == township_code) cells.push_back(&c);
    }
    std::sort(cells.begin(), cells.end(), [](auto* a, auto* b) { return a->code < b->code; });
    struct Worker {
        std::string village, name, phone;
        std::size_t grids = 0;
        Rgba colour;
    };
    std::map<std::pair<std::string, std::string>, Worker> workers;  // (village, name) in order of appearance
    std::vector<std::pair<std::string, std::string>> order;
    std::vector<const Worker*> worker_of(cells.size(), nullptr);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto chain = layers.directory->chain(cells[i]->code);
        const std::string name = chain.person(grids::Role::GridWorker);
        if (name.empty()) continue;
        const auto key = std::make_pair(cells[i]->village_code, name);
        auto [it, fresh] = workers.try_emplace(key);
        if (fresh) {
            it->second = {cells[i]->village_code, name, chain.phone(grids::Role::GridWorker), 0,
                          detail::distinct_colour(order.size(), 255)};
            order.push_back(key);
        }
        ++it->second.grids;
        worker_of[i] = &it->second;
    }

    StagedSheet staged(path, options.format);
    MapCanvas canvas(staged.staged, options.format, l.width, l.height, options.dpi);
    cairo_t* cr = canvas.cr();
    cairo_save(cr);
    cairo_rectangle(cr, l.map.x0, l.map.y0, l.map.x1 - l.map.x0, l.map.y1 - l.map.y0);
    cairo_clip(cr);
    // Neighbouring townships in grey for context.
    for (const auto& t : layers.townships) {
        if (&t == township) continue;
        cairo_new_path(cr);
        path_of(cr, p, t.geometry);
        canvas.set_colour({242, 242, 242, 255});
        cairo_fill(cr);
        outline(canvas, p, t.geometry, {170, 170, 170, 255}, 0.8);
    }
    // Grids: fill by worker, hatched grey without one, thin magenta borders (DOMAIN.md §1.4).
    for (std::size_t i = 0; i < cells.size(); ++i) {
        cairo_new_path(cr);
        path_of(cr, p, cells[i]->geometry);
        canvas.set_colour(worker_of[i] ? Rgba{worker_of[i]->colour.r, worker_of[i]->colour.g, worker_of[i]->colour.b, 200}
                                       : kNoWorker);
        cairo_fill_preserve(cr);
        canvas.set_colour(kMagenta);
        cairo_set_line_width(cr, 0.25);
        cairo_stroke(cr);
        ++r.grids_drawn;
    }
    draw_lines(canvas, p, in.lines, area);
    for (const auto& v : layers.villages) {
        if (v.parent_code == township_code) outline(canvas, p, v.geometry, {60, 60, 60, 255}, 0.9, true);
    }
    outline(canvas, p, township->geometry, kInk, 2.4);
    if (options.issues) {
        for (const auto& li : layers.issues) {
            if (li.location.grid_code.empty() || li.location.grid_code.rfind(township_code, 0) != 0) continue;
            cairo_new_path(cr);
            cairo_arc(cr, p.x(li.issue->position.x), p.y(li.issue->position.y), 1.8, 0, 2 * M_PI);
            canvas.set_colour({220, 0, 0, 255});
            cairo_fill(cr);
        }
    }
    // Labels: village names first (they matter most), then grid numbers where they fit.
    detail::LabelPlacer placer(l.map);
    const TextStyle village_style{9, true, {30, 30, 30, 255}};
    for (const auto& v : layers.villages) {
        if (v.parent_code != township_code) continue;
        const geo::XY at = v.geometry.max_inscribed_centre(10.0);
        auto [w, h] = canvas.measure(v.name, village_style);
        PageBox box{p.x(at.x) - w / 2, p.y(at.y) - h / 2, p.x(at.x) + w / 2, p.y(at.y) + h / 2};
        if (placer.place(box)) canvas.text_with_halo(v.name, box.x0, box.y0, village_style);
    }
    const TextStyle grid_style{5.5, false, {20, 20, 20, 255}};
    for (const auto* cell : cells) {
        const std::string number = cell->code.substr(std::min(cell->code.size(), cell->village_code.size()));
        auto [w, h] = canvas.measure(number, grid_style);
        const geo::Envelope e = cell->geometry.envelope();
        if ((e.max_x - e.min_x) * p.pt_per_m < w * 1.1 || (e.max_y - e.min_y) * p.pt_per_m < h * 1.05) continue;
        // Square-ish cells: the box centred on the cell's inside point must stay inside the cell.
        const geo::XY at = cell->geometry.area() > 0.9 * (e.max_x - e.min_x) * (e.max_y - e.min_y)
                               ? geo::XY{(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2}
                               : cell->geometry.max_inscribed_centre(2.0);
        if (cell->geometry.area() <= 0.9 * (e.max_x - e.min_x) * (e.max_y - e.min_y) &&
            cell->geometry.max_inscribed_radius(2.0) * p.pt_per_m < std::hypot(w, h) / 2) {
            continue;
        }
        PageBox box{p.x(at.x) - w / 2, p.y(at.y) - h / 2, p.x(at.x) + w / 2, p.y(at.y) + h / 2};
        if (placer.place(box)) canvas.text(number, box.x0, box.y0, grid_style);
    }
    r.labels = placer.placed();
    cairo_restore(cr);

    north_arrow(canvas, l.map);
    scale_bar(canvas, p, l.map, r);
    const std::string title = in.county_name + " " + township->name + " 网格责任分布图";
    const std::string subtitle = "网格 " + thousands(static_cast<long long>(cells.size())) + " 个 · 网格员 " +
                                 std::to_string(workers.size()) + " 人 · 比例尺 1:" + thousands(r.scale_denominator) +
                                 " · 网格版本 " + options.generation + " · 制图日期 " + options.date;
    frame_and_title(canvas, l, title, subtitle,
                    "格内数字为网格编码末三位(网格编码 = 村/社区代码 + 三位序号);品红线为网格边界,虚线为村/社区界;"
                    "灰色网格尚未落实网格员。坐标系 CGCS2000 高斯-克吕格投影,图上北为坐标北。");
    std::vector<LegendEntry> entries;
    for (const auto& key : order) {
        const Worker& w = workers.at(key);
        entries.push_back({unit_name(in, w.village) + " " + w.name + " " + w.phone + " (" + std::to_string(w.grids) + "格)",
                           w.colour, w.grids});
    }
    const std::size_t unassigned = static_cast<std::size_t>(std::count(worker_of.begin(), worker_of.end(), nullptr));
    if (unassigned > 0) entries.push_back({"未落实网格员 (" + std::to_string(unassigned) + "格)", kNoWorker, unassigned});
    legend(canvas, l.legend, "网格员及联系电话", std::move(entries), path, r);
    canvas.finish();
    staged.commit();
    return r;
}

SheetResult render_county_overview(const MapInput& in, const std::string& path, const SheetOptions& options) {
    const ProjectLayers& layers = *in.layers;
    geo::Envelope area;
    bool first = true;
    for (const auto& u : layers.county.empty() ? layers.townships : layers.county) {
        const auto e = u.geometry.envelope();
        if (first) area = e;
        area = {std::min(area.min_x, e.min_x), std::min(area.min_y, e.min_y), std::max(area.max_x, e.max_x),
                std::max(area.max_y, e.max_y)};
        first = false;
    }
    if (first) throw std::invalid_argument("the project has no county or township boundaries to draw");
    const Layout l = layout_for(options.paper, area);
    const Projection p(area, l.map);
    SheetResult r = sheet_result(path, l, p);
    std::map<std::string, std::size_t> grids_in;
    for (const auto& c : layers.grids) ++grids_in[c.township_code];

    StagedSheet staged(path, options.format);
    MapCanvas canvas(staged.staged, options.format, l.width, l.height, options.dpi);
    cairo_t* cr = canvas.cr();
    cairo_save(cr);
    cairo_rectangle(cr, l.map.x0, l.map.y0, l.map.x1 - l.map.x0, l.map.y1 - l.map.y0);
    cairo_clip(cr);
    std::vector<LegendEntry> entries;
    for (std::size_t i = 0; i < layers.townships.size(); ++i) {
        const auto& t = layers.townships[i];
        const Rgba colour = detail::distinct_colour(i, 255);
        cairo_new_path(cr);
        path_of(cr, p, t.geometry);
        canvas.set_colour({colour.r, colour.g, colour.b, 190});
        cairo_fill(cr);
        std::string head, phone;
        for (const auto& o : layers.directory->owners()) {
            if (o.kind == grids::OwnerKind::Township && o.unit_code == t.code && o.active) {
                head = o.contact;
                phone = o.phone;
                break;
            }
        }
        entries.push_back({t.name + " " + head + " " + phone + " (" + thousands(static_cast<long long>(grids_in[t.code])) + "格)",
                           colour, grids_in[t.code]});
    }
    for (const auto& v : layers.villages) outline(canvas, p, v.geometry, {110, 110, 110, 255}, 0.35, true);
    draw_lines(canvas, p, in.lines, area);
    for (const auto& t : layers.townships) outline(canvas, p, t.geometry, kInk, 1.6);
    for (const auto& c : layers.county) outline(canvas, p, c.geometry, {0, 0, 0, 255}, 3.0);
    detail::LabelPlacer placer(l.map);
    const TextStyle name_style{11, true, kInk};
    for (const auto& t : layers.townships) {
        const geo::XY at = t.geometry.max_inscribed_centre(50.0);
        auto [w, h] = canvas.measure(t.name, name_style);
        PageBox box{p.x(at.x) - w / 2, p.y(at.y) - h / 2, p.x(at.x) + w / 2, p.y(at.y) + h / 2};
        if (placer.place(box)) canvas.text_with_halo(t.name, box.x0, box.y0, name_style);
    }
    r.labels = placer.placed();
    cairo_restore(cr);
    north_arrow(canvas, l.map);
    scale_bar(canvas, p, l.map, r);
    frame_and_title(canvas, l, in.county_name + " 网格化管理 乡镇(街道)分布总图",
                    "乡镇/街道 " + std::to_string(layers.townships.size()) + " 个 · 村/社区 " +
                        std::to_string(layers.villages.size()) + " 个 · 网格 " +
                        thousands(static_cast<long long>(layers.grids.size())) + " 个 · 比例尺 1:" +
                        thousands(r.scale_denominator) + " · 网格版本 " + options.generation + " · 制图日期 " + options.date,
                    "各乡镇/街道分幅图见同目录。坐标系 CGCS2000 高斯-克吕格投影,图上北为坐标北。");
    legend(canvas, l.legend, "乡镇/街道 负责人及电话", std::move(entries), path, r);
    canvas.finish();
    staged.commit();
    return r;
}

}  // namespace respgrid::exporters

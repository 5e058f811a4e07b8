// The county book (图册): every area's sheet in one PDF after a contents of township → village →
// worker with page numbers. Every area is planned first, so the contents know where each sheet
// starts before the first page is drawn (Cairo writes pages in order).
#include <algorithm>

#include "map_area_render.hpp"
#include "map_furniture.hpp"
#include "map_page.hpp"
#include "map_surface.hpp"
#include "respgrid/exporters/area_sheet.hpp"

namespace respgrid::exporters {

namespace {

using namespace map;

struct ContentsLine {
    int level = 0;  // 0 township, 1 village, 2 worker
    std::string text;
    std::size_t page = 0;
};

std::vector<ContentsLine> contents_lines(const std::vector<PlannedLayout>& planned, std::size_t first_page) {
    std::vector<ContentsLine> lines;
    std::size_t page = first_page;
    const AreaSpec* previous = nullptr;
    for (const auto& p : planned) {
        const auto& a = p.area;
        if (!previous || previous->township_code != a.township_code) {
            lines.push_back({0, a.township_name + "  " + a.township_code, page});
        }
        if (a.kind == AreaKind::Village) {
            lines.push_back({1, a.name + "  " + a.id, page});
        } else {
            if (!previous || previous->village_code != a.village_code || previous->township_code != a.township_code) {
                lines.push_back({1, a.village_name + "  " + a.village_code, page});
            }
            lines.push_back({2, a.name, page});
        }
        previous = &a;
        page += p.page_count();
    }
    return lines;
}

struct ContentsLayout {
    PageLayout page;
    double row_height = 0;
    std::size_t columns = 0, rows = 0;
    [[nodiscard]] std::size_t per_page() const { return columns * rows; }
};

ContentsLayout contents_layout(Paper paper) {
    ContentsLayout c;
    // Portrait: a tall list. choose_layout picks portrait for a tall extent.
    geo::Envelope tall;
    tall.expand(geo::XY{0, 0});
    tall.expand(geo::XY{1, 10});
    c.page = choose_layout(paper, tall);
    c.row_height = 11;  // points: a line of 8.5 pt CJK text and a little air
    c.columns = paper == Paper::A3 ? 3 : 2;
    const PageBox body{c.page.map_frame.x0, c.page.map_frame.y0, c.page.panel.x1, c.page.map_frame.y1};
    c.rows = static_cast<std::size_t>(std::max(1.0, body.height() / c.row_height - 1));
    return c;
}

void draw_contents_page(cairo_t* cr, TextPen& pen, const ContentsLayout& c, const std::vector<ContentsLine>& lines,
                        std::size_t from, std::size_t page_number, const std::string& title,
                        const std::string& subtitle) {
    draw_title(cr, pen, c.page.title, title, subtitle);
    const PageBox body{c.page.map_frame.x0, c.page.map_frame.y0, c.page.panel.x1, c.page.map_frame.y1};
    const double column_width = body.width() / static_cast<double>(c.columns);
    for (std::size_t k = 0; k < c.per_page() && from + k < lines.size(); ++k) {
        const auto& line = lines[from + k];
        const double x = body.x0 + column_width * static_cast<double>(k / c.rows);
        const double y = body.y0 + c.row_height * static_cast<double>(k % c.rows);
        const double indent = 10.0 * line.level;
        const double size_pt = line.level == 0 ? 8.5 : line.level == 1 ? 7.5 : 7;
        const bool bold = line.level == 0;
        cairo_set_source_rgb(cr, 0, 0, 0);
        pen.draw(line.text, size_pt, x + indent, y, bold);
        const std::string number = std::to_string(line.page);
        const auto size = pen.measure(number, size_pt, bold);
        pen.draw(number, size_pt, x + column_width - 12 - size.width, y, bold);
    }
    const std::string footer = "第 " + std::to_string(page_number) + " 页";
    const auto size = pen.measure(footer, 7);
    pen.draw(footer, 7, (c.page.page.width() - size.width) / 2, c.page.page.y1 - 10 * kPointsPerMm + 4);
}

}  // namespace

BookResult render_area_book(const std::string& path, const ProjectLayers& layers, const MapOverlays& overlays,
                            const std::vector<AreaSpec>& areas, const MapOptions& options, const Progress& progress) {
    geo::check_output(path, geo::OutputKind::File, options.outputs);
    AreaRenderer renderer(layers, overlays, options);
    std::vector<PlannedLayout> planned;
    for (std::size_t i = 0; i < areas.size(); ++i) {
        report(progress, 0.2 * static_cast<double>(i) / static_cast<double>(areas.size()), areas[i].id);
        planned.push_back(renderer.plan(areas[i]));
    }
    const bool workers = !areas.empty() && areas.front().kind == AreaKind::Worker;
    const std::string county = county_name_of(layers, options);
    const std::string title = county + (workers ? " 网格员责任区图册" : " 村/社区网格图册");
    const auto layout = contents_layout(options.paper);
    SheetSurface surface(path, MapFormat::Pdf, layout.page.page, options.dpi, title, options.producer);
    BookResult book;
    book.path = path;
    {
        TextPen pen(surface.cr());
        // The lines' count does not depend on the page numbers, so the contents' length is known first.
        const std::size_t line_count = contents_lines(planned, 1).size();
        book.contents_pages = std::max<std::size_t>(1, (line_count + layout.per_page() - 1) / layout.per_page());
        const auto lines = contents_lines(planned, book.contents_pages + 1);
        const std::string subtitle = "目录 · " + std::to_string(planned.size()) +
                                     (workers ? " 名网格员" : " 个村/社区") + " · 制图日期 " +
                                     sheet_date(options).to_string();
        for (std::size_t page = 0; page < book.contents_pages; ++page) {
            if (page > 0) surface.next_page(layout.page.page);
            draw_contents_page(surface.cr(), pen, layout, lines, page * layout.per_page(), page + 1, title, subtitle);
        }
    }
    book.pages = book.contents_pages;
    for (std::size_t i = 0; i < planned.size(); ++i) {
        report(progress, 0.2 + 0.8 * static_cast<double>(i) / static_cast<double>(planned.size()), planned[i].area.id);
        const PageSource pages = [&](const PageBox& page, std::size_t) {
            surface.next_page(page);
            return surface.cr();
        };
        book.sheets.push_back(renderer.draw(planned[i], pages, book.pages + 1));
        book.pages += planned[i].page_count();
    }
    surface.commit();
    report(progress, 1.0, "");
    return book;
}

}  // namespace respgrid::exporters

// The dispatch sheets as one PDF (dispatch_sheets.hpp): per owner a first page with the title,
// the map and the start of its table, then as many continuation pages (续) as the table needs,
// the sign-off line after its last row. Rows are measured first, so the pages are known (and
// numbered "第 p 页 / 共 n 页") before the first is drawn.
#include <algorithm>
#include <array>

#include "dispatch_draw.hpp"
#include "map_furniture.hpp"
#include "map_page.hpp"
#include "map_surface.hpp"
#include "respgrid/exporters/dispatch_sheets.hpp"

namespace respgrid::exporters {

namespace {

using namespace map;

constexpr double kTextPt = 6.5;
constexpr double kCellPad = 2.0;
constexpr double kFooterPt = 7;
constexpr const char* kSignOff = "责任单位签收：____________________    签收日期：______________    "
                                 "请在整改时限内整改到位，并反馈整改结果及整改后照片。";

// A printed column: its title, its share of the table's width, and its text in a row.
struct PrintedColumn {
    const char* title;
    double share;
};
// 序号 holds the marker; the others are the workbook's columns that matter on paper.
constexpr PrintedColumn kPrinted[] = {{"序号", 20}, {"案卷编号", 64}, {"问题类别", 52}, {"地点", 70}, {"问题描述", 107},
                                      {"整改时限", 50}, {"剩余/超期", 50}, {"督办升级", 24}, {"网格编码", 68},
                                      {"上报次数", 22}};
constexpr std::size_t kColumns = std::size(kPrinted);

std::vector<std::string> printed_cells(const DispatchRow& row, grids::UtcOffset zone) {
    const grids::LedgerCase& c = *row.ledger_case;
    return {"",
            c.number,
            c.category_name.empty() ? c.category_text : c.category_name,
            c.location_text,
            c.description,
            c.deadline ? local_minute_text(*c.deadline, zone) : std::string("未派遣"),
            clock_text(row.clock),
            c.escalation_level > 0 ? "升级 " + std::to_string(c.escalation_level) + " 级" : std::string("—"),
            c.grid_code.empty() ? std::string("网格外") : c.grid_code,
            std::to_string(c.report_count)};
}

struct PageGeometry {
    PageBox page;
    PageBox title;
    PageBox map;          // first page of an owner
    double table_x0 = 0, table_x1 = 0;
    double first_table_top = 0;   // under the map
    double next_table_top = 0;    // under the title on a continuation page
    double table_bottom = 0;      // above the footer
    std::array<double, kColumns> widths{};
};

PageGeometry page_geometry(Paper paper) {
    const double w = (paper == Paper::A3 ? 297 : 210) * kPointsPerMm, h = (paper == Paper::A3 ? 420 : 297) * kPointsPerMm;
    const double margin = 12 * kPointsPerMm, gap = 4 * kPointsPerMm;
    PageGeometry g;
    g.page = {0, 0, w, h};
    g.title = {margin, margin, w - margin, margin + 15 * kPointsPerMm};
    const double content = h - 2 * margin - g.title.height() - gap;
    g.map = {margin, g.title.y1 + gap, w - margin, g.title.y1 + gap + content * 0.40};
    g.table_x0 = margin;
    g.table_x1 = w - margin;
    g.first_table_top = g.map.y1 + gap;
    g.next_table_top = g.title.y1 + gap;
    g.table_bottom = h - margin;
    double shares = 0;
    for (const auto& c : kPrinted) shares += c.share;
    for (std::size_t i = 0; i < kColumns; ++i) g.widths[i] = (g.table_x1 - g.table_x0) * kPrinted[i].share / shares;
    return g;
}

// Where each owner's rows go: pages of row ranges, measured before anything is drawn.
struct OwnerPages {
    std::vector<std::vector<std::string>> cells;  // per row
    std::vector<double> heights;                  // per row
    std::vector<std::pair<std::size_t, std::size_t>> pages;  // [first, last) rows per page
    bool sign_off_alone = false;  // the sign-off line needs a page of its own
};

double row_height(TextPen& pen, const std::vector<std::string>& cells, const PageGeometry& g, bool bold) {
    double h = 2 * kMarkerRadius + 2;
    for (std::size_t i = 0; i < kColumns; ++i) {
        h = std::max(h, pen.measure_wrapped(cells[i], kTextPt, g.widths[i] - 2 * kCellPad, bold).height + 2 * kCellPad);
    }
    return h;
}

std::vector<std::string> header_cells() {
    std::vector<std::string> cells;
    for (const auto& c : kPrinted) cells.emplace_back(c.title);
    return cells;
}

OwnerPages paginate(TextPen& pen, const DispatchOwner& owner, const DispatchSheets& sheets, const PageGeometry& g,
                    double header_height, double sign_off_height) {
    OwnerPages out;
    for (const auto& r : owner.rows) {
        out.cells.push_back(printed_cells(r, sheets.zone));
        out.heights.push_back(row_height(pen, out.cells.back(), g, false));
    }
    std::size_t first = 0;
    double top = g.first_table_top + header_height;
    double y = top;
    for (std::size_t i = 0; i < owner.rows.size(); ++i) {
        // A row taller than a whole page is drawn anyway (clipped at the page's foot).
        if (y + out.heights[i] > g.table_bottom && i > first) {
            out.pages.push_back({first, i});
            first = i;
            y = g.next_table_top + header_height;
        }
        y += out.heights[i];
    }
    out.pages.push_back({first, owner.rows.size()});
    out.sign_off_alone = y + sign_off_height > g.table_bottom;
    return out;
}

void draw_table_row(cairo_t* cr, TextPen& pen, const PageGeometry& g, double y, double height,
                    const std::vector<std::string>& cells, bool header, const DispatchRow* row) {
    if (header || (row && row->clock.overdue)) {
        cairo_rectangle(cr, g.table_x0, y, g.table_x1 - g.table_x0, height);
        if (header) {
            cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        } else {
            cairo_set_source_rgb(cr, 1.0, 0.92, 0.92);
        }
        cairo_fill(cr);
    }
    double x = g.table_x0;
    for (std::size_t i = 0; i < kColumns; ++i) {
        cairo_rectangle(cr, x, y, g.widths[i], height);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_set_line_width(cr, 0.4);
        cairo_stroke(cr);
        if (i == 0 && row) {
            draw_case_marker(cr, pen, x + g.widths[i] / 2, y + height / 2, row->seq, row->clock.overdue);
        } else {
            const bool late = row && row->clock.overdue && i == 6;
            if (late) {
                set_colour(cr, kOverdueMarker);
            } else {
                cairo_set_source_rgb(cr, 0, 0, 0);
            }
            pen.draw_wrapped(cells[i], kTextPt, x + kCellPad, y + kCellPad, g.widths[i] - 2 * kCellPad, header || late);
        }
        x += g.widths[i];
    }
}

void draw_footer(cairo_t* cr, TextPen& pen, const PageGeometry& g, const std::string& left, int page, int pages) {
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    const std::string right = "第 " + std::to_string(page) + " 页 / 共 " + std::to_string(pages) + " 页";
    const double y = g.table_bottom + 4;
    pen.draw(left, kFooterPt, g.table_x0, y);
    pen.draw(right, kFooterPt, g.table_x1 - pen.measure(right, kFooterPt).width, y);
}

std::string title_of(const DispatchOwner& owner) { return "整改督办单 · " + owner.name; }

std::string subtitle_of(const DispatchOwner& owner, const DispatchSheets& sheets) {
    std::size_t overdue = 0;
    for (const auto& r : owner.rows) overdue += r.clock.overdue;
    std::string s = sheets.county_name.empty() ? "" : sheets.county_name + " · ";
    if (!sheets.kind_zh.empty()) s += sheets.kind_zh + (owner.code.empty() ? "" : " " + owner.code) + " · ";
    return s + "截至 " + local_minute_text(sheets.as_of, sheets.zone) + " · 待整改 " + std::to_string(owner.rows.size()) +
           " 件，其中超期 " + std::to_string(overdue) + " 件";
}

}  // namespace

DispatchPdf render_dispatch_pdf(const std::string& path, const ProjectLayers& layers, const MapOverlays& overlays,
                                const DispatchSheets& sheets, const DispatchPdfOptions& options) {
    const PageGeometry g = page_geometry(options.paper);
    SheetSurface surface(path, MapFormat::Pdf, g.page, 72, "整改督办单", options.producer);
    cairo_t* cr = surface.cr();
    TextPen pen(cr);
    const std::string time_note = "时间为北京时间（" + sheets.zone.to_string() + "）；序号即图上编号，红色为超期";
    const double header_height = row_height(pen, header_cells(), g, true);
    const double sign_off_height = pen.measure_wrapped(kSignOff, 8, g.table_x1 - g.table_x0).height + 12;

    // Pages first: the footers number them out of the total.
    std::vector<OwnerPages> planned;
    int pages = 0;
    for (const auto& owner : sheets.owners) {
        planned.push_back(paginate(pen, owner, sheets, g, header_height, sign_off_height));
        pages += static_cast<int>(planned.back().pages.size()) + (planned.back().sign_off_alone ? 1 : 0);
    }
    DispatchPdf result;
    if (sheets.owners.empty()) {
        draw_title(cr, pen, g.title, "整改督办单", sheets.county_name + " · 截至 " + local_minute_text(sheets.as_of, sheets.zone));
        cairo_set_source_rgb(cr, 0, 0, 0);
        pen.draw("无待整改案卷。", 12, g.table_x0, g.next_table_top);
        draw_footer(cr, pen, g, time_note, 1, 1);
        result.pages = 1;
        surface.commit();
        return result;
    }
    int page = 0;
    auto start_page = [&] {
        if (page > 0) surface.next_page();
        ++page;
    };
    for (std::size_t o = 0; o < sheets.owners.size(); ++o) {
        const DispatchOwner& owner = sheets.owners[o];
        const OwnerPages& plan = planned[o];
        double y = 0;
        for (std::size_t p = 0; p < plan.pages.size(); ++p) {
            start_page();
            if (p == 0) {
                result.first_page.push_back(page);
                draw_title(cr, pen, g.title, title_of(owner), subtitle_of(owner, sheets));
                for (auto m : draw_dispatch_map(cr, pen, g.map, layers, overlays, owner, o)) {
                    m.page = page;
                    result.markers.push_back(m);
                }
                y = g.first_table_top;
            } else {
                draw_title(cr, pen, g.title, title_of(owner) + "（续）", subtitle_of(owner, sheets));
                y = g.next_table_top;
            }
            draw_table_row(cr, pen, g, y, header_height, header_cells(), true, nullptr);
            y += header_height;
            for (std::size_t i = plan.pages[p].first; i < plan.pages[p].second; ++i) {
                draw_table_row(cr, pen, g, y, plan.heights[i], plan.cells[i], false, &owner.rows[i]);
                y += plan.heights[i];
            }
            draw_footer(cr, pen, g, time_note, page, pages);
        }
        if (plan.sign_off_alone) {
            start_page();
            draw_title(cr, pen, g.title, title_of(owner) + "（续）", subtitle_of(owner, sheets));
            y = g.next_table_top;
            draw_footer(cr, pen, g, time_note, page, pages);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        pen.draw_wrapped(kSignOff, 8, g.table_x0, y + 8, g.table_x1 - g.table_x0);
    }
    result.pages = page;
    surface.commit();
    return result;
}

}  // namespace respgrid::exporters

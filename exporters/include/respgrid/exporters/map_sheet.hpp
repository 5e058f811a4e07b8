#pragma once
// Printable assignment maps (网格责任分布图), drawn with Cairo and Pango, no QGIS needed: one
// sheet per township — its grids filled by grid worker, a legend of grid workers with their
// phones and grid counts, grid numbers where they fit, village outlines, roads and rivers,
// optionally the issues — and one overview sheet of the county, its townships filled and named.
// Every sheet has a title, a scale bar in metres, a north arrow, the date and the grid
// generation. Chinese text goes through fontconfig to a CJK font (WenQuanYi Zen Hei from
// Debian's fonts-wqy-zenhei, else Noto Sans CJK SC).

#include <span>
#include <string>
#include <vector>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/exporters/qgis_style.hpp"
#include "respgrid/grids/lines.hpp"

namespace respgrid::exporters {

enum class SheetFormat { Pdf, Png, Svg };
std::optional<SheetFormat> parse_sheet_format(const std::string& name);  // "pdf", "png", "svg"
std::string extension_of(SheetFormat format);                             // ".pdf", ...

struct SheetOptions {
    SheetFormat format = SheetFormat::Pdf;
    std::string paper = "A3";   // "A3" or "A4"; the orientation follows the area's shape
    double dpi = 150;           // PNG only
    bool issues = false;        // draw the located issues as dots
    std::string date;           // printed on the sheet (YYYY-MM-DD)
    std::string generation;     // e.g. "第2版 2026-11-28 square 100 m"
};

struct MapInput {
    const ProjectLayers* layers = nullptr;        // units, grids, directory, issues (working CRS)
    std::span<const grids::LineFeature> lines;    // roads and rivers, when imported
    std::string county_name;
};

// Page coordinates in points (1/72 inch), origin top left.
struct PageBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    [[nodiscard]] bool intersects(const PageBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    [[nodiscard]] bool contains(const PageBox& o) const { return o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1; }
};

struct LegendEntry {
    std::string text;  // "东关社区 王五 13800000000 (12格)"
    Rgba colour;
    std::size_t grids = 0;
};

// What was drawn, for the caller's report and for tests.
struct SheetResult {
    std::string path;
    double page_width_pt = 0, page_height_pt = 0;
    PageBox map_frame, legend_box;
    double metres_per_point = 0;     // map scale on the page
    long long scale_denominator = 0; // 1:N as printed
    double scale_bar_m = 0;          // the bar's length on the ground
    double scale_bar_pt = 0;         // and on the page
    std::vector<PageBox> labels;     // every label placed on the map (grid numbers, names)
    std::vector<LegendEntry> legend; // every entry printed
    std::size_t legend_entries_total = 0;  // entries there were (more than printed: see overflow)
    std::string overflow_csv;        // the full list, when the legend could not hold it
    std::size_t grids_drawn = 0;
};

// One township's sheet, written (replaced) atomically at `path`. Throws OutputError, and
// UsageError-like std::invalid_argument for an unknown township code.
SheetResult render_township_sheet(const MapInput& input, const std::string& township_code, const std::string& path,
                                  const SheetOptions& options);

// The county overview: townships filled and named, village outlines, the township list with
// their heads and phones as the legend.
SheetResult render_county_overview(const MapInput& input, const std::string& path, const SheetOptions& options);

}  // namespace respgrid::exporters

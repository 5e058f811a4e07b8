#pragma once
// Printable assignment maps (网格责任分布图), drawn with Cairo and Pango: one sheet per township
// with its grids filled by grid worker (网格员), a legend of the workers and their phones, grid
// codes where they fit, village and township boundaries, roads and rivers, optionally the
// issues, a title, a scale bar in metres, a north arrow, the date and the grid generation; and a
// county overview sheet with the townships.
//
// Page units are PostScript points (1/72 inch), origin at the top left of the page, y downwards.
// PNG sheets are rasterised at `dpi`; PDF and SVG are vector. Chinese text uses the fontconfig
// family "WenQuanYi Zen Hei" (Debian fonts-wqy-zenhei), falling back to "Noto Sans CJK SC".
//
// The renderer reads plain coordinates converted from the layers on the calling thread; it
// keeps no GEOS object beyond the call.

#include <exception>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/lines.hpp"
#include "respgrid/grids/responsibility.hpp"

namespace respgrid::exporters {

enum class MapFormat { Pdf, Png, Svg };
std::optional<MapFormat> parse_map_format(std::string_view text);  // "pdf", "png", "svg"
std::string_view extension(MapFormat format);                       // "pdf", "png", "svg"

enum class Paper { A4, A3 };
std::optional<Paper> parse_paper(std::string_view text);  // "A4", "A3" (any case)

struct MapOptions {
    MapFormat format = MapFormat::Png;
    Paper paper = Paper::A3;
    double dpi = 150;          // PNG only
    bool issues = false;       // overlay the issues as red dots
    std::optional<grids::Date> date;        // printed on the sheet; nullopt = today in `zone`
    grids::UtcOffset zone = grids::kChinaTime;  // the project's time zone
    std::string county_name;   // printed under the title; "" = the county unit's name
    geo::OutputRules outputs;  // what a sheet or table may replace (geo/output_files.hpp)
    std::string producer;      // the PDF's Creator, e.g. "respgrid 0.1.0 (git 0a65d117628c)"; "" = "respgrid"
};

// What a sheet draws besides the project's units and grids, when the project has it.
struct MapOverlays {
    std::span<const grids::LineFeature> lines;  // roads, railways, rivers (`import lines`)
    // Road sections and frontages of line responsibility layers (路长制, 门前三包): corridors
    // already buffered in the working CRS, drawn on township sheets with their labels.
    std::span<const grids::ResponsibilityFeature> sections;
};

// An axis-aligned box on the page, in points.
struct PageBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    [[nodiscard]] double width() const { return x1 - x0; }
    [[nodiscard]] double height() const { return y1 - y0; }
    [[nodiscard]] bool intersects(const PageBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    [[nodiscard]] bool contains(const PageBox& o) const { return o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1; }
};

// Working-CRS metres to page points: x_page = origin_x + (x - min_x) * points_per_metre, and y
// flipped so that north is up.
struct PageTransform {
    double points_per_metre = 1;
    double min_x = 0, max_y = 0;      // the world corner mapped to (origin_x, origin_y)
    double origin_x = 0, origin_y = 0;
    [[nodiscard]] double page_x(double x) const { return origin_x + (x - min_x) * points_per_metre; }
    [[nodiscard]] double page_y(double y) const { return origin_y + (max_y - y) * points_per_metre; }
    // The printed scale's denominator (1:N).
    [[nodiscard]] double scale_denominator() const;
};

struct RgbColour {
    double r = 0, g = 0, b = 0;  // 0..1
    friend bool operator==(const RgbColour&, const RgbColour&) = default;
};

// GridNumber and Dedicated: the larger grid numbers and the dedicated grids' names of worker and
// village sheets (area_sheet.hpp), read in the field. RoadName and RiverName: the names of imported
// roads and railways, and of rivers, printed along them on those sheets.
enum class LabelKind { Township, Village, Section, Owner, Grid, GridNumber, Dedicated, RoadName, RiverName };

struct PlacedLabel {
    LabelKind kind = LabelKind::Grid;
    std::string text;
    PageBox box;  // the text's ink box with its halo margin; no two placed boxes intersect
};

struct LegendEntry {
    std::string name;        // the grid worker (or the township on the overview); "未落实网格员" for none
    std::string phone;
    std::string unit;        // the village (township sheet) or the township's contact (overview)
    std::size_t grids = 0;   // grids filled with this entry's colour
    RgbColour colour;
    bool hatched = false;    // the "未落实网格员" entry
    std::optional<PageBox> box;  // where it was drawn; none when it went to the table beside the sheet
};

struct ScaleBar {
    double metres = 0;   // a round length: 1, 2 or 5 times a power of ten
    PageBox box;         // the bar itself; box.width() * transform is `metres`
};

struct SheetResult {
    std::string path;
    PageBox page;
    PageBox map_frame;
    PageTransform transform;
    std::vector<PlacedLabel> labels;
    std::vector<LegendEntry> legend;
    PageBox legend_box;
    ScaleBar scale_bar;
    std::string owner_table;  // the CSV written beside the sheet when the legend did not fit; else ""
    grids::Date date;         // the date printed on it (制图日期)
};

// The sheet of one township: DIR/<stem>.<ext>, the stem by default township_sheet_stem().
// Throws InputError for an unknown township code, OutputError when the file cannot be written or
// may not be (options.outputs; nothing is left behind).
SheetResult render_township_sheet(const std::string& dir, const ProjectLayers& layers, const MapOverlays& overlays,
                                  const std::string& township_code, const MapOptions& options,
                                  const std::string& stem = "");

// "<code>_<name>", both made safe and short by file_name_part (exporters/file_names.hpp).
std::string township_sheet_stem(const grids::AdminUnit& township);

// DIR/county_overview.<ext>.
std::string county_overview_path(const std::string& dir, MapFormat format);

// The county overview: DIR/county_overview.<ext>, townships coloured and named, villages outlined,
// main roads, railways and rivers (road sections are too narrow to show at county scale).
SheetResult render_county_overview(const std::string& dir, const ProjectLayers& layers, const MapOverlays& overlays,
                                   const MapOptions& options);

// A sheet of a batch that could not be made; the batch went on without it.
struct SheetFailure {
    std::string sheet;           // the township's code, or "county_overview"
    std::string message;
    std::exception_ptr error;    // what was thrown, for the caller's exit code
};

struct MapBatch {
    std::vector<SheetResult> written;
    std::vector<SheetFailure> failed;
};

// One sheet of a batch and the file it goes to.
struct PlannedSheet {
    std::string sheet;  // the township's code, or "county_overview"
    std::string stem;   // the file name without extension
    std::string path;
};

// The sheets of `township_codes`, in that order, and the county overview when `overview`, into
// DIR, each named by township_sheet_stem() and unique within the batch: the files a caller
// checks (geo::check_output) before anything is drawn.
std::vector<PlannedSheet> plan_map_batch(const std::string& dir, const ProjectLayers& layers,
                                         const std::vector<std::string>& township_codes, bool overview,
                                         MapFormat format);

// Draws the planned sheets. A sheet that fails (a full disk, an unknown code...) is listed in
// `failed` and the others are still drawn.
MapBatch render_map_batch(const std::string& dir, const ProjectLayers& layers, const MapOverlays& overlays,
                          const std::vector<PlannedSheet>& plan, const MapOptions& options,
                          const Progress& progress = {});

}  // namespace respgrid::exporters

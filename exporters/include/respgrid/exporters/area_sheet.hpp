#pragma once
// Sheets of one grid worker's area (网格员责任区图) or of one village, at a scale where every
// grid carries its sequence number, and the county "book" of them as one PDF.
//
// The scale: the largest round scale (1:1,000, 2,000, 2,500, 5,000, 7,500, 10,000, 15,000,
// 20,000, 25,000, 50,000...) at which the area fits the map frame, made larger until every grid's
// number fits inside its grid (grids too small for a number even at 1:1,000, slivers at a
// village's edge, do not hold the scale down; their number is still placed beside them when
// there is room). When the area does not fit one page at that scale it is split over pages that
// overlap, after an index page showing the pages' frames.
//
// Each sheet: the area's grids filled (a worker's area highlighted, its neighbours pale and named
// at the edges; on a village sheet each worker's area in its colour), the grid numbers, dedicated
// grids (schools, markets...) named, roads, rails and rivers, village and township boundaries;
// the panel: the worker with phone, the village's, township's and 包联 leader's contacts, the
// table of the area's grids (number, area, household weight) or of the village's workers, north
// arrow, scale bar, date and grid generation.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters {

enum class AreaKind { Worker, Village };
std::optional<AreaKind> parse_area_kind(std::string_view text);  // "worker", "village"

// One area to draw.
struct AreaSpec {
    AreaKind kind = AreaKind::Worker;
    std::string id;            // the grid worker's owner id, or the village code
    std::string name;          // the worker's or the village's name
    std::string village_code;  // the worker's village, or the village itself
    std::string village_name;
    std::string township_code;
    std::string township_name;
};

// The areas of `township_codes` (in that order; every township when empty), each township's
// by village code then name: its grid workers with at least one grid, or its villages with
// grids. Throws InputError for an unknown township.
std::vector<AreaSpec> list_areas(const ProjectLayers& layers, AreaKind kind,
                                 const std::vector<std::string>& township_codes);
// The one area of a grid worker (owner id) or a village (code). Throws InputError when there is
// none or it has no grid.
AreaSpec find_area(const ProjectLayers& layers, AreaKind kind, const std::string& id);

// One page of an area's sheet.
struct AreaPage {
    PageBox page;
    PageBox map_frame;
    PageTransform transform;
    bool index = false;               // the index page of a split area (its frames, no numbers)
    std::vector<PlacedLabel> labels;  // what was placed on this page
};

struct AreaSheetResult {
    AreaSpec area;
    std::vector<std::string> files;       // one file; one per page for a split PNG or SVG
    double scale_denominator = 0;         // the printed scale of the map pages (1:N)
    std::vector<AreaPage> pages;          // the index page first when split
    std::size_t first_page = 0;           // in a book, the page its first page is (1-based); else 0
    std::vector<std::string> grid_codes;  // the area's grids
    std::vector<std::string> left_out;    // the area's grids whose number no page shows
    grids::Date date;
};

// What the renderer plans before drawing: each area's file (its first page's, for a PNG or SVG
// sheet split over pages), so the caller checks them all (geo::check_output) before the first is
// drawn. A split sheet's further page files are checked as they are drawn: an existing one is
// refused then, without --overwrite, and the sheet fails with nothing of it left behind.
struct PlannedArea {
    AreaSpec area;
    std::vector<std::string> files;
};

// Files DIR/<township code>_<township name>/<village code>_<village name>[_<worker>_<id>].<ext>,
// made safe by file_name_part and unique within the run; a split PNG or SVG sheet gets one file
// per page: the index page under the stem, its map pages "_1", "_2"... after it.
std::vector<PlannedArea> plan_area_sheets(const std::string& dir, const ProjectLayers& layers,
                                          const std::vector<AreaSpec>& areas, const MapOptions& options);

struct AreaBatch {
    std::vector<AreaSheetResult> written;
    std::vector<SheetFailure> failed;  // `sheet` is the area's id
};

// Draws the planned sheets, each township's grids gathered once. A sheet that fails is listed in
// `failed` and the others are still drawn.
AreaBatch render_area_sheets(const ProjectLayers& layers, const MapOverlays& overlays,
                             const std::vector<PlannedArea>& plan, const MapOptions& options,
                             const Progress& progress = {});

struct BookResult {
    std::string path;
    std::size_t pages = 0;           // pages in the PDF, contents included
    std::size_t contents_pages = 0;  // the contents pages at the front
    std::vector<AreaSheetResult> sheets;
};

// The areas' sheets as one PDF at `path`: the contents (township → village → worker, with page
// numbers) first, then each area's pages. Staged and renamed; throws OutputError (nothing left
// behind) when it cannot be written.
BookResult render_area_book(const std::string& path, const ProjectLayers& layers, const MapOverlays& overlays,
                            const std::vector<AreaSpec>& areas, const MapOptions& options,
                            const Progress& progress = {});

}  // namespace respgrid::exporters

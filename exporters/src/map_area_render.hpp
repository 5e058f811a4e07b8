#pragma once
// Draws worker and village sheets (area_sheet.hpp) page by page into whatever gives it pages: a
// file per sheet, a file per page, or the county book. One township's grids are gathered once
// and serve all of its areas, which come township by township.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "map_area_plan.hpp"
#include "map_cairo.hpp"
#include "map_layers.hpp"
#include "respgrid/exporters/area_sheet.hpp"
#include "unit_owners.hpp"

namespace respgrid::exporters::map {

struct PlannedLayout {
    AreaSpec area;
    AreaGrids grids;
    AreaLayout layout;
    // The index page first when split, then one per map page.
    [[nodiscard]] std::size_t page_count() const { return layout.views.size() + (layout.split() ? 1 : 0); }
};

// Gives the renderer a white page of `page`'s size and the context to draw it on; `number` counts
// the area's pages from 0.
using PageSource = std::function<cairo_t*(const PageBox& page, std::size_t number)>;

class AreaRenderer {
public:
    AreaRenderer(const ProjectLayers& layers, const MapOverlays& overlays, const MapOptions& options);
    ~AreaRenderer();
    AreaRenderer(const AreaRenderer&) = delete;
    AreaRenderer& operator=(const AreaRenderer&) = delete;
    // Throws InputError when the area has no grid.
    PlannedLayout plan(const AreaSpec& area);
    // Draws the area's pages; `first_page` is the first page's number in a book (0: none printed).
    AreaSheetResult draw(const PlannedLayout& planned, const PageSource& pages, std::size_t first_page = 0);

private:
    struct Township;
    Township& township(const std::string& code);
    void draw_map(cairo_t* cr, TextPen& pen, const PlannedLayout& planned, const PageBox& frame, const PageTransform& t,
                  const geo::Envelope& view, const std::vector<geo::Envelope>* index_frames, AreaPage& page,
                  std::vector<bool>& numbered);

    const ProjectLayers& layers_;
    const MapOverlays& overlays_;
    const MapOptions& options_;
    detail::UnitOwners unit_owners_;
    std::vector<PlainUnit> townships_;
    std::unique_ptr<Township> current_;
    SurfacePtr measure_surface_;  // the planning pen's: metrics do not depend on the surface
    ContextPtr measure_cr_;
    std::unique_ptr<TextPen> measure_pen_;
};

// The title of an area's sheet: "<worker> 网格员责任区图", "<village> 网格分布图".
std::string area_title(const AreaSpec& area);

}  // namespace respgrid::exporters::map

#pragma once
// Printable assignment maps (网格责任分布图): a sheet per township, and with every township the
// county overview (exporters/map_sheet.hpp), drawn with the owners serving on the sheet's date
// (grids::ServingRoster).

#include <optional>
#include <string>

#include "respgrid/exporters/area_sheet.hpp"
#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::ops {

struct DrawMapsOptions {
    std::string project;
    std::optional<std::string> township;  // its sheet only; nullopt: every township and the overview
    // Worker and village sheets (exporters/area_sheet.hpp), drawn by draw_area_maps:
    std::optional<std::string> worker;    // that grid worker's sheet (owner id)
    std::optional<std::string> village;   // that village's sheet (code)
    // One sheet per worker or village of `township` (nullopt: of every township).
    std::optional<exporters::AreaKind> per;
    // The folder (created if missing; other files in it stay); with `per`, a name ending in
    // ".pdf" is the book: one PDF of every sheet after a contents.
    std::string output;
    exporters::MapFormat format = exporters::MapFormat::Pdf;
    exporters::Paper paper = exporters::Paper::A3;
    double dpi = 150;     // PNG only
    bool issues = false;  // overlay the reported issues
    // The day printed on the sheets, whose serving owners they show; a time means its day in the
    // project's zone. nullopt: the day of `now` there.
    std::optional<grids::TimeText> date;
    grids::Instant now = grids::Instant::now();
    bool overwrite = false;  // replace a sheet of an earlier run
    std::string producer;    // the PDF's Creator
};

// Draws the sheets. Every sheet's file is checked before the first is drawn (geo::check_output);
// a sheet that cannot be drawn is listed in `failed` and the others are still drawn. UsageError
// for a township the project does not have, or a project without grids.
exporters::MapBatch draw_maps(const DrawMapsOptions& options, const Progress& progress = {});

// Whether the options ask for a book (`per` and an output ending in ".pdf", any case).
bool is_book(const DrawMapsOptions& options);

struct AreaMaps {
    exporters::AreaBatch sheets;               // the sheets drawn into the folder
    std::optional<exporters::BookResult> book; // or the book
};

// The worker or village sheets (`worker`, `village` or `per`), or the book. Every file is checked
// before the first is drawn. UsageError for a worker, village or township the project does not
// have, or a book in another format than PDF.
AreaMaps draw_area_maps(const DrawMapsOptions& options, const Progress& progress = {});

}  // namespace respgrid::ops

#pragma once
// Printable assignment maps (网格责任分布图): a sheet per township, and with every township the
// county overview (exporters/map_sheet.hpp), drawn with the owners serving on the sheet's date
// (grids::ServingRoster).

#include <optional>
#include <string>

#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::ops {

struct DrawMapsOptions {
    std::string project;
    std::optional<std::string> township;  // its sheet only; nullopt: every township and the overview
    std::string output;                   // the folder (created if missing; other files in it stay)
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

}  // namespace respgrid::ops

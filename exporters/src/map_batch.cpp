// A batch of map sheets (`map --all`): one bad sheet is reported, not the end of the batch.
#include "respgrid/exporters/file_names.hpp"
#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters {

MapBatch render_map_batch(const std::string& dir, const ProjectLayers& layers, const MapOverlays& overlays,
                          const std::vector<std::string>& township_codes, bool overview, const MapOptions& options,
                          const Progress& progress) {
    MapBatch batch;
    UniqueFileNames names;
    names.take("county_overview");  // the overview's own name, whether drawn or not
    const double sheets = static_cast<double>(township_codes.size() + (overview ? 1 : 0));
    auto attempt = [&](const std::string& sheet, const auto& draw) {
        try {
            batch.written.push_back(draw());
        } catch (const std::exception& e) {
            batch.failed.push_back({sheet, e.what(), std::current_exception()});
        }
    };
    for (std::size_t i = 0; i < township_codes.size(); ++i) {
        const std::string& code = township_codes[i];
        report(progress, static_cast<double>(i) / sheets, code);
        attempt(code, [&] {
            std::string stem;
            for (const auto& t : layers.townships) {
                if (t.code == code) stem = names.take(township_sheet_stem(t));
            }
            return render_township_sheet(dir, layers, overlays, code, options, stem);
        });
    }
    if (overview) {
        report(progress, static_cast<double>(township_codes.size()) / sheets, "county overview");
        attempt("county_overview", [&] { return render_county_overview(dir, layers, overlays, options); });
    }
    report(progress, 1.0, "");
    return batch;
}

}  // namespace respgrid::exporters

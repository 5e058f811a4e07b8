// A batch of map sheets (`map --all`): named first, so every file can be checked before the first
// is drawn; then drawn, one bad sheet reported, not the end of the batch.
#include <filesystem>

#include "respgrid/exporters/file_names.hpp"
#include "respgrid/exporters/map_sheet.hpp"

namespace respgrid::exporters {

namespace {
constexpr const char* kOverview = "county_overview";
}  // namespace

std::vector<PlannedSheet> plan_map_batch(const std::string& dir, const ProjectLayers& layers,
                                         const std::vector<std::string>& township_codes, bool overview,
                                         MapFormat format) {
    std::vector<PlannedSheet> plan;
    UniqueFileNames names;
    names.take(kOverview);  // the overview's own name, whether drawn or not
    const std::string suffix = "." + std::string(extension(format));
    for (const auto& code : township_codes) {
        PlannedSheet sheet{code, code, ""};
        for (const auto& t : layers.townships) {
            if (t.code == code) sheet.stem = names.take(township_sheet_stem(t));
        }
        sheet.path = (std::filesystem::path(dir) / (sheet.stem + suffix)).string();
        plan.push_back(std::move(sheet));
    }
    if (overview) plan.push_back({kOverview, kOverview, county_overview_path(dir, format)});
    return plan;
}

MapBatch render_map_batch(const std::string& dir, const ProjectLayers& layers, const MapOverlays& overlays,
                          const std::vector<PlannedSheet>& plan, const MapOptions& options, const Progress& progress) {
    MapBatch batch;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto& sheet = plan[i];
        report(progress, static_cast<double>(i) / static_cast<double>(plan.size()), sheet.sheet);
        try {
            batch.written.push_back(sheet.sheet == kOverview
                                        ? render_county_overview(dir, layers, overlays, options)
                                        : render_township_sheet(dir, layers, overlays, sheet.sheet, options, sheet.stem));
        } catch (const std::exception& e) {
            batch.failed.push_back({sheet.sheet, e.what(), std::current_exception()});
        }
    }
    report(progress, 1.0, "");
    return batch;
}

}  // namespace respgrid::exporters

// Which areas a run draws (list_areas, find_area), the files they go to, and drawing them one
// file per sheet (or per page of a split PNG or SVG sheet).
#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>

#include "map_area_render.hpp"
#include "map_surface.hpp"
#include "respgrid/exporters/area_sheet.hpp"
#include "respgrid/exporters/file_names.hpp"

namespace respgrid::exporters {

namespace {

const grids::AdminUnit* find_unit(std::span<const grids::AdminUnit> units, const std::string& code) {
    const auto it = std::find_if(units.begin(), units.end(), [&](const grids::AdminUnit& u) { return u.code == code; });
    return it == units.end() ? nullptr : &*it;
}

// The grid worker of a grid on the layers' date, or null.
const grids::Owner* worker_of(const ProjectLayers& layers, const grids::GridCell& cell) {
    if (!layers.directory) return nullptr;
    const auto chain = layers.directory->chain(cell.code);
    const auto* link = chain.find(grids::Role::GridWorker);
    return link ? link->owner : nullptr;
}

AreaSpec spec_for(const ProjectLayers& layers, AreaKind kind, const std::string& id, const std::string& name,
                  const grids::GridCell& cell) {
    AreaSpec a;
    a.kind = kind;
    a.id = id;
    a.name = name;
    a.village_code = cell.village_code;
    a.township_code = cell.township_code;
    if (const auto* v = find_unit(layers.villages, cell.village_code)) a.village_name = v->name;
    if (const auto* t = find_unit(layers.townships, cell.township_code)) a.township_name = t->name;
    return a;
}

std::string extension_of(MapFormat format) { return "." + std::string(extension(format)); }

// The name of page `number` of a split PNG or SVG sheet: the planned file for the index page,
// "<stem>_<k>" for map page k.
std::string page_file(const std::string& planned, std::size_t number) {
    if (number == 0) return planned;
    const std::filesystem::path p(planned);
    return (p.parent_path() / (p.stem().string() + "_" + std::to_string(number) + p.extension().string())).string();
}

}  // namespace

std::vector<AreaSpec> list_areas(const ProjectLayers& layers, AreaKind kind,
                                 const std::vector<std::string>& township_codes) {
    std::vector<std::string> codes = township_codes;
    if (codes.empty()) {
        for (const auto& t : layers.townships) codes.push_back(t.code);
    }
    std::vector<AreaSpec> out;
    for (const auto& code : codes) {
        if (!find_unit(layers.townships, code)) {
            throw InputError({}, "exporters: no township with this code in the project (township='" + code + "')");
        }
        // Keyed for the order: village, then name, then id.
        std::map<std::tuple<std::string, std::string, std::string>, AreaSpec> areas;
        std::map<std::string, bool> seen;
        for (const auto& cell : layers.grids) {
            if (cell.township_code != code) continue;
            if (kind == AreaKind::Village) {
                if (seen.emplace(cell.village_code, true).second) {
                    const auto* v = find_unit(layers.villages, cell.village_code);
                    const std::string name = v ? v->name : cell.village_code;
                    areas.emplace(std::tuple{cell.village_code, std::string(), std::string()},
                                  spec_for(layers, kind, cell.village_code, name, cell));
                }
            } else if (const auto* w = worker_of(layers, cell); w && seen.emplace(w->id, true).second) {
                areas.emplace(std::tuple{cell.village_code, w->name, w->id},
                              spec_for(layers, kind, w->id, w->name, cell));
            }
        }
        for (auto& [key, area] : areas) out.push_back(std::move(area));
    }
    return out;
}

AreaSpec find_area(const ProjectLayers& layers, AreaKind kind, const std::string& id) {
    for (const auto& cell : layers.grids) {
        if (kind == AreaKind::Village) {
            if (cell.village_code != id) continue;
            const auto* v = find_unit(layers.villages, id);
            return spec_for(layers, kind, id, v ? v->name : id, cell);
        }
        if (const auto* w = worker_of(layers, cell); w && w->id == id) return spec_for(layers, kind, id, w->name, cell);
    }
    throw InputError({}, std::string("exporters: no ") + (kind == AreaKind::Worker ? "grid worker" : "village") +
                             " with this id has grids on the sheet's date (id='" + id + "')");
}

std::vector<PlannedArea> plan_area_sheets(const std::string& dir, const ProjectLayers& layers,
                                          const std::vector<AreaSpec>& areas, const MapOptions& options) {
    std::vector<PlannedArea> plan;
    UniqueFileNames folders;
    std::map<std::string, std::string> folder_of;     // township code -> folder name
    std::map<std::string, UniqueFileNames> names_in;  // folder -> names taken
    for (const auto& area : areas) {
        auto [it, inserted] = folder_of.try_emplace(area.township_code);
        if (inserted) {
            const auto* t = find_unit(layers.townships, area.township_code);
            it->second =
                t ? folders.take(township_sheet_stem(*t)) : folders.take(file_name_part(area.township_code, 24));
        }
        std::string stem = file_name_part(area.village_code, 24) + "_" + file_name_part(area.village_name, 30);
        if (area.kind == AreaKind::Worker)
            stem += "_" + file_name_part(area.name, 30) + "_" + file_name_part(area.id, 24);
        stem = names_in[it->second].take(stem);
        plan.push_back(
            {area, {(std::filesystem::path(dir) / it->second / (stem + extension_of(options.format))).string()}});
    }
    return plan;
}

AreaBatch render_area_sheets(const ProjectLayers& layers, const MapOverlays& overlays,
                             const std::vector<PlannedArea>& plan, const MapOptions& options,
                             const Progress& progress) {
    AreaBatch batch;
    map::AreaRenderer renderer(layers, overlays, options);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto& planned = plan[i];
        report(progress, static_cast<double>(i) / static_cast<double>(plan.size()), planned.area.id);
        try {
            const auto layout = renderer.plan(planned.area);
            std::filesystem::create_directories(std::filesystem::path(planned.files.front()).parent_path());
            // A PDF holds all pages; a PNG or SVG is one page, so a split sheet is a file per page.
            std::vector<std::unique_ptr<map::SheetSurface>> surfaces;
            std::vector<std::string> files;
            const std::string title = map::area_title(planned.area);
            const map::PageSource pages = [&](const PageBox& page, std::size_t number) -> cairo_t* {
                if (options.format == MapFormat::Pdf && !surfaces.empty()) {
                    surfaces.back()->next_page(page);
                    return surfaces.back()->cr();
                }
                files.push_back(page_file(planned.files.front(), number));
                if (number > 0) geo::check_output(files.back(), geo::OutputKind::File, options.outputs);
                surfaces.push_back(std::make_unique<map::SheetSurface>(files.back(), options.format, page, options.dpi,
                                                                       title, options.producer));
                return surfaces.back()->cr();
            };
            auto result = renderer.draw(layout, pages);
            // A sheet's pages land together: when one cannot be renamed into place, the pages
            // already renamed are removed, so no sheet is left with part of its pages.
            std::size_t committed = 0;
            try {
                for (auto& surface : surfaces) {
                    surface->commit();
                    ++committed;
                }
            } catch (...) {
                std::error_code ignored;
                for (std::size_t k = 0; k < committed; ++k) std::filesystem::remove(files[k], ignored);
                throw;
            }
            result.files = std::move(files);
            batch.written.push_back(std::move(result));
        } catch (const std::exception& e) {
            batch.failed.push_back({planned.area.id, e.what(), std::current_exception()});
        }
    }
    report(progress, 1.0, "");
    return batch;
}

}  // namespace respgrid::exporters

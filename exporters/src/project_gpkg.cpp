#include "respgrid/exporters/project_gpkg.hpp"

#include <map>

#include "defect_layers_copy.hpp"
#include "feature_pipeline.hpp"
#include "geometry_out.hpp"
#include "gpkg_rtree.hpp"
#include "grid_records.hpp"
#include "layer_fields.hpp"
#include "responsibility_gpkg.hpp"
#include "staged_gpkg.hpp"
#include "unit_owners.hpp"
#include "worker_areas.hpp"
#include "respgrid/exporters/layer_writer.hpp"
#include "respgrid/exporters/qgis_gpkg.hpp"
#include "respgrid/grids/case_clock.hpp"
#include "respgrid/grids/owner_columns.hpp"

namespace respgrid::exporters {

namespace {

std::string missing_roles(const grids::ResolvedChain& chain) {
    std::string out;
    for (auto role : chain.missing) out += (out.empty() ? "" : ",") + std::string(grids::to_string(role));
    return out;
}

using detail::GeometryOut;

void write_units(GDALDataset& ds, const std::string& path, const OGRSpatialReference* srs, const GeometryOut& out,
                 const std::string& layer, std::span<const grids::AdminUnit> units, const grids::Directory& dir,
                 const detail::UnitOwners& unit_owners) {
    LayerWriter w(ds, path, layer, wkbMultiPolygon, srs, detail::unit_fields());
    for (const auto& u : units) {
        // The owner registered for the unit itself (township or village), if any.
        const grids::Owner* o = unit_owners.of(u.code);
        w.add(out.polygons(u.geometry),  // values in unit_fields() order
              {u.code, u.name,
               text_or_null(u.parent_code), text_or_null(dir.unit_name(u.parent_code)), u.geometry.area(),
               o ? text_or_null(o->contact) : Value{}, o ? text_or_null(o->phone) : Value{}});
    }
}

// The grids as rows: streamed from the store when the caller gave a source, else read from the
// cells it holds (small projects, tests).
grids::GridRowSource grid_rows_of(const ProjectLayers& layers) {
    if (layers.grid_rows) return layers.grid_rows;
    return [&layers](const grids::GridRowVisitor& visit) {
        for (const auto& c : layers.grids) {
            const auto polygons = c.shape().polygons();
            visit({c.code, c.name, c.village_code, c.township_code, c.area_m2, c.weight, c.dedicated, c.label, polygons});
        }
    };
}

// The grids with their owner chains, written in the packed R-tree's leaf order, then the grid
// workers' areas made of them (worker_areas.hpp). Counts both.
void write_grids(GDALDataset& ds, const std::string& path, const OGRSpatialReference* srs, const ProjectLayers& layers,
                 int target_epsg, const grids::Directory& dir, const Progress& progress, ExportCounts& counts) {
    LayerWriter grids_layer(ds, path, "grids", wkbMultiPolygon, srs, detail::grid_fields(),
                            /*spatial_index=*/false);
    // No R-tree maintained row by row: the tree is packed from the grids' envelopes first, the
    // features are written in its leaf order (fid = position) and the index is completed after them.
    detail::GpkgRtree grids_rtree(ds, path, "grids", "geom");
    detail::GridRecords records(grid_rows_of(layers), layers.grid_rows ? layers.grid_row_count : layers.grids.size(),
                                layers.working_crs, target_epsg);
    detail::SpatialOrder order = detail::spatial_order(records.take_envelopes(), grids_rtree.node_bytes());
    grids_rtree.write_nodes(order.tree);
    detail::WorkerAreas worker_areas(dir, records.size());
    // Features are made on a second thread (owners, fields, geometry) while this one writes.
    auto make_grid = [&](std::size_t n) {
        const std::size_t k = order.order[n];
        const detail::GridRecords::Row c = records.row(k);
        const std::string code(c.code), village_code(c.village_code), township_code(c.township_code);
        auto chain = dir.chain(code);
        worker_areas.note(k, chain);
        std::vector<Value> values{  // in grid_fields() order
            code, std::string(c.name), village_code, text_or_null(dir.unit_name(village_code)), township_code,
            text_or_null(dir.unit_name(township_code)), c.area_m2, layers.generation_id,
            std::string(c.dedicated ? "dedicated" : "general"), text_or_null(std::string(c.label)),
            c.weight > 0 ? Value{c.weight} : Value{}};
        for (const auto& column : grids::kOwnerColumns) values.push_back(text_or_null(grids::owner_value(chain, column)));
        values.push_back(text_or_null(missing_roles(chain)));
        return grids_layer.make(records.geometry(k), values, static_cast<GIntBig>(n + 1));
    };
    detail::run_feature_pipeline(order.order.size(), make_grid, [&](OGRFeature& feature) {
        grids_layer.write(feature);
        if (grids_layer.written() % 8192 == 1) {
            report(progress, 0.1 + 0.7 * static_cast<double>(grids_layer.written()) /
                                       static_cast<double>(records.size()),
                   "writing grids");
        }
    });
    grids_rtree.finish(order.tree);
    counts.grids = grids_layer.written();
    counts.worker_areas = worker_areas.write(ds, path, srs, records);
}

// The issues with the grid they were located to and its grid worker and leader. Returns the count.
std::size_t write_issues(GDALDataset& ds, const std::string& path, const OGRSpatialReference* srs,
                         const GeometryOut& out, const ProjectLayers& layers, const grids::Directory& dir) {
    std::map<std::string, const grids::IssueCategory*> category_of;
    for (const auto& c : layers.categories) category_of[c.code] = &c;
    std::map<std::string, const grids::GridCell*> cell_of;
    if (!layers.issues.empty()) {  // a million map nodes are not free
        for (const auto& c : layers.grids) cell_of[c.code] = &c;
    }
    LayerWriter issues_layer(ds, path, "issues", wkbPoint, srs, detail::issue_fields());
    for (const auto& li : layers.issues) {
        const auto& i = *li.issue;
        const auto& loc = li.location;
        const auto found = loc.grid_code.empty() ? cell_of.end() : cell_of.find(loc.grid_code);
        const grids::GridCell* cell = found == cell_of.end() ? nullptr : found->second;
        auto chain = dir.chain(loc.grid_code);
        auto cat = category_of.find(i.category_code);
        bool inside = cell != nullptr;
        std::vector<Value> values{  // in issue_fields() order
            i.id, text_or_null(i.reported_at), text_or_null(i.category_code),
            cat != category_of.end() ? Value{cat->second->name} : Value{}, text_or_null(i.description), i.crs, i.lon,
            i.lat, std::string(grids::to_string(loc.status)), text_or_null(loc.grid_code),
            inside ? Value{cell->village_code} : Value{}, inside ? text_or_null(dir.unit_name(cell->village_code)) : Value{},
            inside ? Value{cell->township_code} : Value{}, inside ? text_or_null(dir.unit_name(cell->township_code)) : Value{}};
        for (const auto& column : grids::kIssueOwnerColumns) {
            values.push_back(inside ? text_or_null(grids::owner_value(chain, column)) : Value{});
        }
        values.insert(values.end(), {text_or_null(loc.nearest_grid_code), inside ? Value{} : Value{loc.nearest_distance_m}});
        issues_layer.add(out.point(i.position), values);
    }
    return issues_layer.written();
}

// The ledger's cases, overdue or not at layers.cases_as_of. Returns the count.
std::size_t write_cases(GDALDataset& ds, const std::string& path, const OGRSpatialReference* srs,
                        const GeometryOut& out, const ProjectLayers& layers) {
    LayerWriter cases_layer(ds, path, "cases", wkbPoint, srs, detail::case_fields());
    auto time_or_null = [&](const std::optional<grids::Instant>& t) {
        return t ? Value{t->to_text(layers.zone)} : Value{};
    };
    for (const auto& c : layers.cases) {
        const grids::CaseClock clock = grids::case_clock(c, layers.cases_as_of);
        std::vector<Value> values{  // in case_fields() order
            c.number, std::string(grids::to_string(c.status)), std::string(grids::label_zh(c.status)),
            text_or_null(c.category_code), text_or_null(c.category_name), std::string(grids::to_string(c.source)),
            std::string(grids::label_zh(c.source)), c.found_at.to_text(layers.zone), time_or_null(c.deadline),
            static_cast<long long>(clock.overdue), clock.hours_overdue ? Value{*clock.hours_overdue} : Value{},
            static_cast<long long>(c.escalation_level), text_or_null(c.grid_code), text_or_null(c.village_code),
            text_or_null(c.village_name), text_or_null(c.township_code), text_or_null(c.township_name),
            text_or_null(c.responsible_id), text_or_null(c.responsible_name), static_cast<long long>(c.report_count),
            text_or_null(c.location_text), text_or_null(c.description)};
        cases_layer.add(out.point(c.position), values);
    }
    return cases_layer.written();
}

}  // namespace

ExportCounts write_project_gpkg(const std::string& path, const ProjectLayers& layers, int target_epsg,
                                const Progress& progress) {
    if (!layers.directory) throw OutputError(path, "exporters: no owner directory given");
    const grids::Directory& dir = *layers.directory;
    ExportCounts counts;
    const auto body = [&](GDALDataset& ds, const OGRSpatialReference* srs, const GeometryOut& out) {
        const detail::UnitOwners unit_owners(&dir, layers.serving_on);
        write_units(ds, path, srs, out, "county", layers.county, dir, unit_owners);
        write_units(ds, path, srs, out, "townships", layers.townships, dir, unit_owners);
        write_units(ds, path, srs, out, "villages", layers.villages, dir, unit_owners);
        counts.county = layers.county.size();
        counts.townships = layers.townships.size();
        counts.villages = layers.villages.size();
        report(progress, 0.1, "administrative units written");
        write_grids(ds, path, srs, layers, target_epsg, dir, progress, counts);
        counts.issues = write_issues(ds, path, srs, out, layers, dir);
        counts.cases = write_cases(ds, path, srs, out, layers);
        counts.responsibility =
            detail::write_responsibility_layer(ds, path, srs, out, layers.responsibility_layers, layers.responsibility, dir);
        if (!layers.audit_defects.empty()) {
            counts.defects = detail::copy_defect_layers(ds, path, srs, layers.audit_defects);
        }
    };
    // Written beside the target and renamed at the end: a failed export keeps the previous file.
    detail::write_staged_gpkg(path, layers.working_crs, target_epsg, body, layers.producer, layers.opens_on);
    report(progress, 1.0, "GeoPackage written");
    return counts;
}

}  // namespace respgrid::exporters

#include "respgrid/ops/export.hpp"

#include "audit_summary_sheet.hpp"
#include "township_package.hpp"
#include "respgrid/exporters/display_offsets.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/project_view.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

// Everything the export writes, loaded once; `layers` points into the other members.
struct ProjectExport::Loaded {
    ExportOptions options;
    store::Project project;
    ProjectView view;
    std::vector<grids::IssueReport> issues;
    std::vector<grids::IssueCategory> categories;
    std::vector<grids::ResponsibilityLayer> responsibility_layers;
    std::vector<grids::ResponsibilityFeature> responsibility;
    std::vector<exporters::LocatedIssue> located;
    std::vector<grids::LedgerCase> cases;
    exporters::ProjectLayers layers;
    std::optional<StaleAudit> stale_audit;
    std::optional<store::Project::AuditDefects> defects;
    std::optional<store::AuditRun> latest_audit;  // for the workbook's summary

    explicit Loaded(const ExportOptions& o) : options(o), project(store::Project::open(o.project)) {}
};

ProjectExport::ProjectExport(const ExportOptions& options) {
    using exporters::CopyFormat;
    if (exporters::is_display_offset(options.crs)) {
        // Shifted lon/lat that no GIS can declare: only for the formats web maps read.
        const bool web = options.copy_format && (*options.copy_format == CopyFormat::GeoJson ||
                                                 *options.copy_format == CopyFormat::Kml ||
                                                 *options.copy_format == CopyFormat::VectorTiles);
        if (!web || options.workbook) {
            throw UsageError("--crs " + options.crs.name() +
                             " gives display coordinates for web base maps, written only as geojson, kml or mvt; "
                             "a GeoPackage, Shapefile, FlatGeobuf, CSV or workbook needs an EPSG code");
        }
    } else if (options.crs.kind != geo::CrsKind::Epsg) {
        throw UsageError("--crs must be an EPSG code for files (or gcj02/bd09 for geojson, kml, mvt), got " +
                         options.crs.name());
    }
    const bool csv = options.copy_format && *options.copy_format == CopyFormat::Csv;
    if (options.headers == exporters::Headers::Zh && !csv && !options.workbook) {
        throw UsageError("--headers zh titles the columns of CSV tables (--format csv; xlsx always has the Chinese "
                         "titles); the layers' fields keep their names, their titles are QGIS's aliases");
    }
    const bool one_file = !options.copy_format || *options.copy_format == CopyFormat::Kml;
    geo::check_output(options.output, one_file ? geo::OutputKind::File : geo::OutputKind::Folder,
                      geo::OutputRules{{options.project}, options.overwrite});
    loaded_ = std::make_unique<Loaded>(options);
    Loaded& l = *loaded_;
    const grids::Date day = options.at.date_in(l.project.info().time_zone);
    l.issues = l.project.load_issues();
    // The grids are streamed from the store into the GeoPackage (one pass, village by village);
    // they are held as cells only to place issues, which needs a locator over all of them.
    ViewRequest request;
    request.serving_on = day;
    request.cells = !l.issues.empty();
    l.view = load_view(l.project, request);
    // A township package's codes are checked before the issues are placed (seconds for a city).
    const detail::TownshipCodes townships =
        options.townships.empty() ? detail::TownshipCodes() : detail::checked_townships(options.townships, l.view);
    l.categories = l.project.load_categories();
    l.responsibility_layers = l.project.load_responsibility_layers();
    l.responsibility = l.project.load_responsibility_features();
    l.located = locate_issues(l.view, l.issues);
    l.cases = store::Ledger(l.project).cases();
    if (!townships.empty()) detail::keep_townships(townships, l.view, l.located, l.cases, l.responsibility);
    l.layers = l.view.layers(l.project.working_crs());
    if (l.view.generation) {
        l.layers.grid_rows = [&project = l.project, id = l.view.generation->id](const grids::GridRowVisitor& visit) {
            project.for_each_grid_row(id, visit);
        };
        if (!townships.empty()) {
            l.layers.grid_rows = detail::grid_rows_in(std::move(l.layers.grid_rows), townships);
            l.layers.opens_on = "townships";
        }
        l.layers.grid_row_count = l.view.generation->cell_count;  // at most
    }
    l.layers.categories = l.categories;
    l.layers.issues = l.located;
    // The ledger's cases, overdue or not at the export's time.
    l.layers.cases = l.cases;
    l.layers.cases_as_of = options.at;
    l.layers.zone = l.project.info().time_zone;
    l.layers.responsibility_layers = l.responsibility_layers;
    l.layers.responsibility = l.responsibility;
    l.layers.producer = options.producer;
    // The workbook's summary sheet reads the latest audit; the layers do not.
    if (options.workbook) {
        if (auto runs = l.project.audit_runs(); !runs.empty()) l.latest_audit = std::move(runs.back());
    }
    // The latest audit's defects, when that audit saw the grids being exported; they are the
    // county's, not a township package's.
    if (!townships.empty()) return;
    l.defects = l.project.latest_audit_defects();
    if (!l.defects) return;
    const long long current = l.view.generation ? l.view.generation->id : 0;
    const std::optional<long long> audited = l.defects->run.generation;
    if (audited && *audited != current) {
        l.stale_audit = StaleAudit{l.defects->run.run_at, *audited, current};
        return;
    }
    l.layers.audit_defects = l.defects->gpkg;
}

ProjectExport::~ProjectExport() = default;

const std::optional<StaleAudit>& ProjectExport::stale_audit() const { return loaded_->stale_audit; }

ExportResult ProjectExport::write(const Progress& progress) {
    const ExportOptions& options = loaded_->options;
    // The other formats and the workbook are made from a GeoPackage written beside the output first.
    const bool derived = options.copy_format || options.workbook;
    const std::string gpkg = derived ? geo::staging_name(options.output, ".gpkg") : options.output;
    geo::RemovedOnExit staging(derived ? gpkg : std::string());
    ExportResult result;
    // Display offsets are applied to WGS-84 lon/lat (geo/china_offsets.hpp).
    const bool display = exporters::is_display_offset(options.crs);
    result.counts = exporters::write_project_gpkg(gpkg, loaded_->layers, display ? 4326 : options.crs.epsg, progress);
    if (display) exporters::shift_to_display_offsets(gpkg, options.crs);
    if (options.workbook) {
        std::vector<exporters::TableSheet> extra;
        if (const auto& run = loaded_->latest_audit) {
            const auto& generation = loaded_->view.generation;
            extra.push_back(detail::audit_summary_sheet(*run, generation ? generation->id : 0));
        }
        result.workbook = exporters::write_tables_workbook(gpkg, options.output, extra);
    } else if (options.copy_format) {
        result.copies = exporters::copy_layers(gpkg, options.output, *options.copy_format, options.headers);
    }
    return result;
}

}  // namespace respgrid::ops

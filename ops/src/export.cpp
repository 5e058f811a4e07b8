#include "respgrid/ops/export.hpp"

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

    explicit Loaded(const ExportOptions& o) : options(o), project(store::Project::open(o.project)) {}
};

ProjectExport::ProjectExport(const ExportOptions& options) {
    if (options.crs.kind != geo::CrsKind::Epsg) {
        throw UsageError("--crs must be an EPSG code for files, got " + options.crs.name());
    }
    const bool one_file = !options.copy_format || *options.copy_format == exporters::CopyFormat::Kml;
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
    l.categories = l.project.load_categories();
    l.responsibility_layers = l.project.load_responsibility_layers();
    l.responsibility = l.project.load_responsibility_features();
    l.located = locate_issues(l.view, l.issues);
    l.layers = l.view.layers(l.project.working_crs());
    if (l.view.generation) {
        l.layers.grid_rows = [&project = l.project, id = l.view.generation->id](const grids::GridRowVisitor& visit) {
            project.for_each_grid_row(id, visit);
        };
        l.layers.grid_row_count = l.view.generation->cell_count;
    }
    l.layers.categories = l.categories;
    l.layers.issues = l.located;
    // The ledger's cases, overdue or not at the export's time.
    l.cases = store::Ledger(l.project).cases();
    l.layers.cases = l.cases;
    l.layers.cases_as_of = options.at;
    l.layers.zone = l.project.info().time_zone;
    l.layers.responsibility_layers = l.responsibility_layers;
    l.layers.responsibility = l.responsibility;
    l.layers.producer = options.producer;
    // The latest audit's defects, when that audit saw the grids being exported.
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
    // The other formats are made from a GeoPackage written beside the output first.
    const std::string gpkg = options.copy_format ? geo::staging_name(options.output, ".gpkg") : options.output;
    geo::RemovedOnExit staging(options.copy_format ? gpkg : std::string());
    ExportResult result;
    result.counts = exporters::write_project_gpkg(gpkg, loaded_->layers, options.crs.epsg, progress);
    if (options.copy_format) result.copies = exporters::copy_layers(gpkg, options.output, *options.copy_format);
    return result;
}

}  // namespace respgrid::ops

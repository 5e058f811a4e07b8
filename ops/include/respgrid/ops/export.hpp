#pragma once
// Exporting a project for QGIS: the GeoPackage (county, townships, villages, grids with their
// owner chains, issues, the ledger's cases, responsibility areas, the latest audit's defects; styled, with a QGIS
// project inside), or a copy of its layers in another format (exporters/format_copy.hpp), or its
// tables as one Excel workbook (exporters/tables_workbook.hpp); of the whole county or of some
// townships (a township's package), in an EPSG CRS or, for web maps, GCJ-02/BD-09 display
// coordinates (exporters/display_offsets.hpp).
//
//     ops::ProjectExport export_(options);           // checks the request, loads the project
//     if (export_.stale_audit()) ...                 // an audit left out: tell the user
//     auto result = export_.write(progress);
//
// The owner chains are those of the owners serving at `at` (grids::ServingRoster).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/exporters/format_copy.hpp"
#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/exporters/tables_workbook.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::ops {

struct ExportOptions {
    std::string project;
    std::string output;  // a file for the GeoPackage and KML, a folder for the other formats
    std::optional<exporters::CopyFormat> copy_format;  // nullopt: the GeoPackage itself (or the workbook)
    bool workbook = false;  // the tables as one XLSX workbook (`output` a file) instead of the layers
    // Of the output: an EPSG CRS; or GCJ-02/BD-09 display coordinates for GeoJSON, KML and vector
    // tiles only (UsageError for another output).
    geo::Crs crs = geo::Crs::cgcs2000();
    // The CSV copy's header row; Zh with a format other than csv or the workbook is a UsageError.
    exporters::Headers headers = exporters::Headers::En;
    // A package of these townships (codes) only: UsageError listing the project's townships for a
    // code it does not have. Empty: the whole county.
    std::vector<std::string> townships;
    bool overwrite = false;                              // replace an output of an earlier run
    std::string producer;                                // recorded in the files (exporters::ProjectLayers)
    // The owners serving on its day in the project's zone; the ledger's cases overdue at it.
    grids::Instant at = grids::Instant::now();
};

// The latest audit, left out because it saw another grid generation than the exported one.
struct StaleAudit {
    std::string run_at;
    long long audited_generation = 0;
    long long current_generation = 0;
};

struct ExportResult {
    exporters::ExportCounts counts;              // features per layer of the GeoPackage
    std::vector<exporters::CopiedLayer> copies;  // each layer's file, for a copy format
    exporters::WorkbookCounts workbook;          // the sheets' rows, for the workbook
};

class ProjectExport {
public:
    // Checks the request (UsageError for a CRS that is not an EPSG code, or a project without
    // boundaries) and its output (geo::check_output), then loads the project.
    explicit ProjectExport(const ExportOptions& options);
    ProjectExport(const ProjectExport&) = delete;
    ProjectExport& operator=(const ProjectExport&) = delete;
    ~ProjectExport();

    [[nodiscard]] const std::optional<StaleAudit>& stale_audit() const;
    // Writes the output; a failed export leaves no partial output and an earlier one untouched.
    ExportResult write(const Progress& progress = {});

private:
    struct Loaded;
    std::unique_ptr<Loaded> loaded_;
};

}  // namespace respgrid::ops

#pragma once
// The main deliverable: a GeoPackage with the layers county, townships, villages, grids (with
// their owner chains), worker_areas (one per grid worker: the union of the worker's grids,
// src/worker_areas.hpp), responsibility (areas and buffered lines of departments, when imported),
// the latest audit's non-empty defect layers (gaps, overlaps, ownership...), issues (with the grid and owners they were
// located to) and the ledger's cases (with their status and whether they are overdue at the export's time), in EPSG:4490 (CGCS2000 lon/lat,
// x = longitude) unless another EPSG code is asked for; every layer with its QGIS style and a
// QGIS project in the file (qgis_gpkg.hpp).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/grid_row.hpp"
#include "respgrid/grids/issues.hpp"
#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/locator.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/grids/square_grid.hpp"

namespace respgrid::exporters {

struct LocatedIssue {
    const grids::IssueReport* issue = nullptr;
    grids::Location location;
};

struct ProjectLayers {
    geo::Crs working_crs;
    std::span<const grids::AdminUnit> county;
    std::span<const grids::AdminUnit> townships;
    std::span<const grids::AdminUnit> villages;
    std::span<const grids::GridCell> grids;
    // The grids streamed from the store instead (grids::GridRowSource), when set: the grids layer
    // is written from them and `grids` serves only to place the issues. A million grids are then
    // never held as GridCells.
    grids::GridRowSource grid_rows;
    std::size_t grid_row_count = 0;  // how many rows grid_rows gives, if known (memory is reserved for them)
    long long generation_id = 0;
    const grids::Directory* directory = nullptr;
    // The day whose serving owners the units show as their contact (grids::serves_on); nullopt:
    // the first active owner. The grids' chains are the directory's.
    std::optional<grids::Date> serving_on;
    std::span<const grids::IssueCategory> categories;
    std::span<const LocatedIssue> issues;
    // The ledger's cases (挂账督办), each where LedgerCase::position puts it; overdue or not as of
    // `cases_as_of` (grids/case_clock.hpp), their times written in `zone`. The layer is written
    // even without cases, as the issues layer is.
    std::span<const grids::LedgerCase> cases;
    grids::Instant cases_as_of;
    grids::UtcOffset zone = grids::kChinaTime;
    std::span<const grids::ResponsibilityLayer> responsibility_layers;  // none: no layer written
    std::span<const grids::ResponsibilityFeature> responsibility;
    // The latest audit's defect layers: the bytes of the GeoPackage the audit wrote
    // (store::Project::AuditDefects); empty for none.
    std::span<const std::uint8_t> audit_defects;
    // The program writing the file, e.g. "respgrid 0.1.0 (git 0a65d117628c)", recorded in its
    // metadata and its QGIS project and carried from there to the copies (format_copy.hpp); "" for none.
    std::string producer;
    // The layer whose extent the file's QGIS project opens on: the county, or for a township
    // package (export --township) the townships it holds.
    std::string opens_on = "county";
};

struct ExportCounts {
    std::size_t county = 0, townships = 0, villages = 0, grids = 0, issues = 0, cases = 0, responsibility = 0,
                defects = 0;
    std::size_t worker_areas = 0;  // grid workers with grids: one area each
};

// Writes (replaces) `path`. Throws OutputError (CrsError for an unknown EPSG code); a failed
// export leaves no partial file behind and the previous `path`, if any, untouched.
ExportCounts write_project_gpkg(const std::string& path, const ProjectLayers& layers, int target_epsg = 4490,
                                const Progress& progress = {});

}  // namespace respgrid::exporters

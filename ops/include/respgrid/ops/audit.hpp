#pragma once
// The coverage certificate (全覆盖、不留死角): validity, gaps, overlaps, spill and nesting of each
// layer, and the owners of every grid and category. Every run is recorded in the project with its
// summary and its defect layers (a GeoPackage, for `export`).
//
//     ops::Audit audit(options);                  // opens the project, checks outputs and layers
//     auto findings = audit.run(progress);        // audits, records, writes the outputs asked for

#include <optional>
#include <string>
#include <vector>

#include "respgrid/exporters/defects_gpkg.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/coverage.hpp"
#include "respgrid/grids/ownership_audit.hpp"
#include "respgrid/ops/audit_layers.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

struct AuditOptions {
    std::string project;
    std::optional<AuditLayer> layer;  // none: townships, villages and (once cut) grids
    grids::CoverageOptions coverage;
    // The JSON report: written to this file; "-" keeps it in AuditFindings::report for the caller;
    // empty: none.
    std::string report;
    std::string defects;  // the defect layers as a GeoPackage (EPSG:4490) to this file; empty: none
    bool overwrite = false;
};

inline constexpr const char* kReportToCaller = "-";
inline constexpr const char* kAllLayers = "all";  // how a run of every layer is recorded

struct LayerFindings {
    AuditLayer layer = AuditLayer::Townships;
    grids::CoverageReport report;
};

// A village whose grids miss an owner of one role.
struct VillageShortfall {
    std::string village_code;
    std::string village_name;
    grids::Role role = grids::Role::GridWorker;
    std::size_t grids = 0;
};

struct AuditFindings {
    long long run = 0;                               // the audit run recorded in the project
    std::vector<LayerFindings> layers;               // in the order audited
    std::optional<grids::OwnershipAudit> ownership;  // when the grids were audited
    std::vector<VillageShortfall> shortfalls;        // most grids first (ties in village, role order)
    bool passed = false;
    std::string report;                  // the JSON report, when AuditOptions::report is "-"
    exporters::DefectCounts defects;     // what the defect layers hold
};

class Audit {
public:
    // Checks the outputs (geo/output_files.hpp), opens the project (it must be writable: every
    // run is recorded) and picks the layers. UsageError when the project has no county outline, or
    // no grids when the grids are asked for.
    explicit Audit(AuditOptions options);

    // True when all layers were asked for and the grids are left out because none were cut yet.
    [[nodiscard]] bool grids_not_cut() const { return grids_not_cut_; }
    [[nodiscard]] const std::vector<AuditLayer>& layers() const { return layers_; }

    AuditFindings run(const Progress& progress = {});

private:
    AuditOptions options_;
    store::Project project_;
    AdminLayers units_;
    std::optional<store::GridGeneration> generation_;
    std::vector<AuditLayer> layers_;
    bool grids_not_cut_ = false;
};

}  // namespace respgrid::ops

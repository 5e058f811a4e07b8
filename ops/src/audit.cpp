#include "respgrid/ops/audit.hpp"

#include <filesystem>

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "audit_report.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/ops/errors.hpp"

namespace respgrid::ops {

namespace {

// Outputs are checked before the work (geo/output_files.hpp), and the project is refused before
// it when it cannot be written: every audit is recorded in it.
store::Project open_for_audit(const AuditOptions& o) {
    const geo::OutputRules rules{{o.project}, o.overwrite};
    if (!o.report.empty() && o.report != kReportToCaller) geo::check_output(o.report, geo::OutputKind::File, rules);
    if (!o.defects.empty()) geo::check_output(o.defects, geo::OutputKind::File, rules);
    // Compared as files, not strings: out/a.json and ./out/a.json are one file.
    if (!o.report.empty() && !o.defects.empty() && o.report != kReportToCaller &&
        std::filesystem::weakly_canonical(o.report) == std::filesystem::weakly_canonical(o.defects)) {
        throw UsageError("--report and --defects name the same file: " + o.report);
    }
    auto project = store::Project::open(o.project);
    project.require_writable("audit records every run and its defects in it");
    return project;
}

// Where to act: the villages whose grids miss a role, largest first.
std::vector<VillageShortfall> shortfalls_of(const grids::OwnershipAudit& o, const grids::GridShapes& grids,
                                            const grids::Directory& directory) {
    // The lists and the grids are in code order: each code is found at the position after the
    // one before, and counted per village index, not per village code string.
    std::map<std::pair<std::uint32_t, grids::Role>, std::size_t> by_index;
    // An unowned grid misses every role (OwnershipAudit::missing lists it only as unowned).
    std::vector<std::size_t> unowned_in(grids.village_codes().size(), 0);
    std::size_t from = 0;
    for (const auto& code : o.unowned) {
        if (auto i = grids.find(code, from)) {
            ++unowned_in[grids[*i].village];
            from = *i + 1;
        }
    }
    for (std::uint32_t v = 0; v < unowned_in.size(); ++v) {
        if (unowned_in[v] == 0) continue;
        for (auto role : grids::kTerritorialRoles) by_index[{v, role}] += unowned_in[v];
    }
    for (const auto& [role, codes] : o.missing) {
        std::size_t next = 0;
        for (const auto& code : codes) {
            if (auto i = grids.find(code, next)) {
                ++by_index[{grids[*i].village, role}];
                next = *i + 1;
            }
        }
    }
    std::map<std::pair<std::string, grids::Role>, std::size_t> by_village;
    for (const auto& [key, n] : by_index) by_village[{grids.village_codes()[key.first], key.second}] += n;
    std::vector<VillageShortfall> out;
    for (const auto& [key, n] : by_village) out.push_back({key.first, directory.unit_name(key.first), key.second, n});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.grids > b.grids; });
    return out;
}

}  // namespace

Audit::Audit(AuditOptions options) : options_(std::move(options)), project_(open_for_audit(options_)) {
    units_ = load_admin_layers(project_);
    generation_ = project_.current_generation();
    if (!options_.layer) {
        layers_ = {AuditLayer::Townships, AuditLayer::Villages};
        if (generation_) {
            layers_.push_back(AuditLayer::Grids);
        } else {
            grids_not_cut_ = true;
        }
    } else {
        if (*options_.layer == AuditLayer::Grids && !generation_) {
            throw UsageError("the project has no grids yet; run `respgrid grid " + options_.project + "` first");
        }
        layers_ = {*options_.layer};
    }
}

AuditFindings Audit::run(const Progress& progress) {
    AuditFindings findings;
    const bool with_grids = std::find(layers_.begin(), layers_.end(), AuditLayer::Grids) != layers_.end();
    // Code, village, area and WKB of each grid (grids::GridShapes), not GridCells: the audit reads
    // the shapes on every core, and only where it needs one.
    grids::GridShapes cells;
    if (with_grids) cells = project_.load_grid_shapes(generation_->id);

    for (std::size_t k = 0; k < layers_.size(); ++k) {
        const LayerInputs inputs = layer_inputs(units_, cells, layers_[k]);
        double from = static_cast<double>(k) / static_cast<double>(layers_.size());
        double to = static_cast<double>(k + 1) / static_cast<double>(layers_.size());
        findings.layers.push_back({layers_[k], grids::audit_coverage(inputs.county, inputs.items, inputs.parents,
                                                                     options_.coverage, sub_progress(progress, from, to))});
    }
    if (with_grids) {
        // A generation nobody was assigned to has no chains: load_assignments would give each of
        // its grids an empty one, which the directory drops (a million for a city).
        const bool assigned = project_.has_assignments(generation_->id);
        const grids::Directory directory(project_.load_owners(), units_.villages,
                                         assigned ? project_.load_assignments(generation_->id)
                                                  : std::vector<grids::GridAssignment>{});
        findings.ownership = grids::audit_ownership(cells, directory, project_.load_categories());
        findings.shortfalls = shortfalls_of(*findings.ownership, cells, directory);
    }
    findings.passed = std::all_of(findings.layers.begin(), findings.layers.end(),
                                  [](const auto& l) { return l.report.passed(); }) &&
                      (!findings.ownership || findings.ownership->passed());

    const std::optional<long long> generation =
        generation_ ? std::optional<long long>(generation_->id) : std::nullopt;
    const nlohmann::json params = detail::audit_parameters_json(options_);
    const nlohmann::json summary = detail::audit_summary_json(findings, generation);
    findings.run = project_.record_audit({params["layer"].get<std::string>(), params.dump(), findings.passed,
                                          generation, summary.dump()});

    if (!options_.report.empty()) {
        geo::CoordinateTransform to_lonlat(project_.working_crs(), geo::Crs::cgcs2000());
        nlohmann::json full = {{"audit_run", findings.run},
                               {"parameters", params},
                               {"summary", summary},
                               {"defects", detail::audit_defects_json(findings, cells, to_lonlat)}};
        std::string text = full.dump(2) + "\n";
        if (options_.report == kReportToCaller) {
            findings.report = std::move(text);
        } else {
            geo::StagedTextFile file(options_.report);
            file.write(text);
            file.commit();
        }
    }
    // The defect layers are written as a GeoPackage and kept in the project too, for `export`:
    // to --defects when asked, else to a temporary file beside the project (in /vsimem/ a
    // city's tens of MB would sit in memory as they are written and streamed into the project).
    std::vector<exporters::AuditedLayer> audited;
    std::span<const grids::GroupUnion> village_unions;  // the grids layer's groups are its villages
    for (const auto& l : findings.layers) {
        audited.push_back({std::string(to_string(l.layer)), &l.report});
        if (l.layer == AuditLayer::Grids) village_unions = l.report.group_unions;
    }
    const std::string file = options_.defects.empty() ? geo::staging_name(options_.project, ".gpkg") : options_.defects;
    geo::RemovedOnExit temporary(options_.defects.empty() ? file : std::string());
    findings.defects = exporters::write_defects_gpkg(file, project_.working_crs(), audited,
                                                     findings.ownership ? &*findings.ownership : nullptr, cells,
                                                     village_unions);
    geo::FileReader gpkg(file);  // streamed into the project, not held in memory
    project_.store_audit_defects(findings.run, gpkg.size(),
                                 [&gpkg](std::span<std::uint8_t> buffer) { return gpkg.read(buffer); });
    return findings;
}

}  // namespace respgrid::ops

// respgrid audit PROJECT [--layer grids|villages|townships|all] [--gap-width M] [--report FILE.json]
//                        [--defects FILE.gpkg]
// The "no dead corners" certificate: validity, gaps, overlaps, spill and nesting of each layer,
// and the owners of every grid and category. Exit 0 on PASS, 3 when defects are found.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <memory>

#include "cli/audit_layers.hpp"
#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "cli/project_view.hpp"
#include "respgrid/exporters/defects_gpkg.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/grids/ownership_audit.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct AuditOptions {
    std::string project;
    std::string layer = "all";
    grids::CoverageOptions coverage;
    std::string report;
    std::string defects;
    bool overwrite = false;
};

struct LayerResult {
    AuditLayer layer;
    grids::CoverageReport report;
};

nlohmann::json layer_summary(const grids::CoverageReport& r) {
    nlohmann::json j;
    j["passed"] = r.passed();
    j["polygons"] = r.polygon_count;
    j["county_area_m2"] = r.county_area_m2;
    j["polygons_area_m2"] = r.polygons_area_m2;
    j["union_area_m2"] = r.union_area_m2;
    for (auto kind : grids::kDefectKinds) {
        std::string name(grids::to_string(kind));
        j[name + "_count"] = r.count(kind);
        if (kind != grids::DefectKind::Invalid) j[name + "_area_m2"] = r.area(kind);
    }
    j["narrow_gap_count"] = r.narrow_gaps();
    j["noise_count"] = r.noise_count;
    j["noise_area_m2"] = r.noise_area_m2;
    j["measured_on_repair_count"] = r.repaired_count;
    j["clockwise_shells"] = r.clockwise_shells;
    j["polygons_with_repeated_points"] = r.repeated_points;
    return j;
}

nlohmann::json ownership_summary(const grids::OwnershipAudit& o) {
    nlohmann::json j;
    j["passed"] = o.passed();
    j["grids"] = o.grid_count;
    j["unowned_grids"] = o.unowned.size();
    nlohmann::json missing = nlohmann::json::object();
    for (auto role : grids::kTerritorialRoles) {
        auto it = o.missing.find(role);
        missing[std::string(grids::to_string(role))] = it == o.missing.end() ? 0 : it->second.size();
    }
    j["grids_missing_role"] = missing;
    j["dead_owner_links"] = o.dead_links.size();
    j["categories_without_department"] = o.categories_without_department;
    nlohmann::json zones = nlohmann::json::array();
    for (const auto& z : o.orphan_zones) {
        zones.push_back({{"category", z.category_code},
                         {"name", z.category_name},
                         {"reason", z.reason},
                         {"grids", z.grid_codes.size()},
                         {"area_m2", z.area_m2}});
    }
    j["orphan_zones"] = zones;
    return j;
}

nlohmann::json defects_json(const std::vector<LayerResult>& layers, const grids::OwnershipAudit* owners,
                            const ProjectView& view, const geo::CoordinateTransform& to_lonlat) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& l : layers) {
        for (const auto& d : l.report.defects) {
            geo::XY ll = to_lonlat(d.inside_point);
            nlohmann::json item = {{"layer", std::string(to_string(l.layer))},
                                   {"kind", std::string(grids::to_string(d.kind))},
                                   {"units", d.codes},
                                   {"detail", d.detail},
                                   {"x", d.inside_point.x},
                                   {"y", d.inside_point.y},
                                   {"lon", ll.x},
                                   {"lat", ll.y}};
            if (d.kind != grids::DefectKind::Invalid) item["area_m2"] = d.area_m2;
            if (d.kind == grids::DefectKind::Gap) {
                item["width_m"] = d.width_m;
                item["narrow"] = d.narrow;
                item["open_to_outline"] = d.open_to_outline;
            }
            if (d.kind == grids::DefectKind::Nesting) item["share"] = d.share;
            list.push_back(std::move(item));
        }
    }
    if (!owners) return list;
    // Grids are listed per village and kind: a county without a roster has a million of them.
    // A village where every grid has the problem is named with its count, not its grid codes.
    std::map<std::string, std::size_t> grids_in_village;
    for (const auto& c : view.cells) ++grids_in_village[c.village_code];
    auto per_village = [&](const std::string& kind, const std::vector<std::string>& codes,
                           const std::set<std::string>* skip) {
        std::map<std::string, std::vector<std::string>> by_village;
        for (const auto& code : codes) {
            if (skip && skip->count(code)) continue;
            const auto* cell = view.cell(code);
            by_village[cell ? cell->village_code : std::string()].push_back(code);
        }
        for (auto& [village, grids] : by_village) {
            bool whole = grids.size() == grids_in_village[village];
            nlohmann::json item = {{"layer", "grids"},
                                   {"kind", kind},
                                   {"village", village},
                                   {"grids", grids.size()},
                                   {"whole_village", whole}};
            item["units"] = whole ? nlohmann::json::array() : nlohmann::json(std::move(grids));
            list.push_back(std::move(item));
        }
    };
    std::set<std::string> unowned(owners->unowned.begin(), owners->unowned.end());
    per_village("unowned", owners->unowned, nullptr);
    for (const auto& [role, codes] : owners->missing) {
        per_village("missing_" + std::string(grids::to_string(role)), codes, &unowned);
    }
    for (const auto& link : owners->dead_links) {
        list.push_back({{"layer", "grids"},
                        {"kind", "dead_owner_link"},
                        {"units", {link.grid_code}},
                        {"detail", std::string(grids::to_string(link.role)) + " " + link.owner_id +
                                       (link.owner_exists ? " is inactive" : " is not in the roster")}});
    }
    for (const auto& z : owners->orphan_zones) {
        // The zone is the unowned grids, listed above; here its size and its villages.
        std::set<std::string> villages;
        for (const auto& code : z.grid_codes) {
            if (const auto* cell = view.cell(code)) villages.insert(cell->village_code);
        }
        list.push_back({{"layer", "grids"},
                        {"kind", "orphan_zone"},
                        {"category", z.category_code},
                        {"grids", z.grid_codes.size()},
                        {"villages", villages},
                        {"area_m2", z.area_m2},
                        {"detail", z.reason}});
    }
    return list;
}

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text;
}

void print_layer(std::ostream& out, const LayerResult& l) {
    const auto& r = l.report;
    out << to_string(l.layer) << ": " << r.polygon_count << " polygon(s), " << (r.passed() ? "PASS" : "FAIL") << "\n";
    out << "  county area          " << format_number(r.county_area_m2, 2) << " m²\n";
    out << "  area (sum / union)   " << format_number(r.polygons_area_m2, 2) << " / "
        << format_number(r.union_area_m2, 2) << " m²\n";
    for (auto kind : grids::kDefectKinds) {
        out << "  " << padded(std::string(grids::to_string(kind)), 20) << " " << r.count(kind) << " piece(s)";
        if (kind != grids::DefectKind::Invalid) out << ", " << format_number(r.area(kind), 2) << " m²";
        if (kind == grids::DefectKind::Gap) out << " (" << r.narrow_gaps() << " narrow)";
        out << "\n";
    }
    out << "  ignored as noise     " << r.noise_count << " sliver(s), " << format_number(r.noise_area_m2, 2) << " m²\n";
    if (r.repaired_count > 0) {
        out << "  measured on repair   " << r.repaired_count << " invalid polygon(s), with "
            << grids::kMeasuredRepair << "\n";
    }
    std::size_t shown = 0;
    for (const auto& d : r.defects) {
        if (shown++ == 8) {
            out << "  ... (" << r.defects.size() - 8 << " more in the report)\n";
            break;
        }
        out << "  - " << grids::to_string(d.kind);
        if (d.kind != grids::DefectKind::Invalid) out << " " << format_number(d.area_m2, 2) << " m²";
        out << " at (" << format_number(d.inside_point.x, 1) << ", " << format_number(d.inside_point.y, 1) << ")";
        for (const auto& c : d.codes) out << " " << c;
        if (!d.detail.empty()) out << ": " << d.detail;
        out << "\n";
    }
}

void print_ownership(std::ostream& out, const ProjectView& view, const grids::OwnershipAudit& o) {
    out << "ownership of " << o.grid_count << " grid(s): " << (o.passed() ? "PASS" : "FAIL") << "\n";
    out << "  grids without owner  " << o.unowned.size() << "\n";
    for (auto role : grids::kTerritorialRoles) {
        auto it = o.missing.find(role);
        out << "  " << padded("without " + std::string(grids::to_string(role)), 20) << " "
            << (it == o.missing.end() ? 0 : it->second.size()) << "\n";
    }
    out << "  dead owner links     " << o.dead_links.size() << "\n";
    for (const auto& z : o.orphan_zones) {
        out << "  category " << z.category_code << " " << z.category_name << ": orphaned in " << z.grid_codes.size()
            << " grid(s), " << format_number(z.area_m2, 2) << " m² (" << z.reason << ")\n";
    }
    // Where to act: the villages whose grids miss a role, largest first.
    std::map<std::pair<std::string, grids::Role>, std::size_t> by_village;
    for (const auto& [role, codes] : o.missing) {
        for (const auto& code : codes) {
            if (const auto* c = view.cell(code)) ++by_village[{c->village_code, role}];
        }
    }
    std::vector<std::pair<std::size_t, std::pair<std::string, grids::Role>>> ranked;
    for (const auto& [key, n] : by_village) ranked.push_back({n, key});
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
        const auto& [n, key] = ranked[i];
        out << "  " << key.first << " " << view.directory->unit_name(key.first) << ": " << n << " grid(s) without "
            << grids::to_string(key.second) << "\n";
    }
    if (ranked.size() > 10) out << "  ... (" << ranked.size() - 10 << " more villages in the report)\n";
}

std::vector<AuditLayer> chosen_layers(const std::string& text, const ProjectView& view, Console& console,
                                      const std::string& project_path) {
    if (text == "all") {
        std::vector<AuditLayer> layers{AuditLayer::Townships, AuditLayer::Villages};
        if (view.generation) {
            layers.push_back(AuditLayer::Grids);
        } else {
            console.note("no grids yet: auditing townships and villages only");
        }
        return layers;
    }
    auto layer = parse_audit_layer(text);
    if (!layer) throw UsageError("--layer must be grids, villages, townships or all, not '" + text + "'");
    if (*layer == AuditLayer::Grids && !view.generation) {
        throw UsageError("the project has no grids yet; run `respgrid grid " + project_path + "` first");
    }
    return {*layer};
}

}  // namespace

void add_audit_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<AuditOptions>();
    auto* cmd = app.add_subcommand("audit",
                                   "Prove coverage (全覆盖、不留死角): validity, gaps, overlaps, spill and nesting of "
                                   "townships, villages and grids, and the owners of every grid");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--layer", opt->layer, "Layer to audit: grids, villages, townships or all")->capture_default_str();
    cmd->add_option("--gap-width", opt->coverage.gap_width_m,
                    "Gaps up to this width (m) are flagged narrow: slivers between neighbours")
        ->capture_default_str()
        ->check(number_in(0.0, 1000.0));
    cmd->add_option("--min-area", opt->coverage.min_defect_area_m2, "Ignore defect pieces smaller than this (m²)")
        ->capture_default_str()
        ->check(number_in(0.0, 1e6));
    cmd->add_option("--noise-width", opt->coverage.noise_width_m,
                    "Ignore defect pieces whose mean width is below this (m): datum-shift slivers, not real gaps")
        ->capture_default_str()
        ->check(number_in(0.0, 10.0));
    cmd->add_option("--nest-share", opt->coverage.nest_share,
                    "Share of a polygon's area that must lie inside its parent (0-1)")
        ->capture_default_str()
        ->check(number_in(0.0, 1.0));
    cmd->add_option("--report", opt->report, "Write the findings as JSON to this file (- for standard output)");
    cmd->add_option("--defects", opt->defects,
                    "Write the defects as a GeoPackage (one layer per kind, EPSG:4490) to this file");
    add_overwrite_flag(*cmd, opt->overwrite);
    cmd->callback([opt, &console, &exit_code] {
        // Outputs are checked before the work (geo/output_files.hpp).
        const geo::OutputRules rules{{opt->project}, opt->overwrite};
        const bool report_to_stdout = opt->report == "-";
        if (!opt->report.empty() && !report_to_stdout) geo::check_output(opt->report, geo::OutputKind::File, rules);
        if (!opt->defects.empty()) geo::check_output(opt->defects, geo::OutputKind::File, rules);
        if (!opt->report.empty() && opt->report == opt->defects) {
            throw UsageError("--report and --defects name the same file: " + opt->report);
        }
        auto project = store::Project::open(opt->project);
        // Said before the work, not after it: every audit is recorded in the project.
        project.require_writable("audit records every run and its defects in it");
        // Grids as WKB: the audit reads them on every core, and only where it needs a shape.
        auto view = load_view(project, false, {}, store::Project::GridShapes::Wkb);
        if (view.county.empty()) throw UsageError("the project has no county boundary; import it with --level county");
        auto layers_to_audit = chosen_layers(opt->layer, view, console, opt->project);

        std::vector<LayerResult> results;
        auto progress = console.progress("auditing");
        for (std::size_t k = 0; k < layers_to_audit.size(); ++k) {
            auto inputs = layer_inputs(view, layers_to_audit[k]);
            double from = static_cast<double>(k) / static_cast<double>(layers_to_audit.size());
            double to = static_cast<double>(k + 1) / static_cast<double>(layers_to_audit.size());
            results.push_back({layers_to_audit[k], grids::audit_coverage(inputs.county, inputs.items, inputs.parents,
                                                                         opt->coverage,
                                                                         sub_progress(progress, from, to))});
        }
        std::optional<grids::OwnershipAudit> owners;
        if (std::find(layers_to_audit.begin(), layers_to_audit.end(), AuditLayer::Grids) != layers_to_audit.end()) {
            auto categories = project.load_categories();
            owners = grids::audit_ownership(view.cells, *view.directory, categories);
        }
        bool passed = std::all_of(results.begin(), results.end(), [](const auto& l) { return l.report.passed(); }) &&
                      (!owners || owners->passed());

        nlohmann::json summary;
        summary["passed"] = passed;
        summary["generation"] = view.generation ? nlohmann::json(view.generation->id) : nlohmann::json(nullptr);
        summary["measured_repair"] = std::string(grids::kMeasuredRepair);
        nlohmann::json layers_json = nlohmann::json::object();
        for (const auto& l : results) layers_json[std::string(to_string(l.layer))] = layer_summary(l.report);
        summary["layers"] = layers_json;
        if (owners) summary["ownership"] = ownership_summary(*owners);
        nlohmann::json params = {{"layer", opt->layer},
                                 {"gap_width_m", opt->coverage.gap_width_m},
                                 {"min_area_m2", opt->coverage.min_defect_area_m2},
                                 {"noise_width_m", opt->coverage.noise_width_m},
                                 {"nest_share", opt->coverage.nest_share}};
        long long run = project.record_audit(opt->layer, params.dump(), passed, summary.dump());

        // With the JSON report on standard output, the table goes to stderr.
        auto& out = report_to_stdout ? console.io.err : console.io.out;
        for (const auto& l : results) print_layer(out, l);
        if (owners) print_ownership(out, view, *owners);
        if (passed) {
            out << "PASS: every square metre of the county is in exactly one unit of each layer audited"
                << (owners ? ", and every grid has its owners" : "") << "\n";
        } else {
            out << "FAIL: see the defects above"
                << (opt->report.empty() || report_to_stdout ? "" : " and in " + opt->report) << "\n";
        }

        if (!opt->report.empty()) {
            geo::CoordinateTransform to_lonlat(project.working_crs(), geo::Crs::cgcs2000());
            nlohmann::json full = {{"audit_run", run},
                                   {"parameters", params},
                                   {"summary", summary},
                                   {"defects", defects_json(results, owners ? &*owners : nullptr, view, to_lonlat)}};
            const std::string text = full.dump(2) + "\n";
            if (report_to_stdout) {
                console.io.out << text << std::flush;
                if (!console.io.out) throw OutputError("-", "cli: cannot write the audit report to standard output");
            } else {
                geo::StagedTextFile file(opt->report);
                file.write(text);
                file.commit();
                console.note("report written to " + opt->report);
            }
        }
        // The defect layers are written as a GeoPackage and kept in the project too, for `export`:
        // to --defects when asked, else to a file in memory.
        {
            std::vector<exporters::AuditedLayer> audited;
            for (const auto& l : results) audited.push_back({std::string(to_string(l.layer)), &l.report});
            const std::string file = opt->defects.empty() ? "/vsimem/respgrid_audit_defects.gpkg" : opt->defects;
            geo::RemovedOnExit in_memory(opt->defects.empty() ? file : std::string());
            auto counts = exporters::write_defects_gpkg(file, project.working_crs(), audited,
                                                        owners ? &*owners : nullptr, view.cells);
            const std::vector<std::uint8_t> bytes = geo::read_whole_file(file);
            project.store_audit_defects(run, bytes);
            if (!opt->defects.empty()) {
                console.note("defects written to " + opt->defects + " (" + std::to_string(counts.coverage) +
                             " coverage feature(s), " + std::to_string(counts.ownership) +
                             " grid(s) with owner problems)");
            }
        }
        exit_code = passed ? kOk : kDefectsFound;
    });
}

}  // namespace respgrid::cli

// respgrid audit PROJECT [--min-area M2] [--report FILE.json]
// Coverage of the current grid generation against the county outline, and owners of every grid.
#include <nlohmann/json.hpp>

#include <fstream>
#include <algorithm>
#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "cli/project_view.hpp"
#include "respgrid/grids/coverage.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct AuditOptions {
    std::string project;
    double min_area_m2 = 0.01;
    double noise_width_m = 0.01;
    std::string report;
};

struct OwnershipFindings {
    std::vector<std::string> unowned;                         // no owner at all
    std::map<grids::Role, std::vector<std::string>> missing;  // by role
};

OwnershipFindings check_owners(const ProjectView& view) {
    OwnershipFindings f;
    for (const auto& c : view.cells) {
        auto chain = view.directory->chain(c.code);
        if (chain.links.empty()) f.unowned.push_back(c.code);
        for (auto role : chain.missing) f.missing[role].push_back(c.code);
    }
    return f;
}

nlohmann::json summary_json(const grids::CoverageReport& r, const OwnershipFindings& owners, bool passed,
                            long long generation) {
    nlohmann::json j;
    j["passed"] = passed;
    j["generation"] = generation;
    j["grids"] = r.polygon_count;
    j["county_area_m2"] = r.county_area_m2;
    j["grids_area_m2"] = r.polygons_area_m2;
    j["union_area_m2"] = r.union_area_m2;
    for (auto kind : {grids::DefectKind::Gap, grids::DefectKind::Overlap, grids::DefectKind::Spill}) {
        std::string name(grids::to_string(kind));
        j[name + "_count"] = r.count(kind);
        j[name + "_area_m2"] = r.area(kind);
    }
    j["noise_count"] = r.noise_count;
    j["noise_area_m2"] = r.noise_area_m2;
    j["unowned_grids"] = owners.unowned.size();
    nlohmann::json missing = nlohmann::json::object();
    for (auto role : grids::kTerritorialRoles) {
        auto it = owners.missing.find(role);
        missing[std::string(grids::to_string(role))] = it == owners.missing.end() ? 0 : it->second.size();
    }
    j["grids_missing_role"] = missing;
    return j;
}

nlohmann::json defects_json(const grids::CoverageReport& r, const OwnershipFindings& owners) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : r.defects) {
        list.push_back({{"kind", std::string(grids::to_string(d.kind))},
                        {"area_m2", d.area_m2},
                        {"x", d.inside_point.x},
                        {"y", d.inside_point.y},
                        {"grids", d.codes}});
    }
    for (const auto& code : owners.unowned) list.push_back({{"kind", "unowned"}, {"grids", {code}}});
    for (const auto& [role, codes] : owners.missing) {
        for (const auto& code : codes) {
            list.push_back({{"kind", "missing_" + std::string(grids::to_string(role))}, {"grids", {code}}});
        }
    }
    return list;
}

void print_table(std::ostream& out, const ProjectView& view, const grids::CoverageReport& r,
                 const OwnershipFindings& owners, bool passed) {
    out << "coverage of " << r.polygon_count << " grid(s)\n";
    out << "  county area          " << format_number(r.county_area_m2, 2) << " m²\n";
    out << "  grid area (sum)      " << format_number(r.polygons_area_m2, 2) << " m²\n";
    out << "  grid area (union)    " << format_number(r.union_area_m2, 2) << " m²\n";
    for (auto kind : {grids::DefectKind::Gap, grids::DefectKind::Overlap, grids::DefectKind::Spill}) {
        std::string name(grids::to_string(kind));
        name.resize(20, ' ');
        out << "  " << name << " " << r.count(kind) << " piece(s), " << format_number(r.area(kind), 2) << " m²\n";
    }
    out << "  ignored as noise     " << r.noise_count << " sliver(s), " << format_number(r.noise_area_m2, 2) << " m²\n";
    out << "ownership\n";
    out << "  grids without owner  " << owners.unowned.size() << "\n";
    for (auto role : grids::kTerritorialRoles) {
        auto it = owners.missing.find(role);
        std::string name = "without " + std::string(grids::to_string(role));
        name.resize(20, ' ');
        out << "  " << name << " " << (it == owners.missing.end() ? 0 : it->second.size()) << "\n";
    }
    // Where to act: the villages whose grids miss a role, largest first.
    std::map<std::pair<std::string, grids::Role>, std::size_t> by_village;
    for (const auto& [role, codes] : owners.missing) {
        for (const auto& code : codes) {
            if (const auto* c = view.cell(code)) ++by_village[{c->village_code, role}];
        }
    }
    std::vector<std::pair<std::size_t, std::pair<std::string, grids::Role>>> ranked;
    for (const auto& [key, n] : by_village) ranked.push_back({n, key});
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
        const auto& [n, key] = ranked[i];
        out << "  " << key.first << " " << view.directory->unit_name(key.first) << ": " << n << " grid(s) without "
            << grids::to_string(key.second) << "\n";
    }
    if (ranked.size() > 10) out << "  ... (" << ranked.size() - 10 << " more villages in the report)\n";
    std::size_t shown = 0;
    for (const auto& d : r.defects) {
        if (shown++ == 10) {
            out << "  ... (" << r.defects.size() - 10 << " more in the report)\n";
            break;
        }
        out << "  " << grids::to_string(d.kind) << " " << format_number(d.area_m2, 2) << " m² at ("
            << format_number(d.inside_point.x, 1) << ", " << format_number(d.inside_point.y, 1) << ")";
        for (const auto& c : d.codes) out << " " << c;
        out << "\n";
    }
    std::size_t missing_links = 0;
    for (const auto& [role, codes] : owners.missing) missing_links += codes.size();
    if (passed) {
        out << "PASS: every square metre of the county is in exactly one grid, and every grid has its owners\n";
    } else {
        out << "FAIL: " << r.defects.size() << " coverage defect(s), " << owners.unowned.size()
            << " grid(s) without any owner, " << missing_links << " missing owner role(s)\n";
    }
}

}  // namespace

void add_audit_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<AuditOptions>();
    auto* cmd = app.add_subcommand(
        "audit", "Prove coverage: gaps, overlaps and spill of the grids against the county, and grids without owners");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    cmd->add_option("--min-area", opt->min_area_m2, "Ignore defect pieces smaller than this (m²)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--noise-width", opt->noise_width_m,
                    "Ignore defect pieces whose mean width is below this (m): datum-shift slivers, not real gaps")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--report", opt->report, "Write the findings as JSON to this file");
    cmd->callback([opt, &console, &exit_code] {
        auto project = store::Project::open(opt->project);
        auto view = load_view(project, true);
        if (view.county.empty()) throw UsageError("the project has no county boundary; import it with --level county");
        std::vector<grids::CoverageItem> items;
        items.reserve(view.cells.size());
        for (const auto& c : view.cells) items.push_back({c.code, &c.geometry, c.village_code});
        grids::CoverageOptions options;
        options.min_defect_area_m2 = opt->min_area_m2;
        options.noise_width_m = opt->noise_width_m;
        auto report = grids::audit_coverage(view.county.front().geometry, items, options,
                                            console.progress("auditing coverage"));
        auto owners = check_owners(view);
        bool passed = report.passed() && owners.unowned.empty() && owners.missing.empty();
        auto summary = summary_json(report, owners, passed, view.generation->id);
        nlohmann::json params = {
            {"layer", "grids"}, {"min_area_m2", opt->min_area_m2}, {"noise_width_m", opt->noise_width_m}};
        long long run = project.record_audit("grids", params.dump(), passed, summary.dump());
        print_table(console.io.out, view, report, owners, passed);
        if (!opt->report.empty()) {
            nlohmann::json full = {{"audit_run", run}, {"summary", summary}, {"defects", defects_json(report, owners)}};
            std::ofstream file(opt->report);
            file << full.dump(2) << "\n";
            if (!file) throw OutputError(opt->report, "cli: cannot write the audit report");
            console.note("report written to " + opt->report);
        }
        exit_code = passed ? kOk : kDefectsFound;
    });
}

}  // namespace respgrid::cli

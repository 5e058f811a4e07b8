// respgrid audit PROJECT [--layer grids|villages|townships|all] [--gap-width M] [--report FILE.json]
//                        [--defects FILE.gpkg]
// The "no dead corners" certificate: validity, gaps, overlaps, spill and nesting of each layer,
// and the owners of every grid and category. Exit 0 on PASS, 3 when defects are found.
#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "respgrid/ops/audit.hpp"

namespace respgrid::cli {

namespace {

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text;
}

void print_layer(std::ostream& out, const ops::LayerFindings& l) {
    const auto& r = l.report;
    out << to_string(l.layer) << ": " << r.polygon_count << " polygon(s), " << (r.passed() ? "PASS" : "FAIL") << "\n";
    out << "  county area          " << geo::number_text(r.county_area_m2, 2) << " m²\n";
    out << "  area (sum / union)   " << geo::number_text(r.polygons_area_m2, 2) << " / "
        << geo::number_text(r.union_area_m2, 2) << " m²\n";
    for (auto kind : grids::kDefectKinds) {
        out << "  " << padded(std::string(grids::to_string(kind)), 20) << " " << r.count(kind) << " piece(s)";
        if (kind != grids::DefectKind::Invalid) out << ", " << geo::number_text(r.area(kind), 2) << " m²";
        if (kind == grids::DefectKind::Gap) out << " (" << r.narrow_gaps() << " narrow)";
        out << "\n";
    }
    out << "  ignored as noise     " << r.noise_count << " sliver(s), " << geo::number_text(r.noise_area_m2, 2) << " m²\n";
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
        if (d.kind != grids::DefectKind::Invalid) out << " " << geo::number_text(d.area_m2, 2) << " m²";
        out << " at (" << geo::number_text(d.inside_point.x, 1) << ", " << geo::number_text(d.inside_point.y, 1) << ")";
        for (const auto& c : d.codes) out << " " << c;
        if (!d.detail.empty()) out << ": " << d.detail;
        out << "\n";
    }
}

void print_ownership(std::ostream& out, const grids::OwnershipAudit& o,
                     const std::vector<ops::VillageShortfall>& shortfalls) {
    out << "ownership of " << o.grid_count << " grid(s): " << (o.passed() ? "PASS" : "FAIL") << "\n";
    out << "  grids without owner  " << o.unowned.size() << "\n";
    for (auto role : grids::kTerritorialRoles) {
        out << "  " << padded("without " + std::string(grids::to_string(role)), 20) << " " << o.missing_count(role)
            << "\n";
    }
    out << "  dead owner links     " << o.dead_links.size() << "\n";
    for (const auto& z : o.orphan_zones) {
        out << "  category " << z.category_code << " " << z.category_name << ": orphaned in " << z.grid_codes.size()
            << " grid(s), " << geo::number_text(z.area_m2, 2) << " m² (" << z.reason << ")\n";
    }
    // Where to act: the villages whose grids miss a role, largest first.
    for (std::size_t i = 0; i < shortfalls.size() && i < 10; ++i) {
        const auto& s = shortfalls[i];
        out << "  " << s.village_code << " " << s.village_name << ": " << s.grids << " grid(s) without "
            << grids::to_string(s.role) << "\n";
    }
    if (shortfalls.size() > 10) out << "  ... (" << shortfalls.size() - 10 << " more villages in the report)\n";
}

class AuditCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override {
        auto* cmd = app.add_subcommand("audit",
                                       "Prove coverage (全覆盖、不留死角): validity, gaps, overlaps, spill and nesting of "
                                       "townships, villages and grids, and the owners of every grid");
        cmd->add_option("PROJECT", options_.project, "Project file")->required()->check(CLI::ExistingFile);
        cmd->add_option("--layer", layer_, "Layer to audit: grids, villages, townships or all")->capture_default_str();
        auto& coverage = options_.coverage;
        cmd->add_option("--gap-width", coverage.gap_width_m,
                        "Gaps up to this width (m) are flagged narrow: slivers between neighbours")
            ->capture_default_str()
            ->check(number_in(0.0, 1000.0));
        cmd->add_option("--min-area", coverage.min_defect_area_m2, "Ignore defect pieces smaller than this (m²)")
            ->capture_default_str()
            ->check(number_in(0.0, 1e6));
        cmd->add_option("--noise-width", coverage.noise_width_m,
                        "Ignore defect pieces whose mean width is below this (m): datum-shift slivers, not real gaps")
            ->capture_default_str()
            ->check(number_in(0.0, 10.0));
        cmd->add_option("--nest-share", coverage.nest_share,
                        "Share of a polygon's area that must lie inside its parent (0-1)")
            ->capture_default_str()
            ->check(number_in(0.0, 1.0));
        cmd->add_option("--report", options_.report, "Write the findings as JSON to this file (- for standard output)");
        cmd->add_option("--defects", options_.defects,
                        "Write the defects as a GeoPackage (one layer per kind, EPSG:4490) to this file");
        add_overwrite_flag(*cmd, options_.overwrite);
        return cmd;
    }

    int run(Console& console) override {
        if (layer_ != ops::kAllLayers) {
            options_.layer = ops::parse_audit_layer(layer_);
            if (!options_.layer) throw UsageError("--layer must be grids, villages, townships or all, not '" + layer_ + "'");
        }
        ops::Audit audit(options_);
        if (audit.grids_not_cut()) console.note("no grids yet: auditing townships and villages only");
        const auto findings = audit.run(console.progress("auditing"));

        // With the JSON report on standard output, the table goes to stderr.
        const bool report_to_stdout = options_.report == ops::kReportToCaller;
        auto& out = report_to_stdout ? console.io.err : console.io.out;
        for (const auto& l : findings.layers) print_layer(out, l);
        if (findings.ownership) print_ownership(out, *findings.ownership, findings.shortfalls);
        if (findings.passed) {
            out << "PASS: every square metre of the county is in exactly one unit of each layer audited"
                << (findings.ownership ? ", and every grid has its owners" : "") << "\n";
        } else {
            out << "FAIL: see the defects above"
                << (options_.report.empty() || report_to_stdout ? "" : " and in " + options_.report) << "\n";
        }
        if (report_to_stdout) {
            console.io.out << findings.report << std::flush;
            if (!console.io.out) throw OutputError("-", "cli: cannot write the audit report to standard output");
        } else if (!options_.report.empty()) {
            console.note("report written to " + options_.report);
        }
        if (!options_.defects.empty()) {
            console.note("defects written to " + options_.defects + " (" + std::to_string(findings.defects.coverage) +
                         " coverage feature(s), " + std::to_string(findings.defects.ownership) +
                         " grid(s) with owner problems)");
        }
        return findings.passed ? kOk : kDefectsFound;
    }

private:
    ops::AuditOptions options_;
    std::string layer_ = ops::kAllLayers;
};

}  // namespace

std::unique_ptr<Command> make_audit_command() { return std::make_unique<AuditCommand>(); }

}  // namespace respgrid::cli

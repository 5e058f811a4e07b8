#include "respgrid/ops/ledger_report.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "respgrid/geo/output_files.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

namespace {

bool wants(const DailyReportOptions& o, exporters::ReportFormat format) {
    return std::any_of(o.outputs.begin(), o.outputs.end(), [&](const ReportOutput& out) { return out.format == format; });
}

// Two outputs on one path would have the second replace the first: refused before any work.
void check_distinct(const std::vector<ReportOutput>& outputs) {
    std::set<std::string> seen;
    for (const ReportOutput& out : outputs) {
        std::error_code ec;
        const std::string key = std::filesystem::weakly_canonical(std::filesystem::absolute(out.path, ec), ec).string();
        if (!seen.insert(ec ? out.path : key).second) {
            throw UsageError("the report's outputs name " + out.path + " twice");
        }
    }
}

grids::ReportPeriod period_of(const DailyReportOptions& o, grids::UtcOffset zone) {
    const grids::Date last = o.day ? o.day->day(zone) : o.now.date_in(zone);
    const grids::Date first = o.first_day ? o.first_day->day(zone) : last;
    if (first > last) {
        throw UsageError("the report's first day " + first.to_string() + " is after its last day " + last.to_string());
    }
    return {first, last, zone};
}

}  // namespace

DailyReportResult daily_report(const DailyReportOptions& options) {
    check_distinct(options.outputs);
    const geo::OutputRules rules{{options.project}, options.overwrite};
    for (const ReportOutput& out : options.outputs) {
        geo::check_output(out.path, exporters::report_output_kind(out.format), rules);
    }

    auto project = store::Project::open(options.project);
    const grids::ReportPeriod period = period_of(options, project.info().time_zone);
    store::Ledger ledger(project);
    const auto cases = ledger.cases();
    const auto events = ledger.events();

    DailyReportResult result;
    result.county_name = project.info().county_name;
    result.report = grids::compute_daily_report(cases, events, period, options.report);

    // The map's shapes, only when a map is drawn.
    std::vector<grids::GridCell> cells;
    std::vector<grids::AdminUnit> townships;
    if (wants(options, exporters::ReportFormat::Html)) {
        if (const auto generation = project.current_generation()) cells = project.load_cells(generation->id);
        townships = project.load_units(grids::AdminLevel::Township);
    }
    const exporters::ReportHeading heading{result.county_name, options.producer};
    const exporters::ReportMap map{cells, townships};
    for (const ReportOutput& out : options.outputs) {
        switch (out.format) {
            case exporters::ReportFormat::Markdown:
                exporters::write_report_markdown(result.report, heading, out.path, rules);
                break;
            case exporters::ReportFormat::Csv: exporters::write_report_csv(result.report, out.path, rules); break;
            case exporters::ReportFormat::Xlsx: exporters::write_report_xlsx(result.report, out.path, rules); break;
            case exporters::ReportFormat::Html:
                exporters::write_report_html(result.report, heading, map, out.path, rules);
                break;
        }
        result.written.push_back(out);
    }
    return result;
}

}  // namespace respgrid::ops

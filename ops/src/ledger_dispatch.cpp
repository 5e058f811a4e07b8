#include "respgrid/ops/ledger_dispatch.hpp"

#include <filesystem>
#include <set>

#include "ledger_dispatch_groups.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/ops/project_view.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

namespace {

std::string_view kind_zh(DispatchBy by) {
    switch (by) {
        case DispatchBy::Township: return "乡镇/街道";
        case DispatchBy::Village: return "村/社区";
        case DispatchBy::Department: return "责任部门";
    }
    return "";
}

const grids::AdminUnit* unit_with_code(const std::vector<grids::AdminUnit>& units, const std::string& code) {
    for (const auto& u : units) {
        if (u.code == code) return &u;
    }
    return nullptr;
}

}  // namespace

std::optional<DispatchBy> parse_dispatch_by(std::string_view text) {
    for (auto by : {DispatchBy::Township, DispatchBy::Village, DispatchBy::Department}) {
        if (text == to_string(by)) return by;
    }
    return std::nullopt;
}

std::string_view to_string(DispatchBy by) {
    switch (by) {
        case DispatchBy::Township: return "township";
        case DispatchBy::Village: return "village";
        case DispatchBy::Department: return "department";
    }
    return "";
}

DispatchResult dispatch_sheets(const DispatchOptions& options, const Progress& progress) {
    geo::check_output(options.output, geo::OutputKind::Folder, geo::OutputRules{{options.project}, options.overwrite});
    auto project = store::Project::open(options.project);
    const ProjectView view = load_view(project);
    const std::vector<grids::LedgerCase> cases = store::Ledger(project).cases();
    report(progress, 0.1, "ledger read");

    auto groups = detail::group_for_dispatch(cases, options.per, options.at);
    for (auto& owner : groups.owners) {
        if (options.per == DispatchBy::Township) owner.unit = unit_with_code(view.townships, owner.code);
        if (options.per == DispatchBy::Village) owner.unit = unit_with_code(view.villages, owner.code);
    }
    exporters::DispatchSheets sheets;
    sheets.kind_zh = kind_zh(options.per);
    sheets.as_of = options.at;
    sheets.zone = project.info().time_zone;
    sheets.county_name = project.info().county_name;
    sheets.owners = std::move(groups.owners);

    DispatchResult result;
    result.without_owner = groups.without_owner;
    // Both files in a folder beside, moved into place together: never a workbook of one run
    // with the PDF of another.
    geo::StagedFolder staged(options.output);
    const std::filesystem::path temporary(staged.temporary());
    const auto sheet_names = exporters::write_dispatch_workbook((temporary / kDispatchWorkbook).string(), sheets);
    report(progress, 0.3, "workbook written");
    const auto lines = project.load_lines();
    const exporters::MapOverlays overlays{lines, {}};
    const auto layers = view.layers(project.working_crs());
    exporters::DispatchPdfOptions pdf_options;
    pdf_options.paper = options.paper;
    pdf_options.producer = options.producer;
    const auto pdf = exporters::render_dispatch_pdf((temporary / kDispatchPdf).string(), layers, overlays, sheets, pdf_options);
    staged.commit();
    report(progress, 1.0, "dispatch sheets written");

    const std::filesystem::path folder(options.output);
    result.files = {(folder / kDispatchWorkbook).string(), (folder / kDispatchPdf).string()};
    result.pdf_pages = pdf.pages;
    result.markers = pdf.markers;
    std::set<const grids::LedgerCase*> listed, late;  // a case on two departments' sheets counts once
    for (std::size_t i = 0; i < sheets.owners.size(); ++i) {
        const auto& o = sheets.owners[i];
        DispatchOwnerCount count{o.code, o.name, sheet_names[i], o.rows.size(), 0, pdf.first_page[i]};
        for (const auto& r : o.rows) {
            count.overdue += r.clock.overdue;
            listed.insert(r.ledger_case);
            if (r.clock.overdue) late.insert(r.ledger_case);
        }
        result.owners.push_back(std::move(count));
    }
    result.cases = listed.size();
    result.overdue = late.size();
    return result;
}

}  // namespace respgrid::ops

#pragma once
// The ledger's dispatch sheets (整改督办单): per owner unit (a township, a village or a
// department), the cases it has to fix, as of one time, in deadline order. Two files:
//   - a workbook (XLSX): a summary sheet 汇总 (each owner, its sheet, its cases and how many are
//     overdue), then one sheet per owner, codes as text cells;
//   - a PDF: per owner, a page with the title 「整改督办单」, the owner and the as-of time, a map
//     of its area with every case as a numbered marker (red when overdue, blue otherwise) and
//     the table of its cases, numbered as the markers are; a table that does not fit goes on
//     over further pages (续), each owner's pages starting on a page of their own.
// Which cases an owner has, and when they are due, the caller decides (ops/ledger_dispatch.hpp);
// this draws and writes them. Times are printed in `zone` (北京时间 +08:00 for China).

#include <optional>
#include <string>
#include <vector>

#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/grids/case_clock.hpp"
#include "respgrid/grids/ledger_case.hpp"

namespace respgrid::exporters {

// One case on an owner's sheet.
struct DispatchRow {
    int seq = 0;                               // 序号: the row's number and its marker's on the map
    const grids::LedgerCase* ledger_case = nullptr;
    grids::CaseClock clock;                    // at DispatchSheets::as_of
};

// An owner unit and its cases, in sheet order.
struct DispatchOwner {
    std::string code;  // the township's or village's code, the department's owner id; "" for none
    std::string name;
    // The unit whose area the map shows (a township or village of ProjectLayers); null for a
    // department or for cases outside every unit: the map then shows the cases' surroundings.
    const grids::AdminUnit* unit = nullptr;
    std::vector<DispatchRow> rows;
};

struct DispatchSheets {
    std::string kind_zh;      // what the owners are: "乡镇/街道", "村/社区", "责任部门"
    grids::Instant as_of;
    grids::UtcOffset zone = grids::kChinaTime;
    std::string county_name;  // printed under the titles
    std::vector<DispatchOwner> owners;
};

// The columns of an owner's table (Chinese titles) and a row's cells, the same in the workbook
// and (the printable ones) in the PDF.
std::vector<TableColumn> dispatch_columns();
void add_dispatch_cells(TableRows& rows, const DispatchRow& row, grids::UtcOffset zone);
// "2026-09-01 18:00" in `zone`: what a sheet prints for a deadline.
std::string local_minute_text(grids::Instant t, grids::UtcOffset zone);
// "剩余 5.5 小时", "超期 12.0 小时", or "" without a running clock.
std::string clock_text(const grids::CaseClock& clock);

// The workbook at `path` (staged: an earlier file stays whole until it is complete). Returns
// each owner's sheet name, in owner order. Throws OutputError.
std::vector<std::string> write_dispatch_workbook(const std::string& path, const DispatchSheets& sheets);

// A case's marker as drawn on its owner's map.
struct DispatchMarker {
    std::size_t owner = 0;  // index into DispatchSheets::owners
    int seq = 0;
    bool overdue = false;
    int page = 0;           // 1-based page of the PDF
    double x = 0, y = 0;    // its centre on the page, points from the top left
};

struct DispatchPdf {
    int pages = 0;
    std::vector<int> first_page;  // of each owner, 1-based
    std::vector<DispatchMarker> markers;
};

struct DispatchPdfOptions {
    Paper paper = Paper::A4;  // portrait
    std::string producer;     // the PDF's Creator; "" = "respgrid"
};

// The PDF at `path` (staged). `layers` gives the units and grids the maps draw (working CRS, as
// LedgerCase::position), `overlays` the roads and rivers. A run without owners gives one page
// saying there is nothing to fix. Throws OutputError.
DispatchPdf render_dispatch_pdf(const std::string& path, const ProjectLayers& layers, const MapOverlays& overlays,
                                const DispatchSheets& sheets, const DispatchPdfOptions& options = {});

}  // namespace respgrid::exporters

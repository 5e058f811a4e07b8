#pragma once
// Dispatch sheets of the issue ledger (派单, 整改督办单): for each owner unit, the cases it has to
// fix as of a time, in deadline order, written into a folder as one workbook and one PDF
// (exporters/dispatch_sheets.hpp says what each holds).
//
//     ops::DispatchOptions options;
//     options.project = "huaiyang.rgproj";
//     options.output = "督办单/2026-09-02";
//     options.per = ops::DispatchBy::Township;
//     auto result = ops::dispatch_sheets(options);
//
// Who an owner unit is:
//   township    the case's township (LedgerCase::township_code): the 属地 that answers for it;
//   village     the case's village;
//   department  every owner of the case with the role Department (a case named to two
//               departments is on both sheets); a case no department was named for is on none
//               (DispatchResult::without_owner counts them).
// A case without a township (village) — found outside the county's units — is listed under
// "未落入乡镇/街道" ("未落入村/社区") last, so no awaiting case drops off the sheets unseen.
// The cases listed are those awaiting the fix (LedgerCase::awaiting_fix), overdue or not by
// grids::case_clock at `at`; ordered by deadline (cases not yet dispatched, without one, last),
// then number.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/exporters/dispatch_sheets.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::ops {

enum class DispatchBy { Township, Village, Department };
// "township", "village", "department"; nullopt otherwise.
std::optional<DispatchBy> parse_dispatch_by(std::string_view text);
std::string_view to_string(DispatchBy by);

// The names of the files a run writes into its folder.
inline constexpr const char* kDispatchWorkbook = "整改督办单.xlsx";
inline constexpr const char* kDispatchPdf = "整改督办单.pdf";

struct DispatchOptions {
    std::string project;
    std::string output;  // the folder; an existing one is refused unless `overwrite` (geo/output_files.hpp)
    DispatchBy per = DispatchBy::Township;
    grids::Instant at = grids::Instant::now();  // the sheets' as-of time: overdue or not at it
    exporters::Paper paper = exporters::Paper::A4;
    bool overwrite = false;
    std::string producer;  // the PDF's Creator
};

struct DispatchOwnerCount {
    std::string code;   // township/village code, department owner id; "" for cases outside every unit
    std::string name;
    std::string sheet;  // its sheet in the workbook
    std::size_t cases = 0;
    std::size_t overdue = 0;
    int first_page = 0;  // of its pages in the PDF
};

struct DispatchResult {
    std::vector<std::string> files;  // the workbook and the PDF, at their final paths
    std::vector<DispatchOwnerCount> owners;
    std::size_t cases = 0;          // cases awaiting the fix on some sheet (once each)
    std::size_t overdue = 0;        // of them, overdue at `at`
    std::size_t without_owner = 0;  // awaiting the fix but on no sheet (department: none named)
    int pdf_pages = 0;
    std::vector<exporters::DispatchMarker> markers;  // as the PDF's maps drew them
};

// Writes the sheets. Checks the output first (OutputError when it exists and may not be
// replaced); the folder is written beside under a temporary name and moved into place only when
// both files are complete. UsageError for a project without boundaries.
DispatchResult dispatch_sheets(const DispatchOptions& options, const Progress& progress = {});

}  // namespace respgrid::ops

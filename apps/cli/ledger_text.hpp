#pragma once
// The ledger's results as people and scripts read them: the settings, the import receipt (回执),
// a case listing as a terminal table or JSON, and one case with its timeline.

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "cli/console.hpp"
#include "respgrid/grids/ledger_settings.hpp"
#include "respgrid/ops/ledger.hpp"
#include "views/case_json.hpp"

namespace respgrid::cli {

using views::case_detail_json;
using views::cases_json;

void print_ledger_settings(std::ostream& out, const grids::LedgerSettings& s);

// The summary, then the first rows of the receipt (all of them are in --receipt).
void print_import_receipt(std::ostream& out, const ops::LedgerImportResult& r, const std::string& input);
// The whole receipt as CSV or XLSX (by the name), staged.
void write_receipt(const std::string& path, const ops::LedgerImportResult& r);

void print_case_table(std::ostream& out, const ops::CaseListing& listing);
void print_case_detail(std::ostream& out, const ops::CaseDetail& detail);

// `text` to `path` (staged; the rules of geo/output_files.hpp), or to stdout when `path` is empty.
void write_text_output(const Console& console, const std::string& path, const std::string& text, bool overwrite,
                       const std::string& project);

// "2026-10-01,2026-10-02" (also ; and spaces) as days; UsageError naming the option otherwise.
std::vector<grids::Date> day_list_option(const std::string& text, const std::string& option);
// "17:00" as seconds since local midnight.
int clock_option(const std::string& text, const std::string& option);

}  // namespace respgrid::cli

#include "service/ledger_filters.hpp"

#include <sstream>

#include "service/api.hpp"

namespace respgrid::service {

grids::TimeText time_text(const std::string& text, const std::string& name) {
    auto t = grids::parse_time(text);
    if (!t.value) throw ApiError(400, name + ": '" + text + "' is not a date or time: " + t.error);
    return *t.value;
}

std::optional<grids::TimeText> time_param(const httplib::Request& req, const std::string& name) {
    auto text = param(req, name);
    if (!text) return std::nullopt;
    return time_text(*text, name);
}

std::vector<grids::CaseStatus> statuses_param(const std::string& text) {
    std::vector<grids::CaseStatus> statuses;
    std::stringstream parts(text);
    for (std::string part; std::getline(parts, part, ',');) {
        if (part.empty()) continue;
        auto s = grids::parse_case_status_text(part);
        if (!s) throw ApiError(400, "status: '" + part + "' is not a case status");
        statuses.push_back(*s);
    }
    return statuses;
}

ops::CaseDetail find_case(const std::string& project, const std::string& number_or_report) {
    // Reports without an id of their own are stored with none: "" names no case.
    if (number_or_report.empty()) throw ApiError(404, "no case or report id given");
    for (const bool by_number : {true, false}) {
        ops::CaseRef ref;
        (by_number ? ref.number : ref.report_id) = number_or_report;
        try {
            return ops::show_case(project, ref);
        } catch (const ops::LedgerRefusal&) {
            // Not by this key; try the other.
        }
    }
    throw ApiError(404, "no case or report " + number_or_report + " on the ledger");
}

}  // namespace respgrid::service

#pragma once
// Reading the ledger's parameters from requests, shared by /v1/issues and Open311's requests.

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "respgrid/grids/ledger.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/ops/ledger.hpp"

namespace respgrid::service {

// A time as parse_time reads it (400 naming `name` otherwise).
grids::TimeText time_text(const std::string& text, const std::string& name);
std::optional<grids::TimeText> time_param(const httplib::Request& req, const std::string& name);
// "fixed,checked" or Chinese names: the statuses (400 naming the one not read).
std::vector<grids::CaseStatus> statuses_param(const std::string& text);
// A case by its ledger number or the id of one of its reports (404 when neither).
ops::CaseDetail find_case(const std::string& project, const std::string& number_or_report);

}  // namespace respgrid::service

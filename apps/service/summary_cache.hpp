#pragma once
// The day's supervision figures (GET /v1/summary), read from the whole ledger: kept until the
// ledger changes or the day they are for is another (a map open overnight asks for "today").

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "service/live_state.hpp"

namespace respgrid::service {

class SummaryCache {
public:
    // The figures of `day` (today in the project's zone when not given).
    nlohmann::json get(LiveState& state, const std::optional<std::string>& day);

private:
    std::mutex mutex_;
    std::map<std::string, nlohmann::json> held_;  // by day and ledger revision
};

}  // namespace respgrid::service

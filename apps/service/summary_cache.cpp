#include "service/summary_cache.hpp"

#include "respgrid/ops/ledger_report.hpp"
#include "service/ledger_filters.hpp"

namespace respgrid::service {

namespace {

constexpr std::size_t kDaysHeld = 64;

nlohmann::json figures_json(const grids::UnitFigures& u) {
    return {{"code", u.code},
            {"name", u.name},
            {"received", u.received},
            {"rectified_on_time", u.rectified_on_time},
            {"rectified_late", u.rectified_late},
            {"open", u.open},
            {"carried", u.carried},
            {"overdue", u.overdue},
            {"rejected", u.rejected},
            {"reports", u.reports},
            {"on_time_rate", u.on_time_rate ? nlohmann::json(*u.on_time_rate) : nlohmann::json(nullptr)}};
}

}  // namespace

nlohmann::json SummaryCache::get(LiveState& state, const std::optional<std::string>& day_text) {
    const auto zone = state.reader().info().time_zone;
    const grids::Date day = day_text ? time_text(*day_text, "day").day(zone) : grids::Instant::now().date_in(zone);
    const std::string key = day.to_string() + "@" + std::to_string(state.ledger_revision());
    {
        std::lock_guard lock(mutex_);
        if (auto it = held_.find(key); it != held_.end()) return it->second;
    }
    ops::DailyReportOptions options;
    options.project = state.project();
    options.day = grids::TimeText{day};
    const auto r = ops::daily_report(options);
    nlohmann::json townships = nlohmann::json::array();
    for (const auto& t : r.report.townships) townships.push_back(figures_json(t));
    nlohmann::json j = {{"county", r.county_name},
                        {"day", r.report.period.last.to_string()},
                        {"as_of", r.report.as_of.to_text(zone)},
                        {"totals", figures_json(r.report.totals)},
                        {"townships", std::move(townships)}};
    std::lock_guard lock(mutex_);
    if (held_.size() > kDaysHeld) held_.clear();
    held_[key] = j;
    return j;
}

}  // namespace respgrid::service

#include "validity.hpp"

#include "respgrid/importers/table.hpp"

namespace respgrid::importers::detail {

Validity read_validity(std::string_view from_text, std::string_view to_text, grids::UtcOffset zone) {
    Validity v;
    auto day = [&](std::string_view text, const char* name, std::optional<grids::Date>& out) {
        if (trim(text).empty()) return true;
        auto t = grids::parse_time(text);
        if (!t.value) {
            v.problem = std::string(name) + " '" + std::string(text) + "' is not a date: " + t.error;
            return false;
        }
        out = t.value->day(zone);
        return true;
    };
    if (!day(from_text, "valid_from", v.from)) return v;
    if (!day(to_text, "valid_to", v.to)) {
        v.problem_in_to = true;
        return v;
    }
    if (v.from && v.to && *v.to < *v.from) {
        v.problem = "valid_to " + v.to->to_string() + " is before valid_from " + v.from->to_string();
        v.problem_in_to = true;
    }
    return v;
}

}  // namespace respgrid::importers::detail

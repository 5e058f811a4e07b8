#pragma once
// The validity period of a roster row or a responsibility feature (valid_from/valid_to,
// 起始日期/终止日期): two days of the project's zone, both included, either one open when empty.
// One reading for both readers, through grids::parse_time, so they accept the same forms.

#include <optional>
#include <string>
#include <string_view>

#include "respgrid/grids/local_time.hpp"

namespace respgrid::importers::detail {

struct Validity {
    std::optional<grids::Date> from;
    std::optional<grids::Date> to;
    std::string problem;         // why the row is rejected ("" = fine)
    bool problem_in_to = false;  // the problem is the valid_to value's
};

Validity read_validity(std::string_view from, std::string_view to, grids::UtcOffset zone);

}  // namespace respgrid::importers::detail

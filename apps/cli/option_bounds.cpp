#include "cli/option_bounds.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace respgrid::cli {

namespace {

CLI::Validator bounded(double min, double max, bool min_included) {
    const std::string range = (min_included ? "[" : "(") + geo::option_text(min) + ", " + geo::option_text(max) + "]";
    return CLI::Validator(
        [min, max, min_included, range](std::string& text) -> std::string {
            double value = 0;
            // Converted as CLI11 converts the option afterwards (strtold: "nan", "inf", "1e999" parse).
            if (!CLI::detail::lexical_cast(text, value)) return "'" + text + "' is not a number";
            if (!std::isfinite(value)) return "'" + text + "' is not a finite number";
            if (value < min || value > max || (!min_included && value == min)) {
                return text + " is out of range: a number in " + range;
            }
            return {};
        },
        "NUMBER in " + range);
}

}  // namespace

CLI::Validator number_in(double min, double max) { return bounded(min, max, true); }

CLI::Validator positive_up_to(double max) { return bounded(0.0, max, false); }

}  // namespace respgrid::cli

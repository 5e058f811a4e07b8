#pragma once
// Numbers in the messages of the use cases, written as the CLI writes them (cli/console.hpp
// format_number, format_area_km2; cli/option_bounds.hpp option_value_text), so that an error
// names a value the way the output and the help do.

#include <cstdio>
#include <string>

namespace respgrid::ops::detail {

// 12.35 for (12.345, 2).
inline std::string number_text(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

inline std::string area_km2_text(double m2) { return number_text(m2 / 1e6, 3) + " km²"; }

// An option's value as given: 0.95, 100000, 1e+10.
inline std::string option_text(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

}  // namespace respgrid::ops::detail

#pragma once
// Numbers in messages and results, written one way wherever they appear: the CLI's output, the
// use cases' errors (which name a value the way the output and the help do) and option ranges.

#include <cstdio>
#include <string>

namespace respgrid::geo {

// 12.35 for (12.345, 2).
inline std::string number_text(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

// "1.235 km²" for 1234567 m².
inline std::string area_km2_text(double m2) { return number_text(m2 / 1e6, 3) + " km²"; }

// A value as an option is typed: 0.95, 100000, 1e+10.
inline std::string option_text(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

}  // namespace respgrid::geo

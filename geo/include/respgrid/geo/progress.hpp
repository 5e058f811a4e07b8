#pragma once
// Progress reporting in GDAL's style: a fraction in [0, 1] and a short message. The library
// never prints; the CLI decides what reaches stderr (and nothing with --quiet).
// Returning false asks the operation to stop; operations that honour it say so.

#include <functional>
#include <string_view>

namespace respgrid {

using Progress = std::function<bool(double fraction, std::string_view message)>;

// Calls `progress` if it is set; true when there is nothing to report to.
inline bool report(const Progress& progress, double fraction, std::string_view message) {
    return progress ? progress(fraction, message) : true;
}

// Maps [0, 1] of a sub-step onto [start, end] of its parent's progress.
inline Progress sub_progress(const Progress& parent, double start, double end) {
    if (!parent) return {};
    return [parent, start, end](double f, std::string_view msg) {
        return parent(start + (end - start) * f, msg);
    };
}

}  // namespace respgrid

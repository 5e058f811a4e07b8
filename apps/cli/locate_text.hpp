#pragma once
// How a located point reads: text for people, JSON for tools (respgrid locate --lon --lat).

#include <ostream>
#include <string>

#include "respgrid/geo/error.hpp"
#include "respgrid/ops/locate.hpp"

namespace respgrid::cli {

// `crs_text`: the CRS as the user gave it (cgcs2000 when not).
void print_location(std::ostream& out, const ops::PointLocation& r, const ops::PointLocateOptions& options,
                    const std::string& crs_text, bool json);

// A refused point as the error a command reports (exit 4), naming the option at fault.
InputError rejected_point_error(const importers::PointProblem& problem);

}  // namespace respgrid::cli

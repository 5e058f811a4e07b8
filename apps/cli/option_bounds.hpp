#pragma once
// The one validator for numeric options: a finite number within the range a technician would
// ever need (docs/cli.md "Option ranges"). CLI11's own Range and PositiveNumber let `nan`
// through (every comparison with NaN is false), and an absurd value (`--snap 1e9`,
// `--border-tolerance 1e308`, `--size 0.001`) runs for minutes or gives a wrong answer instead
// of a usage error.

#include <CLI/CLI.hpp>

#include <string>

#include "respgrid/geo/number_text.hpp"

namespace respgrid::cli {

// A finite number in [min, max].
CLI::Validator number_in(double min, double max);
// A finite number in (0, max].
CLI::Validator positive_up_to(double max);

}  // namespace respgrid::cli

#pragma once
// The counting of unrecognised category texts lives in ops (ops/unrecognised_categories.hpp); this
// name stays for `import issues` until it moves to ops too.

#include "respgrid/ops/unrecognised_categories.hpp"

namespace respgrid::cli {
using UnrecognisedCategories = ops::UnrecognisedCategories;
}

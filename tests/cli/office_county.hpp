#pragma once
// The small county of small_county.hpp made a whole project for CLI tests of what offices type and
// send: 2 km x 2.2 km in CGCS2000 lon/lat (114.80-114.82 E, 33.70-33.72 N), two townships of two
// villages each, a roster with a grid worker per village and five departments, a category
// catalogue with aliases, 100 m grids, assigned. Built once per test process with the real binary;
// tests that change it take a copy.

#include <string>

#include "test_support.hpp"

namespace respgrid::test {

struct OfficeCounty {
    TempDir dir;
    std::string project;  // the .rgproj in dir
    std::string failure;  // why building it failed, "" when it did not
};

// The project, built on first use.
const OfficeCounty& office_county();

// A copy of the project in `dir`, for a test that changes it.
std::string copy_of_office_county(const TempDir& dir);

}  // namespace respgrid::test

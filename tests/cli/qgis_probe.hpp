#pragma once
// Runs tests/qgis/qgis_probe.py (Debian's python3 with PyQGIS, headless) on exported files and
// returns what a real QGIS saw, as JSON. The assertions stay in the C++ tests.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace respgrid::test {

// `args` go to the probe (--gpkg FILE [--png OUT] [--shp FOLDER]). Fails the calling test
// (returns null JSON) when the probe does not run or prints no JSON.
nlohmann::json probe_in_qgis(const std::vector<std::string>& args, std::string& diagnostics);

}  // namespace respgrid::test

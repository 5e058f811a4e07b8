#pragma once
// A one-village project made through the use cases themselves: county 411626, township
// 411626001 and village 411626001001, each the 1 km square of test::square_geojson (EPSG:4547).

#include <string>

#include "respgrid/ops/import.hpp"
#include "test_support.hpp"

namespace respgrid::ops::test_one_village {

inline constexpr double kSideM = 1000.0;  // the village is a kSideM x kSideM square

// Records what an import said.
struct RecordingListener : ImportListener {
    std::vector<int> fixed_epsg;
    std::vector<std::string> warnings;
    std::vector<std::string> reject_files;
    std::size_t rejects = 0;
    void working_crs_fixed(int epsg) override { fixed_epsg.push_back(epsg); }
    void warning(const std::string& text) override { warnings.push_back(text); }
    void rejected(const std::string& file, const std::vector<Reject>& r) override {
        reject_files.push_back(file);
        rejects += r.size();
    }
};

// Creates dir/p.rgproj with its county, township and village; returns its path.
std::string make_project(const test::TempDir& dir);
// A roster CSV serving the village: its unit, the township's, a leader of the township and a grid
// worker, who serves from `worker_from` to `worker_to` (YYYY-MM-DD; empty: open) when active.
std::string write_roster(const test::TempDir& dir, const std::string& worker_from = "",
                         const std::string& worker_to = "", bool worker_active = true);

}  // namespace respgrid::ops::test_one_village

#pragma once
// The small county most CLI tests run on: a 2 km x 2.2 km county with two townships and four
// villages, in CGCS2000 lon/lat, imported into a fresh project; and the GeoJSON helpers that draw it.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {

// A feature collection of rectangles in lon/lat: {code, name, x0, y0, x1, y1}.
struct Rect {
    std::string code, name;
    double x0, y0, x1, y1;
};
inline nlohmann::json polygon(std::vector<std::pair<double, double>> ring) {
    nlohmann::json coords = nlohmann::json::array();
    for (const auto& [x, y] : ring) coords.push_back(nlohmann::json::array({x, y}));
    return {{"type", "Polygon"}, {"coordinates", nlohmann::json::array({coords})}};
}

inline nlohmann::json feature(const std::string& code, const std::string& name, nlohmann::json geometry) {
    return {{"type", "Feature"}, {"properties", {{"code", code}, {"name", name}}}, {"geometry", std::move(geometry)}};
}

inline nlohmann::json rect_feature(const Rect& r) {
    return feature(r.code, r.name, polygon({{r.x0, r.y0}, {r.x1, r.y0}, {r.x1, r.y1}, {r.x0, r.y1}, {r.x0, r.y0}}));
}

inline std::string rect_collection(const std::vector<Rect>& rects) {
    nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    for (const auto& r : rects) fc["features"].push_back(rect_feature(r));
    return fc.dump();
}

// A 2 km x 2.2 km county with two townships and four villages, in CGCS2000 lon/lat.
class SmallCounty : public ::testing::Test {
protected:
    void SetUp() override {
        project = dir.file("small.rgproj");
        write_text(dir.file("county.geojson"), rect_collection({{"411626", "测试县", 114.80, 33.70, 114.82, 33.72}}));
        write_text(dir.file("townships.geojson"),
                   rect_collection({{"411626001", "城关街道", 114.80, 33.70, 114.81, 33.72},
                                    {"411626101", "白楼镇", 114.81, 33.70, 114.82, 33.72}}));
        write_text(dir.file("villages.geojson"),
                   rect_collection({{"411626001001", "东关社区", 114.80, 33.70, 114.81, 33.71},
                                    {"411626001002", "西关社区", 114.80, 33.71, 114.81, 33.72},
                                    {"411626101201", "王庄村", 114.81, 33.70, 114.82, 33.71},
                                    {"411626101202", "李楼村", 114.81, 33.71, 114.82, 33.72}}));
        ASSERT_EQ(run({"init", project, "--county-code", "411626", "--name", "测试县"}).exit_code, 0);
        for (const auto& [file, level] : std::vector<std::pair<std::string, std::string>>{
                 {"county.geojson", "county"}, {"townships.geojson", "township"}, {"villages.geojson", "village"}}) {
            auto r = run({"import", "boundaries", project, dir.file(file), "--level", level, "--crs", "cgcs2000"});
            ASSERT_EQ(r.exit_code, 0) << r.err;
        }
    }
    CommandResult run(const std::vector<std::string>& args) {
        std::vector<std::string> quiet{"-q"};
        quiet.insert(quiet.end(), args.begin(), args.end());
        return run_respgrid(quiet);
    }

    TempDir dir;
    std::string project;
};

}  // namespace respgrid::test

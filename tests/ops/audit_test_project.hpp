#pragma once
// A small project for the audit and repair use cases, written through the store in EPSG:4547: a
// 2 km x 1 km county, one township per half, one village per township, unless a test draws its
// own villages. Coordinates are offsets in metres from (500000, 3730000).

#include <string>
#include <vector>

#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::test {

inline constexpr double kX0 = 500000.0;
inline constexpr double kY0 = 3730000.0;
inline constexpr const char* kCounty = "411626";
inline constexpr const char* kWest = "411626001";
inline constexpr const char* kEast = "411626002";

inline geo::Geometry box(double x0, double y0, double x1, double y1) {
    return geo::Geometry::rectangle(kX0 + x0, kY0 + y0, kX0 + x1, kY0 + y1);
}

inline grids::AdminUnit unit(grids::AdminLevel level, const std::string& code, const std::string& parent,
                             geo::Geometry shape) {
    grids::AdminUnit u;
    u.level = level;
    u.code = code;
    u.name = "单元" + code;
    u.parent_code = parent;
    u.geometry = std::move(shape);
    return u;
}

inline grids::AdminUnit village(const std::string& code, const std::string& township, geo::Geometry shape) {
    return unit(grids::AdminLevel::Village, code, township, std::move(shape));
}

// A village of the west township over x in [0, west_to] and one of the east township over
// [east_from, east_to], both 1 km tall: (1000, 1000, 2000) tiles the county.
inline std::vector<grids::AdminUnit> two_villages(double west_to, double east_from, double east_to) {
    std::vector<grids::AdminUnit> villages;
    villages.push_back(village("411626001001", kWest, box(0, 0, west_to, 1000)));
    villages.push_back(village("411626002001", kEast, box(east_from, 0, east_to, 1000)));
    return villages;
}

// Creates the project at `path` with the county, its two townships and `villages` (by default
// one per township, tiling it).
inline store::Project make_audit_project(const std::string& path, std::vector<grids::AdminUnit> villages = {}) {
    auto project = store::Project::create(path, kCounty, "测试县", 4547);
    if (villages.empty()) villages = two_villages(1000, 1000, 2000);
    std::vector<grids::AdminUnit> units;
    units.push_back(unit(grids::AdminLevel::County, kCounty, "", box(0, 0, 2000, 1000)));
    units.push_back(unit(grids::AdminLevel::Township, kWest, kCounty, box(0, 0, 1000, 1000)));
    units.push_back(unit(grids::AdminLevel::Township, kEast, kCounty, box(1000, 0, 2000, 1000)));
    for (auto& v : villages) units.push_back(std::move(v));
    project.upsert_units(units, "test");
    return project;
}

inline grids::GridCell grid(const std::string& code, const std::string& village, geo::Geometry shape) {
    grids::GridCell c;
    c.code = code;
    c.name = "网格" + code;
    c.village_code = village;
    c.township_code = village.substr(0, 9);
    c.area_m2 = shape.area();
    c.set_shape(shape);
    return c;
}

}  // namespace respgrid::test

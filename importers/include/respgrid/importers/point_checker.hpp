#pragma once
// The checks every point table row goes through, in one place for the GDAL reader
// (read_point_table) and the fast CSV reader of batch locate (csv_points.hpp), so both accept and
// reject exactly the same rows with the same reasons:
//   * the row's CRS: its crs text when not empty, else the default; unknown names are rejected;
//   * lon/lat in range for a geographic CRS;
//   * the transformation to the target CRS succeeds;
//   * with an expected area: swapped lon/lat (the swap falls inside, the original does not) and
//     points farther than max_distance_m from the area are rejected.
// Not thread-safe (it caches PROJ transformations): one checker per thread.

#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>

#include "respgrid/importers/points.hpp"

namespace respgrid::importers {

// Which input value a rejection is about, so the reject names the right field.
enum class PointField { X, Y, Crs };

struct PointProblem {
    PointField field = PointField::X;
    std::string reason;
};

class PointChecker {
public:
    explicit PointChecker(const PointTableOptions& options);
    ~PointChecker();
    PointChecker(const PointChecker&) = delete;
    PointChecker& operator=(const PointChecker&) = delete;

    // The CRS of a row whose crs cell holds `text` ("" when the table has no crs column or the
    // cell is empty): nullptr, with `problem` set, when it is unknown or missing.
    const geo::Crs* crs_of(std::string_view text, PointProblem& problem);

    // Checks (x, y) given in `crs` (a CRS crs_of returned) and transforms it to the target CRS
    // into `out`. The texts are
    // the cells as given, used only to word a rejection. False, with `problem` set, on rejection.
    bool check(double x, double y, const geo::Crs& crs, std::string_view x_text, std::string_view y_text, geo::XY& out,
               PointProblem& problem);

private:
    const geo::CoordinateTransform* transform_from(const geo::Crs& crs, PointProblem& problem);
    bool swapped_inside(double x, double y, const geo::Crs& crs);
    bool takes_lon_lat(const geo::Crs& crs);

    std::optional<geo::Crs> default_crs_;
    geo::Crs target_;
    std::optional<geo::Envelope> expected_area_;
    double max_distance_m_;
    std::map<std::string, std::optional<geo::Crs>, std::less<>> parsed_;  // nullopt: not a CRS
    std::map<std::string, std::unique_ptr<geo::CoordinateTransform>> transforms_;
    // Keyed by address: the CRSs crs_of hands out, or a caller's (a point layer's), which stay put.
    std::map<const geo::Crs*, bool> lon_lat_;
};

}  // namespace respgrid::importers

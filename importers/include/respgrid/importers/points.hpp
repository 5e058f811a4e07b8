#pragma once
// Point tables: rows with a longitude/latitude (or easting/northing) and the CRS they are in,
// as issue reports and batch-locate inputs come (CSV, Excel, or any OGR attribute table), and
// point layers (GeoPackage, Shapefile, GeoJSON... points), whose rows are their features.
//
// Tables: the CRS of a row is its `crs` column when present and not empty, else the default
// given by the caller (--crs); a row with neither, an unknown CRS, a coordinate that is not a
// number, a lon/lat out of range, or a point PROJ cannot transform is rejected with its line and
// field; so, with an expected area, are swapped coordinates and points far away from it.
// Point layers: the point is the feature's geometry, in the layer's CRS, which the caller's CRS
// (--crs) overrides as for every layer import (a GeoPackage cannot declare GCJ-02); lon/lat
// columns are not read. A feature without a point, or with another geometry, is rejected (field
// "geometry"); the point then goes through the same checks as a table's.

#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/issues.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::importers {

struct PointTableOptions {
    std::string path;
    std::string layer;
    std::optional<geo::Crs> default_crs;
    geo::Crs target_crs = geo::Crs::cgcs2000();
    // Where the points should be (target CRS), e.g. the county's extent. When given, a point
    // outside it whose coordinates, swapped, fall inside is rejected as "swapped", and a point
    // farther than `max_distance_m` from it is rejected as far away (a wrong CRS or a typo):
    // GPS noise at the county edge stays well inside that distance and is kept.
    std::optional<geo::Envelope> expected_area;
    double max_distance_m = 50000.0;
};

struct PointRow {
    long long line = 0;
    std::vector<std::string> values;  // every column, as text
    double x = 0.0;                   // as given (lon or easting)
    double y = 0.0;                   // as given (lat or northing)
    std::string crs;                  // canonical name of the row's CRS
    geo::XY position;                 // in the target CRS
};

struct PointTable {
    std::string path;
    std::string layer;
    std::vector<std::string> fields;
    std::vector<PointRow> rows;
    std::vector<Reject> rejects;
    std::size_t rows_read = 0;
    std::optional<std::size_t> id_field;  // the id column, if the table has one
    std::string record_label = "row";     // what PointRow::line counts (Table::record_label)
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;
};

PointTable read_point_table(const PointTableOptions& options);

struct IssueImport {
    std::vector<grids::IssueReport> issues;
    std::vector<Reject> rejects;
    std::size_t rows_read = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the file's; GB18030 was transcoded
};

// Issues: columns id, reported_at, lon, lat, crs, category, description (Chinese aliases
// accepted). Rows without an id, repeating an earlier id, or with a reported_at that is not a date
// or time (grids::parse_time: ISO, 2026/9/1 6:42, 2026年9月1日 6时42分, Excel date cells) are
// rejected. reported_at is kept as a day ("2026-09-01") or a time of `zone`, the project's time
// zone, with its offset ("2026-09-01T06:42:00+08:00"); a time without offset is taken in `zone`.
// The category is kept as given (category_text); category_code is left for the caller to match
// against the project's catalogue (grids::CategoryCatalogue).
IssueImport read_issues(const PointTableOptions& options, grids::UtcOffset zone = grids::kChinaTime);

}  // namespace respgrid::importers

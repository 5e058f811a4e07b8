#pragma once
// Locating points in a project's grids: one point (its grid, how sure, and who answers there) or
// every row of a point table (CSV/XLSX/any GDAL table), the located rows handed to a row sink so
// that a CSV file, an XLSX workbook and a service's response are written from the same rows.
//
// The grids are those of the generation valid at the time asked (now by default); the owners are
// those serving then (grids::ServingRoster). Table rows with their own time (a reported_at,
// 上报时间 or 发现时间 column) are located in the generation and with the owners of that time,
// unless `at` fixes one time for all.

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/locator.hpp"
#include "respgrid/grids/noise.hpp"
#include "respgrid/importers/point_checker.hpp"
#include "respgrid/ops/responsibility.hpp"
#include "respgrid/ops/unrecognised_categories.hpp"

namespace respgrid::ops {

// What single and table locate share.
struct LocateSettings {
    std::string project;
    std::optional<grids::TimeText> at;          // in the project's zone; nullopt = now
    std::optional<double> assign_nearest_m;     // a point outside every grid within this goes to the nearest
    double border_tolerance_m = 5.0;            // the neighbour across a border this close is named
    double noise_width_m = grids::kNoiseWidthM; // a point in no grid this close to one goes to one by the border rule
};

// ---- one point

struct PointLocateOptions : LocateSettings {
    double x = 0.0;  // longitude or easting, in `crs`
    double y = 0.0;
    std::optional<geo::Crs> crs;  // nullopt = CGCS2000
    std::string category;         // a code, name or alias; "" = none
};

struct LocatedGrid {
    std::string code;
    std::string name;
    std::string village_code;
    std::string village_name;
    std::string township_code;
    std::string township_name;
};

struct PointLocation {
    // The point was refused as a batch row would be (out of range, swapped, far from the county,
    // not transformable): nothing else is set.
    std::optional<importers::PointProblem> rejected;
    geo::XY working;  // the point in the working CRS
    int working_epsg = 0;
    grids::LocateDetail detail;      // status, distances, claims (its cell indices are the locator's)
    std::optional<LocatedGrid> grid;  // the grid it belongs to, or is assigned to
    std::string runner_up_code;       // the neighbour across the nearest border, within the tolerance
    std::string nearest_code;         // outside every grid: the nearest
    bool assigned_nearest = false;    // outside every grid, given to the nearest within assign_nearest_m
    // At the time asked; the owners point into it (shared: a service's requests share one).
    std::shared_ptr<const ResponsibilityView> responsibility;
    std::optional<grids::Resolution> owners;           // who answers, when the point has a grid

    // inside, in_gap, outside, or assigned_nearest.
    [[nodiscard]] std::string status() const;
};

// UsageError when the project has no grids (or none as old as `at`); InputError when the stored
// rules name a layer the project no longer has.
PointLocation locate_point(const PointLocateOptions& options);

// ---- a table of points

// Where located rows go. begin() once with the columns (the input's own, then locate's), then the
// rows in input order, in pieces; finish() after the last. Errors are thrown (OutputError).
class LocatedRowSink {
public:
    virtual ~LocatedRowSink() = default;
    virtual void begin(std::vector<exporters::TableColumn> columns) = 0;
    virtual void write(const exporters::TableRows& rows) = 0;
    virtual void finish() = 0;
};

// Where rejected rows go, in line order, as they come (a batch never holds them all).
class RejectSink {
public:
    virtual ~RejectSink() = default;
    virtual void add(const std::vector<Reject>& rejects) = 0;
};

struct TableLocateOptions : LocateSettings {
    std::string input;            // a .csv/.txt (the fast reader) or any table GDAL reads
    std::optional<geo::Crs> crs;  // of rows without a crs value; nullopt = CGCS2000
};

struct TableLocateResult {
    std::array<std::size_t, 4> by_status{};  // inside a grid, in a coverage gap, outside, assigned to the nearest
    std::size_t written = 0;                 // rows located and written
    std::size_t rejected = 0;                // rows handed to the reject sink
    UnrecognisedCategories unrecognised;     // category texts the catalogue does not know
    long long generation = 0;                // the generation at `at` (rows with their own time may use others)
    grids::Instant at;                       // the time of rows without their own
    grids::UtcOffset zone;                   // the project's
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the input's; GB18030 was transcoded
    // How the work went: the grids index (of the generation at `at`) and the time taken.
    std::size_t cell_count = 0;
    std::size_t cell_bytes = 0;
    std::size_t index_bytes = 0;
    double bucket_size_m = 0.0;
    double load_seconds = 0.0;
    double locate_seconds = 0.0;
};

// The progress of locate_table: first the loading of the grids ("loading grids", "indexing grids",
// "grids loaded"), then, from 0 again, the rows (messages kLocatingMessage, then "located").
inline constexpr std::string_view kLocatingMessage = "locating";

// Reads `options.input`, locates every row and writes it to `rows`; rejected rows (bad
// coordinates, times, quoting) go to `rejects`, never stopping the batch. A category no one
// knows is no reject: the territory answers (属地兜底) and the text is counted.
// UsageError when the project has no grids (or none as old as `at`); InputError when the input
// cannot be read.
TableLocateResult locate_table(const TableLocateOptions& options, LocatedRowSink& rows, RejectSink& rejects,
                               const Progress& progress);

}  // namespace respgrid::ops

#pragma once
// The hot path of table locate: parsed point rows in, output rows out, counted. Runs on several
// threads at once over pieces of one block; everything it reads is shared and const.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "batch_locator.hpp"
#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/importers/csv_points.hpp"
#include "respgrid/ops/locate.hpp"

namespace respgrid::ops::detail {

// The columns locate adds after the input's own, in order; the category columns only when the
// input has a category column.
std::vector<exporters::TableColumn> added_columns(bool with_category);

struct RowCounts {
    std::array<std::size_t, 4> by_status{};  // Inside, InGap, Outside, assigned to the nearest
    UnrecognisedCategories unrecognised;     // category texts the catalogue does not know
    std::size_t written = 0;                 // rows written (located), rejects not counted

    void merge(const RowCounts& other);
};

// What every row is located with.
struct RowContext {
    // The grid generations rows may fall in, by creation time, oldest first: one unless rows
    // carry their own time.
    std::vector<std::pair<grids::Instant, const BatchLocator*>> generations;
    grids::Instant at;                        // the time of rows without their own
    grids::UtcOffset zone;                    // the project's: rows' times without offset, days
    std::optional<std::size_t> time;          // the input's time column (reported_at), if used
    std::vector<std::size_t> kept;            // input columns copied to the output
    std::optional<std::size_t> category;      // the input's category column
    const grids::ResponsibilityResolver* resolver = nullptr;  // set when there is a category column
    std::optional<double> assign_nearest_m;
    double border_tolerance_m = 5.0;
    std::string path;                         // the input, for rejects
    std::vector<std::string> fields;          // the input's column names, for rejects
};

// Locates the parsed rows and appends their output rows to `out`; rows with a bad time join
// `rows.rejects`. A category that matches nothing in the catalogue is no reject: the row is
// located, the territory answers (属地兜底) and the text is counted.
void locate_rows(const RowContext& ctx, importers::PointRows& rows, exporters::TableRows& out, RowCounts& counts);

}  // namespace respgrid::ops::detail

#pragma once
// The rows of a ledger file (import, bulk update) as the ledger reads them: columns found by their
// English or Chinese names, values parsed and checked, a bad value a reject naming its line and
// field. One reader for every ledger input, so a 上报时间 or a 来源 means the same everywhere.

#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/importers/table.hpp"

namespace respgrid::ops::detail {

// One report row of an import.
struct LedgerRow {
    std::string file;
    std::string layer;
    std::string record_label;
    long long line = 0;
    std::string source_id;   // the row's id column, "" when none
    std::string source_key;  // "id:<source id>", or "content:<hash>" of the row's values
    grids::CaseSource source = grids::CaseSource::Inspection;
    grids::Instant reported_at;
    grids::Instant dispatched_at;
    std::string location_text;
    std::string category_text;
    std::string description;
    std::string reporter;
    std::vector<std::string> photos;
    double lon = 0.0;
    double lat = 0.0;
    std::string crs;
    geo::XY position;

    [[nodiscard]] SourceLocation where(const std::string& field) const {
        return SourceLocation{file, layer, line, field, record_label};
    }
};

// The hash that identifies a row without an id: the same values give the same key in any run.
std::string content_key(const std::vector<std::string>& values);

// A list of photo references: pieces separated by ; ； , ， | or line breaks, trimmed.
std::vector<std::string> split_photo_refs(const std::string& cell);

class LedgerRowReader {
public:
    // `default_dispatch` for rows without a dispatched_at; times without offset are in `zone`.
    LedgerRowReader(const importers::PointTable& table, grids::UtcOffset zone, grids::Instant default_dispatch);
    // Every row that reads; the others join `rejects`.
    std::vector<LedgerRow> read_all(std::vector<Reject>& rejects) const;

private:
    std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const;
    const importers::PointTable& table_;
    grids::UtcOffset zone_;
    grids::Instant default_dispatch_;
    std::optional<std::size_t> id_, source_, reported_, dispatched_, location_, category_, description_, reporter_, photos_;
};

// A time cell: nullopt with the reason set when it is not a time (a day alone is its start, not its
// end: a ledger time is when something happened).
std::optional<grids::Instant> ledger_time(std::string_view text, grids::UtcOffset zone, std::string& why);

}  // namespace respgrid::ops::detail

#pragma once
// Small helpers shared by the repository files of store/.

#include <optional>
#include <string>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/store/sqlite.hpp"

namespace respgrid::store::detail {

// Current UTC time as SQLite writes it, e.g. 2026-11-27T23:55:03.123Z.
inline constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

// Geometry from a column holding AsBinary(geom) (WKB); a null geometry when the column is NULL.
inline geo::Geometry geometry_column(const Statement& st, int column) {
    if (st.is_null(column)) return {};
    return geo::Geometry::from_wkb(st.blob_view(column));
}

// A validity day as stored: "YYYY-MM-DD", NULL for an open end.
inline std::optional<std::string> day_text(const std::optional<grids::Date>& day) {
    return day ? std::optional<std::string>(day->to_string()) : std::nullopt;
}

// A stored validity day back (NULL or "" = open); StoreError naming the column and the row's key
// when it is not a day.
inline std::optional<grids::Date> stored_day(Connection& db, const Statement& st, int column, const char* table_column,
                                             const std::string& key) {
    if (st.is_null(column) || st.text(column).empty()) return std::nullopt;
    auto day = grids::Date::from_iso(st.text(column));
    if (!day) {
        throw StoreError(db.path(), std::string(table_column) + " is '" + st.text(column) +
                                        "', not a YYYY-MM-DD day (" + key + ")");
    }
    return day;
}

// Runs a "SELECT 1 ... WHERE key = ?" statement for `key`: does the row exist already?
inline bool row_exists(Statement& exists, const std::string& key) {
    exists.reset();
    exists.bind(key);
    return exists.step();
}

// A small page cache for the lifetime of the object, the usual one after it. For one pass over
// every page of the grids: the connection's large cache (sized for bulk writes) would only hold
// pages that are never read again, 256 MB of a million-grid scan's peak memory and the time to
// fault it in. A streamed write (GenerationWriter) sets its own size: it appends, so only the
// right edges of its B-trees are touched again.
class ScanCache {
public:
    explicit ScanCache(Connection& db, int kib = 8192) : db_(db) { db_.exec("PRAGMA cache_size = -" + std::to_string(kib)); }
    ~ScanCache() {
        try {
            db_.exec("PRAGMA cache_size = -" + std::to_string(kPageCacheKiB));
        } catch (...) {  // a destructor must not throw; the next open sets it again
        }
    }
    ScanCache(const ScanCache&) = delete;
    ScanCache& operator=(const ScanCache&) = delete;

private:
    Connection& db_;
};

}  // namespace respgrid::store::detail

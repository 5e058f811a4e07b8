#pragma once
// Point checkers (importers::PointChecker) lent to one request at a time, for the service's
// locate (LiveLocator) and intake (ReportDesk). Making a checker ready costs PROJ a database
// search per CRS (a fifth of a second on a worker thread's first request when each thread made
// its own), and a checker may not be used by two threads at once: the pool makes them ready
// once and lends them out.
//
// A checker keeps what it parsed and built for every CRS text it meets, so only the first few
// dozen valid texts are checked by pooled checkers; any other text (or one that is no CRS) gets a
// checker of its own, thrown away after: a client cycling through CRS names cannot grow the
// service.

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "respgrid/geo/xy.hpp"
#include "respgrid/importers/point_checker.hpp"
#include "respgrid/importers/points.hpp"

namespace respgrid::ops::detail {

class PointCheckerPool {
public:
    explicit PointCheckerPool(importers::PointTableOptions options) : options_(std::move(options)) {}

    // Makes `count` checkers ready for CGCS2000, WGS 84, GCJ-02 and BD-09 by checking
    // `lonlat_middle` (a point of the county) in each.
    void warm(std::size_t count, geo::XY lonlat_middle);

    class Borrowed {
    public:
        Borrowed(const PointCheckerPool& pool, const std::string& crs);
        ~Borrowed();
        Borrowed(const Borrowed&) = delete;
        Borrowed& operator=(const Borrowed&) = delete;
        importers::PointChecker& operator*() { return *checker_; }

    private:
        const PointCheckerPool& pool_;
        bool pooled_;
        std::unique_ptr<importers::PointChecker> checker_;
    };
    // A checker for points in `crs` (as PointChecker::crs_of reads it), until the result goes.
    [[nodiscard]] Borrowed borrow(const std::string& crs) const { return Borrowed(*this, crs); }

private:
    importers::PointTableOptions options_;
    mutable std::mutex mutex_;
    mutable std::vector<std::unique_ptr<importers::PointChecker>> idle_;
    mutable std::set<std::string, std::less<>> pooled_crs_{"", "4326", "gcj02", "bd09"};
    [[nodiscard]] bool pooled(const std::string& crs) const;
};

}  // namespace respgrid::ops::detail

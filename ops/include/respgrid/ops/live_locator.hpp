#pragma once
// A project's current grids, owners and rules held in memory, for a long-running service that
// answers "who owns this point" many thousands of times a second:
//
//     auto live = ops::LiveLocator::load(project_path);        // once, ~the cost of a batch locate's load
//     auto where = live->locate({lon, lat, "4326", "乱堆乱放"}); // per request, any thread
//
// It answers exactly as locate_point does (the same point checks, border, noise and assignment
// rules, the same owners) for the generation valid when it was loaded and the owners serving that
// day. It does not watch the project: the caller compares locating_revision() and the day with
// the project's and loads a new one (the old stays valid for the requests holding it).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/progress.hpp"
#include "respgrid/geo/xy.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/serving.hpp"
#include "respgrid/ops/locate.hpp"
#include "respgrid/ops/responsibility.hpp"

namespace respgrid::ops {

namespace detail {
class BatchLocator;
class PointCheckerPool;
}

struct PointQuery {
    double x = 0.0;        // longitude or easting, in `crs`
    double y = 0.0;
    std::string crs;       // as --crs reads it ("4326", "gcj02", "EPSG:4547"); "" = CGCS2000
    std::string category;  // a code, name or alias; "" = none
};

// One grid of the loaded generation with who answers for it (at a point inside it).
struct GridOwners {
    grids::GridCell cell;
    std::string village_name;
    std::string township_name;
    geo::XY point;  // the representative point the answers were resolved at
    grids::Resolution resolution;
};

class LiveLocator {
public:
    // Loads the generation valid now and the owners serving today, with `checkers` point
    // checkers made ready for CGCS2000, WGS 84, GCJ-02 and BD-09 (one per request answered at
    // once; more are made when needed). UsageError when the project has no grids (or no
    // boundaries).
    static std::shared_ptr<const LiveLocator> load(const std::string& project, const LocateSettings& settings = {},
                                                   const Progress& progress = {}, std::size_t checkers = 4);
    ~LiveLocator();
    LiveLocator(const LiveLocator&) = delete;
    LiveLocator& operator=(const LiveLocator&) = delete;

    // One point. Thread-safe (a request borrows a point checker, with its PROJ transformations,
    // that no other request uses meanwhile).
    [[nodiscard]] PointLocation locate(const PointQuery& query) const;
    // A grid of the loaded generation read through `reader` (a connection of the calling
    // thread's), with its owners for `category`; nullopt when the generation has no such grid.
    [[nodiscard]] std::optional<GridOwners> grid(store::Project& reader, const std::string& code,
                                                 const std::string& category = {}) const;

    // The codes of the grids whose territorial chain names owner `id` (today's), in code order.
    [[nodiscard]] std::vector<std::string> grids_of(const std::string& owner_id) const;

    [[nodiscard]] long long generation_id() const;
    [[nodiscard]] std::size_t grid_count() const;
    // The project's locating revision (store::Project::locating_revision) when loaded.
    [[nodiscard]] long long locating_revision() const { return revision_; }
    // The owners are those serving on this day, in the project's zone.
    [[nodiscard]] grids::Date day() const { return day_; }
    [[nodiscard]] const ResponsibilityView& view() const { return *view_; }
    [[nodiscard]] const std::shared_ptr<const ResponsibilityView>& shared_view() const { return view_; }
    // The county's extent in longitude/latitude (CGCS2000), for a map's first view.
    [[nodiscard]] const geo::Envelope& county_lonlat() const { return county_lonlat_; }
    [[nodiscard]] const std::string& county_name() const { return county_name_; }

private:
    LiveLocator() = default;

    LocateSettings settings_;
    long long revision_ = 0;
    grids::Date day_;
    std::shared_ptr<const ResponsibilityView> view_;
    std::unique_ptr<grids::ServingRoster> roster_;  // the index's chains point into it
    std::unique_ptr<detail::BatchLocator> index_;
    int working_epsg_ = 0;
    geo::Envelope county_lonlat_;
    std::string county_name_;
    std::unique_ptr<detail::PointCheckerPool> checkers_;  // lent to one request at a time
};

}  // namespace respgrid::ops

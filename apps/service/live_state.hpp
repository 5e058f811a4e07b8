#pragma once
// What the service holds while it runs: the locate index of the current grids (swapped whole
// when another process publishes a generation, imports a roster or changes the rules), the
// report desk for intake, a store connection per worker thread for reads, and the revisions
// that tell caches when they are stale.
//
// Swapping: requests take a shared_ptr to the index when they start and keep it to the end, so
// a swap never changes an answer half-way and the old index goes when its last request ends.

#include <atomic>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "respgrid/ops/ledger.hpp"
#include "respgrid/ops/live_locator.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::service {

class LiveState {
public:
    // Loads the index (a project without grids serves no locate until grids appear), ready for
    // `concurrency` lookups at once. `log` takes one line per reload; null for none.
    LiveState(std::string project, std::ostream* log, std::size_t concurrency);

    [[nodiscard]] const std::string& project() const { return project_; }
    // The current index; null while the project has no grids.
    [[nodiscard]] std::shared_ptr<const ops::LiveLocator> locator() const;
    // The index, or ApiError 503 when the project has no grids yet.
    [[nodiscard]] std::shared_ptr<const ops::LiveLocator> require_locator() const;
    [[nodiscard]] ops::ReportDesk& desk() { return desk_; }
    // The calling thread's own read connection to the project.
    [[nodiscard]] store::Project& reader() const;

    // Grows whenever the ledger changes (read from the store by refresh(), bumped at once by
    // the service's own writes): caches of ledger answers compare it.
    [[nodiscard]] long long ledger_revision() const { return ledger_revision_.load(); }
    void ledger_written();

    // SIGTERM came: the requests in flight are answered, nothing new is taken.
    void start_draining() { draining_ = true; }
    [[nodiscard]] bool draining() const { return draining_; }

    // The project's working CRS (ApiError 503 while it has no boundaries).
    [[nodiscard]] geo::Crs working_crs() const;

    // Looks at the project's revisions and the day; loads a new index when they changed.
    // Returns true when it swapped. Called by one watcher thread.
    bool refresh();

private:
    std::string project_;
    std::ostream* log_;
    std::size_t concurrency_;
    mutable std::mutex mutex_;
    std::shared_ptr<const ops::LiveLocator> locator_;
    ops::ReportDesk desk_;
    std::unique_ptr<store::Project> watcher_;  // the watcher thread's connection
    std::atomic<long long> ledger_revision_{0};
    std::atomic<long long> own_writes_{0};
    std::atomic<long long> locating_revision_{0};  // as the watcher last read it
    std::atomic<bool> draining_{false};

    void load_index();
};

}  // namespace respgrid::service

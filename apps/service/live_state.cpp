#include "service/live_state.hpp"

#include "respgrid/ops/errors.hpp"
#include "service/api.hpp"

namespace respgrid::service {

LiveState::LiveState(std::string project, std::ostream* log, std::size_t concurrency)
    : project_(std::move(project)), log_(log), concurrency_(concurrency), desk_(project_) {
    watcher_ = std::make_unique<store::Project>(store::Project::open(project_));
    ledger_revision_ = watcher_->ledger_revision();
    locating_revision_ = watcher_->locating_revision();
    load_index();
}

void LiveState::load_index() {
    std::shared_ptr<const ops::LiveLocator> loaded;
    try {
        loaded = ops::LiveLocator::load(project_, {}, {}, concurrency_);
    } catch (const ops::UsageError& e) {
        // No grids yet: the service answers 503 for locate until a generation appears.
        if (log_) *log_ << "respgrid serve: " << e.what() << "\n";
        return;
    }
    if (log_) {
        *log_ << "respgrid serve: locating in generation " << loaded->generation_id() << " (" << loaded->grid_count()
              << " grids), owners of " << loaded->day().to_string() << "\n";
    }
    std::lock_guard lock(mutex_);
    locator_ = std::move(loaded);
}

std::shared_ptr<const ops::LiveLocator> LiveState::locator() const {
    std::lock_guard lock(mutex_);
    return locator_;
}

std::shared_ptr<const ops::LiveLocator> LiveState::require_locator() const {
    auto l = locator();
    if (!l) throw ApiError(503, "the project has no grids yet; run `respgrid grid` on it");
    return l;
}

store::Project& LiveState::reader() const {
    // Worker threads live as long as the server: one connection each, opened when first needed.
    // Opened again when the project's units changed (its working CRS and county are read at open).
    thread_local std::unique_ptr<store::Project> connection;
    thread_local std::string path;
    thread_local long long revision = -1;
    const long long current = locating_revision_.load();
    if (!connection || path != project_ || revision != current) {
        connection = std::make_unique<store::Project>(store::Project::open(project_));
        path = project_;
        revision = current;
    }
    return *connection;
}

void LiveState::ledger_written() {
    // Added to what the store says, so a cache made before this write is stale at once, even
    // before the watcher reads the store again.
    ++own_writes_;
    ++ledger_revision_;
}

geo::Crs LiveState::working_crs() const {
    auto& project = reader();
    if (!project.info().working_epsg) throw ApiError(503, "the project has no boundaries yet");
    return project.working_crs();
}

bool LiveState::refresh() {
    ledger_revision_ = watcher_->ledger_revision() + own_writes_.load();
    const long long revision = watcher_->locating_revision();
    locating_revision_ = revision;
    auto current = locator();
    const auto today = grids::Instant::now().date_in(watcher_->info().time_zone);
    if (current && current->locating_revision() == revision && current->day() == today) return false;
    if (!current && !watcher_->current_generation()) return false;
    load_index();
    return true;
}

}  // namespace respgrid::service

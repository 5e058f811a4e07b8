#include "point_checker_pool.hpp"

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"

namespace respgrid::ops::detail {

namespace {
constexpr std::size_t kPooledCrsTexts = 32;
}

void PointCheckerPool::warm(std::size_t count, geo::XY lonlat_middle) {
    std::vector<std::unique_ptr<importers::PointChecker>> made;
    for (std::size_t i = 0; i < count; ++i) {
        auto checker = std::make_unique<importers::PointChecker>(options_);
        for (const char* crs : {"", "4326", "gcj02", "bd09"}) {
            importers::PointProblem problem;
            geo::XY ignored;
            if (const geo::Crs* c = checker->crs_of(crs, problem)) {
                (void)checker->check(lonlat_middle.x, lonlat_middle.y, *c, {}, {}, ignored, problem);
            }
        }
        made.push_back(std::move(checker));
    }
    std::lock_guard lock(mutex_);
    for (auto& c : made) idle_.push_back(std::move(c));
}

bool PointCheckerPool::pooled(const std::string& crs) const {
    {
        std::lock_guard lock(mutex_);
        if (pooled_crs_.count(crs)) return true;
        if (pooled_crs_.size() >= kPooledCrsTexts) return false;
    }
    try {
        (void)geo::parse_crs(crs);
    } catch (const Error&) {
        return false;  // refused by a checker of its own, which remembers nothing
    }
    std::lock_guard lock(mutex_);
    if (pooled_crs_.size() >= kPooledCrsTexts) return false;
    pooled_crs_.insert(crs);
    return true;
}

PointCheckerPool::Borrowed::Borrowed(const PointCheckerPool& pool, const std::string& crs)
    : pool_(pool), pooled_(pool.pooled(crs)) {
    if (pooled_) {
        std::lock_guard lock(pool.mutex_);
        if (!pool.idle_.empty()) {
            checker_ = std::move(pool.idle_.back());
            pool.idle_.pop_back();
        }
    }
    if (!checker_) checker_ = std::make_unique<importers::PointChecker>(pool.options_);
}

PointCheckerPool::Borrowed::~Borrowed() {
    if (!pooled_) return;
    std::lock_guard lock(pool_.mutex_);
    pool_.idle_.push_back(std::move(checker_));
}

}  // namespace respgrid::ops::detail

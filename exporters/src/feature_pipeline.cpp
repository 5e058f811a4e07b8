#include "feature_pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace respgrid::exporters::detail {

namespace {

constexpr std::size_t kBatch = 1024;     // features handed over at once (one lock per batch)
constexpr std::size_t kMaxBatches = 4;   // made but not yet written: bounds the memory

using Batch = std::vector<OGRFeatureUniquePtr>;

// The hand-over between the two threads.
class Queue {
public:
    // Worker side: false when the writer has given up.
    bool push(Batch batch) {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [this] { return stopped_ || batches_.size() < kMaxBatches; });
        if (stopped_) return false;
        batches_.push_back(std::move(batch));
        ready_.notify_one();
        return true;
    }
    void finish(std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        finished_ = true;
        error_ = std::move(error);
        ready_.notify_one();
    }
    // Writer side: false when everything was taken; rethrows the worker's exception.
    bool pop(Batch& out) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return !batches_.empty() || finished_; });
        if (batches_.empty()) {
            if (error_) std::rethrow_exception(error_);
            return false;
        }
        out = std::move(batches_.front());
        batches_.pop_front();
        room_.notify_one();
        return true;
    }
    // Written batches go back to the worker to be freed there: freeing on this thread memory that
    // malloc gave the worker contends for the worker's arena lock at every field.
    void give_back(Batch batch) {
        std::lock_guard lock(mutex_);
        spent_.push_back(std::move(batch));
    }
    std::deque<Batch> take_spent() {
        std::lock_guard lock(mutex_);
        return std::exchange(spent_, {});
    }
    void stop() {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        room_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_, room_;
    std::deque<Batch> batches_, spent_;
    bool finished_ = false, stopped_ = false;
    std::exception_ptr error_;
};

}  // namespace

void run_feature_pipeline(std::size_t n, const std::function<OGRFeatureUniquePtr(std::size_t)>& make,
                          const std::function<void(OGRFeature&)>& write) {
    Queue queue;
    auto produce = [&] {
        try {
            for (std::size_t first = 0; first < n; first += kBatch) {
                queue.take_spent().clear();
                Batch batch;
                batch.reserve(kBatch);
                for (std::size_t i = first; i < n && i < first + kBatch; ++i) batch.push_back(make(i));
                if (!queue.push(std::move(batch))) break;
            }
            queue.finish(nullptr);
        } catch (...) {
            queue.finish(std::current_exception());
        }
    };
    std::optional<std::jthread> worker;
    try {
        worker.emplace(produce);
    } catch (const std::system_error&) {
        // No thread to be had (a process or address-space limit): make and write in turn here.
        for (std::size_t i = 0; i < n; ++i) write(*make(i));
        return;
    }
    // Stops the worker when write() throws, before the jthread joins it.
    struct StopOnExit {
        Queue& queue;
        ~StopOnExit() { queue.stop(); }
    } stop_on_exit{queue};
    Batch batch;
    while (queue.pop(batch)) {
        for (auto& feature : batch) write(*feature);
        queue.give_back(std::move(batch));
    }
}

}  // namespace respgrid::exporters::detail

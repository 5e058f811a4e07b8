#include "respgrid/geo/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace respgrid::geo {

namespace {

// Threads per hardware thread at most: enough for work that waits on I/O now and then.
constexpr unsigned kThreadsPerHardwareThread = 4;

unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace

unsigned max_threads() { return kThreadsPerHardwareThread * hardware_threads(); }

unsigned default_threads() {
    if (const char* env = std::getenv("RESPGRID_THREADS")) {
        const std::string_view text(env);
        unsigned n = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec == std::errc() && end == text.data() + text.size() && n > 0) return std::min(n, max_threads());
        if (ec == std::errc::result_out_of_range) return max_threads();
    }
    return hardware_threads();
}

namespace {

// Starts up to `count` threads running `worker`. When no more threads are to be had (a process
// or address-space limit) it returns those started: they take all the items; letting the
// exception pass would destroy joinable threads (std::terminate).
std::vector<std::thread> start_workers(unsigned count, const std::function<void()>& worker) {
    std::vector<std::thread> pool;
    pool.reserve(count);
    for (unsigned t = 0; t < count; ++t) {
        try {
            pool.emplace_back(worker);
        } catch (const std::system_error&) {
            break;
        }
    }
    return pool;
}

// fn(i), with what it throws returned instead of thrown.
std::exception_ptr call_captured(const std::function<void(std::size_t)>& fn, std::size_t i) {
    try {
        fn(i);
    } catch (...) {
        return std::current_exception();
    }
    return nullptr;
}

}  // namespace

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& fn) {
    if (threads == 0) threads = default_threads();
    threads = static_cast<unsigned>(std::min<std::size_t>(std::min(threads, max_threads()), n));
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::size_t first_error_index = n;
    std::mutex error_mutex;
    auto worker = [&] {
        while (!failed.load(std::memory_order_relaxed)) {
            std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= n) return;
            try {
                fn(i);
            } catch (...) {
                // Items are handed out in order, so every item below a failing one has started and
                // runs to its end: keeping the lowest failing index makes the error reported
                // independent of thread timing.
                std::lock_guard lock(error_mutex);
                if (i < first_error_index) {
                    first_error = std::current_exception();
                    first_error_index = i;
                }
                failed = true;
            }
        }
    };
    std::vector<std::thread> pool = start_workers(threads - 1, worker);
    worker();  // the calling thread works too
    for (auto& t : pool) t.join();
    if (first_error) std::rethrow_exception(first_error);
}

void parallel_for_ordered(std::size_t n, unsigned threads, std::size_t window,
                          const std::function<void(std::size_t)>& produce,
                          const std::function<void(std::size_t)>& consume) {
    if (threads == 0) threads = default_threads();
    threads = static_cast<unsigned>(std::min<std::size_t>(std::min(threads, max_threads()), n));
    window = std::max<std::size_t>(window, 1);
    auto in_turn = [&] {
        for (std::size_t i = 0; i < n; ++i) {
            produce(i);
            consume(i);
        }
    };
    if (threads <= 1) return in_turn();
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t next = 0;      // the next item to hand out
    std::size_t consumed = 0;  // items consumed so far
    std::vector<char> produced(n, 0);
    bool failed = false;
    std::exception_ptr first_error;
    std::size_t first_error_index = n;
    auto fail = [&](std::size_t i, std::exception_ptr error) {  // under the lock
        if (i < first_error_index) {
            first_error = std::move(error);
            first_error_index = i;
        }
        failed = true;
    };
    auto worker = [&] {
        std::unique_lock lock(mutex);
        for (;;) {
            changed.wait(lock, [&] { return failed || next >= n || next < consumed + window; });
            if (failed || next >= n) return;
            const std::size_t i = next++;
            lock.unlock();
            std::exception_ptr error = call_captured(produce, i);
            lock.lock();
            if (error) fail(i, std::move(error));
            produced[i] = 1;
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool = start_workers(threads, worker);
    if (pool.empty()) return in_turn();
    {
        std::unique_lock lock(mutex);
        while (consumed < n) {
            // Items are handed out in order and a failure stops handing out, so the consumer
            // reaches the lowest failing index, never one past it.
            changed.wait(lock, [&] { return produced[consumed] || (failed && consumed >= first_error_index); });
            if (failed && consumed >= first_error_index) break;
            lock.unlock();
            std::exception_ptr error = call_captured(consume, consumed);
            lock.lock();
            if (error) {
                fail(consumed, std::move(error));
                break;
            }
            ++consumed;
            changed.notify_all();
        }
        if (consumed < n) failed = true;
        changed.notify_all();
    }
    for (auto& t : pool) t.join();
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace respgrid::geo

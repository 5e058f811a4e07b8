// Running work items on several threads (geo/parallel.hpp): every item runs once, whatever the
// number of threads asked for and whatever the system grants.

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include "respgrid/geo/parallel.hpp"

namespace respgrid::geo {
namespace {

// Sets an environment variable for the life of the object.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
    ~ScopedEnv() { unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
};

// Bytes of address space the process has mapped now (/proc/self/statm: size in pages).
rlim_t mapped_bytes() {
    std::ifstream statm("/proc/self/statm");
    unsigned long long pages = 0;
    statm >> pages;
    return static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE));
}

TEST(Parallel, EveryItemRunsOnceWithAnyThreadCount) {
    for (unsigned threads : {0u, 1u, 3u, 64u}) {
        std::vector<std::atomic<int>> seen(500);
        parallel_for(seen.size(), threads, [&](std::size_t i) { ++seen[i]; });
        for (std::size_t i = 0; i < seen.size(); ++i) {
            ASSERT_EQ(seen[i].load(), 1) << "threads " << threads << " item " << i;
        }
    }
}

TEST(Parallel, TheLowestFailingItemsErrorIsRethrown) {
    try {
        parallel_for(100, 4, [](std::size_t i) {
            if (i == 17 || i == 60) throw std::runtime_error("item " + std::to_string(i));
        });
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "item 17");
    }
}

TEST(ParallelOrdered, ItemsAreConsumedInOrderOnTheCallingThreadNeverTooFarBehind) {
    for (unsigned threads : {1u, 2u, 5u}) {
        const std::size_t n = 300, window = 4;
        std::vector<std::atomic<int>> produced(n);
        std::atomic<std::size_t> consumed{0};
        std::atomic<std::size_t> most_ahead{0};
        std::vector<std::size_t> order;
        const auto caller = std::this_thread::get_id();
        bool consumer_elsewhere = false;
        parallel_for_ordered(
            n, threads, window,
            [&](std::size_t i) {
                ++produced[i];
                std::size_t ahead = i + 1 - consumed.load();
                for (std::size_t m = most_ahead.load(); ahead > m && !most_ahead.compare_exchange_weak(m, ahead);) {
                }
            },
            [&](std::size_t i) {
                ASSERT_EQ(produced[i].load(), 1) << i;  // produced before it is consumed
                consumer_elsewhere |= std::this_thread::get_id() != caller;
                order.push_back(i);
                ++consumed;
            });
        ASSERT_EQ(order.size(), n) << threads;
        for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(order[i], i) << threads;
        EXPECT_FALSE(consumer_elsewhere) << threads;
        EXPECT_LE(most_ahead.load(), window + 1) << threads;  // the item being consumed, and the window
    }
}

TEST(ParallelOrdered, TheLowestFailingItemsErrorIsRethrownAndNothingAfterItIsConsumed) {
    for (unsigned threads : {1u, 3u}) {
        std::vector<std::size_t> consumed;
        try {
            parallel_for_ordered(
                100, threads, 8,
                [](std::size_t i) {
                    if (i == 17 || i == 20) throw std::runtime_error("item " + std::to_string(i));
                },
                [&](std::size_t i) {
                    if (i == 30) throw std::runtime_error("consumed 30");
                    consumed.push_back(i);
                });
            FAIL() << "no exception";
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "item 17") << threads;
        }
        EXPECT_EQ(consumed.size(), 17u) << threads;
        // A consumer's error stops the run as well.
        try {
            parallel_for_ordered(100, threads, 8, [](std::size_t) {}, [](std::size_t i) {
                if (i == 5) throw std::runtime_error("consumed 5");
            });
            FAIL() << "no exception";
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "consumed 5") << threads;
        }
    }
}

TEST(Parallel, AThreadCountFromTheEnvironmentIsCappedAtAFewPerHardwareThread) {
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    EXPECT_GE(max_threads(), hardware);
    EXPECT_LE(max_threads(), 8 * hardware);
    {
        ScopedEnv env("RESPGRID_THREADS", "5000");
        EXPECT_EQ(default_threads(), max_threads()) << "capped, not ignored";
    }
    {
        ScopedEnv env("RESPGRID_THREADS", "99999999999");  // beyond unsigned: the cap too
        EXPECT_EQ(default_threads(), max_threads());
    }
    {
        ScopedEnv env("RESPGRID_THREADS", "1");
        EXPECT_EQ(default_threads(), 1u) << "a count within the cap is taken as given";
    }
}

TEST(Parallel, ANonsenseThreadCountFromTheEnvironmentFallsBackToTheHardware) {
    for (const char* text : {"0", "-3", "many", "", "4x"}) {
        ScopedEnv env("RESPGRID_THREADS", text);
        EXPECT_EQ(default_threads(), std::max(1u, std::thread::hardware_concurrency())) << "'" << text << "'";
    }
}

// Under an address-space limit with room for one more thread's stack (8 MB) but not two,
// std::thread throws at the second; parallel_for must go on with the threads it has (at least
// the calling one) instead of letting the exception unwind past a running thread (std::terminate:
// SIGABRT, exit 134). Runs in a child process (the limit stays there); exits 0 when every item
// ran once.
[[noreturn]] void run_items_with_no_room_for_threads() {
    const rlimit limit{mapped_bytes() + (rlim_t{12} << 20), RLIM_INFINITY};
    setrlimit(RLIMIT_AS, &limit);
    std::vector<std::atomic<int>> seen(1000);
    parallel_for(seen.size(), 64, [&](std::size_t i) { ++seen[i]; });
    for (auto& s : seen) {
        if (s.load() != 1) _exit(1);
    }
    _exit(0);
}

TEST(Parallel, ItemsStillRunWhenTheSystemRefusesThreads) {
    EXPECT_EXIT(run_items_with_no_room_for_threads(), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace respgrid::geo

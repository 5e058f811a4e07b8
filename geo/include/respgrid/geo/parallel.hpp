#pragma once
// Running independent work items on several threads.
//
// GEOS geometries must not be shared between threads: a geometry belongs to the GeometryFactory
// of the GEOS context that made it, and the factory's reference count is not atomic. Work items
// therefore take plain data (WKB, coordinates) in and give plain data back; each thread builds
// its own Geometry objects from it in its own context.

#include <cstddef>
#include <functional>

namespace respgrid::geo {

// The most threads respgrid runs at once: a few per hardware thread. More only cost memory (each
// thread reserves its stack and a malloc arena); a mistyped count (--threads 3000) is cut to it.
unsigned max_threads();

// The number of threads to use by default: the machine's hardware threads (at least 1), or
// RESPGRID_THREADS when it is a positive whole number (at most max_threads()).
unsigned default_threads();

// Calls fn(i) for every i in [0, n) on up to `threads` threads (0 = default_threads(); at most
// max_threads()), handing out items one by one so that uneven items balance. When the system
// refuses a thread (a process or memory limit), the items run on the threads already started, at
// least on the calling one. Returns after all calls finished. When calls throw, later items are
// skipped and the exception of the lowest failing index is rethrown: the same one a serial run
// would throw, whatever the thread timing.
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& fn);

// Calls produce(i) for every i in [0, n) on up to `threads` worker threads and consume(i) on the
// calling thread in the order 0, 1, ..., each as soon as its produce(i) has returned: a pipeline
// whose consumer (writing results out) runs while the workers produce the next items. At most
// `window` items (at least 1) are produced ahead of the consumer, which bounds what is held in
// memory. One thread or one item: produce(i), consume(i) in turn on the calling thread. When a
// call throws, nothing later is consumed and the exception of the lowest failing index (of
// produce or consume) is rethrown after every started call returned: the one a serial run throws.
void parallel_for_ordered(std::size_t n, unsigned threads, std::size_t window,
                          const std::function<void(std::size_t)>& produce,
                          const std::function<void(std::size_t)>& consume);

}  // namespace respgrid::geo

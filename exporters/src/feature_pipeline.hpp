#pragma once
// Features made on a second thread while this one writes the ones made before: GDAL writes a
// layer from one thread, but looking up a grid's owners, filling its fields and reading its
// geometry need not wait for SQLite. For the grids of Zhoukou that is about half of the writing.

#include <cstddef>
#include <functional>

#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters::detail {

// Calls make(i) for i = 0, 1, ... n - 1 in order on a worker thread and write() with each result,
// in the same order, on the calling thread; a few thousand features are in flight at most.
// `make` must not touch what `write` touches. The first exception of either is rethrown here,
// after the worker has stopped.
void run_feature_pipeline(std::size_t n, const std::function<OGRFeatureUniquePtr(std::size_t)>& make,
                          const std::function<void(OGRFeature&)>& write);

}  // namespace respgrid::exporters::detail

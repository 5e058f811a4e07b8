#include "grid_shapes.hpp"

#include <algorithm>

#include "geometry_out.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/parallel.hpp"

namespace respgrid::exporters::detail {

namespace {

void convert(GridShapes::Chunk& chunk, std::span<const grids::GridCell> cells, const GeometryOut& out,
             std::vector<geo::Envelope>& envelopes) {
    chunk.offsets.reserve(chunk.last - chunk.first + 1);
    chunk.wkb.reserve((chunk.last - chunk.first) * 104);
    for (std::size_t i = chunk.first; i < chunk.last; ++i) {
        OGRGeometryUniquePtr g = out.polygons(cells[i].wkb);
        if (!g->IsEmpty()) {
            OGREnvelope e;
            g->getEnvelope(&e);
            envelopes[i] = {e.MinX, e.MinY, e.MaxX, e.MaxY};
        }
        const std::size_t at = chunk.wkb.size();
        chunk.offsets.push_back(at);
        chunk.wkb.resize(at + static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, chunk.wkb.data() + at, wkbVariantIso);
    }
    chunk.offsets.push_back(chunk.wkb.size());
}

}  // namespace

GridShapes::GridShapes(std::span<const grids::GridCell> cells, const geo::Crs& working, int epsg) {
    envelopes_.resize(cells.size());
    const unsigned threads = geo::default_threads();
    // A few chunks per thread balance uneven ones; each builds its PROJ transformation once.
    const std::size_t chunk_count = std::max<std::size_t>(1, std::min<std::size_t>(cells.size() / 4096, threads * 4));
    chunks_.resize(chunk_count);
    for (std::size_t k = 0; k < chunk_count; ++k) {
        chunks_[k].first = cells.size() * k / chunk_count;
        chunks_[k].last = cells.size() * (k + 1) / chunk_count;
    }
    geo::parallel_for(chunk_count, threads, [&](std::size_t k) {
        GeometryOut out(working, epsg);
        convert(chunks_[k], cells, out, envelopes_);
    });
}

OGRGeometryUniquePtr GridShapes::geometry(std::size_t i) const {
    auto chunk = std::upper_bound(chunks_.begin(), chunks_.end(), i, [](std::size_t v, const Chunk& c) { return v < c.first; });
    const Chunk& c = *(chunk - 1);
    const std::size_t at = c.offsets[i - c.first];
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(c.wkb.data() + at, nullptr, &g, c.offsets[i - c.first + 1] - at) !=
            OGRERR_NONE ||
        !g) {
        throw GeometryError("import WKB", "exporters: OGR cannot read its own WKB");
    }
    return OGRGeometryUniquePtr(g);
}

}  // namespace respgrid::exporters::detail

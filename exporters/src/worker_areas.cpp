#include "worker_areas.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "layer_fields.hpp"
#include "respgrid/exporters/layer_writer.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/geometry.hpp"
#include "respgrid/geo/parallel.hpp"
#include "respgrid/grids/owner_columns.hpp"

namespace respgrid::exporters::detail {

namespace {

bool has_grid_workers(const grids::Directory& directory) {
    const auto& owners = directory.owners();
    return std::any_of(owners.begin(), owners.end(),
                       [](const grids::Owner& o) { return o.kind == grids::OwnerKind::GridWorker; });
}

// One worker's grids, as record indices in the order they were read (code order in a village).
struct WorkerGrids {
    std::uint32_t worker = 0;  // index in the directory's owners
    std::vector<std::size_t> records;
};

// The shapes of `w`'s grids, as GEOS reads the records' WKB.
std::vector<geo::Geometry> shapes_of(const GridRecords& records, const WorkerGrids& w) {
    std::vector<geo::Geometry> shapes;
    shapes.reserve(w.records.size());
    for (std::size_t k : w.records) shapes.push_back(geo::Geometry::from_wkb(records.wkb(k)));
    return shapes;
}

// The union of `w`'s grids as WKB, after checking it (see WorkerAreas::write).
std::vector<std::uint8_t> united(const GridRecords& records, const WorkerGrids& w, const std::string& worker_id) {
    // GEOS's coverage union first: it checks its own result (valid, its area the grids' sum).
    geo::Geometry area;
    try {
        area = geo::Geometry::coverage_union(shapes_of(records, w));
    } catch (const GeometryError&) {
    }
    // GEOS 3.11's coverage union takes grids whose shared edges do not match (a vertex on one
    // side only, a T-junction) without complaint when the mismatch leaves a sliver, and returns
    // the grids on either side as separate polygons or around a sliver hole. A worker's area is
    // nearly always one polygon without holes, which it gets right; anything else (grids around
    // another worker's, grids apart, grids that overlap) is united again by the general union,
    // five times slower, and checked here.
    if (!area.is_null() && area.num_geometries() == 1 && area.polygons().front().size() == 1) return area.to_wkb();
    std::vector<geo::Geometry> shapes = shapes_of(records, w);
    double sum = 0.0, largest = 0.0;
    for (const auto& s : shapes) {
        const double a = s.area();
        sum += a;
        largest = std::max(largest, a);
    }
    area = geo::Geometry::union_all(std::move(shapes)).polygonal();
    const double a = area.area();
    constexpr double kRounding = 1e-9;
    if (area.is_empty() || !area.is_valid() || a < largest * (1 - kRounding) || a > sum * (1 + kRounding)) {
        throw GeometryError("worker area", "exporters: the union of grid worker " + worker_id + "'s " +
                                               std::to_string(w.records.size()) + " grids is not their area (area " +
                                               std::to_string(a) + ", grids' sum " + std::to_string(sum) + ")");
    }
    return area.to_wkb();
}

}  // namespace

WorkerAreas::WorkerAreas(const grids::Directory& directory, std::size_t grids) : directory_(directory) {
    if (has_grid_workers(directory)) worker_of_.assign(grids, 0);
}

void WorkerAreas::note(std::size_t record, const grids::ResolvedChain& chain) {
    if (worker_of_.empty()) return;
    const grids::ResolvedLink* link = chain.find(grids::Role::GridWorker);
    if (!link) return;
    // The chain's owners are the directory's own (Directory::owner), so the pointer gives the index.
    worker_of_.at(record) = static_cast<std::uint32_t>(link->owner - directory_.owners().data()) + 1;
}

std::size_t WorkerAreas::write(GDALDataset& ds, const std::string& path, const OGRSpatialReference* srs,
                               const GridRecords& records) const {
    LayerWriter layer(ds, path, kWorkerAreasLayer, wkbMultiPolygon, srs, worker_area_fields());
    // Each worker's grids, in record order.
    std::vector<WorkerGrids> workers;
    std::vector<std::size_t> slot(directory_.owners().size(), SIZE_MAX);
    for (std::size_t k = 0; k < worker_of_.size(); ++k) {
        if (worker_of_[k] == 0) continue;
        const std::uint32_t w = worker_of_[k] - 1;
        if (slot[w] == SIZE_MAX) {
            slot[w] = workers.size();
            workers.push_back({w, {}});
        }
        workers[slot[w]].records.push_back(k);
    }
    // Township, village, then the first grid's code: the atlas pages follow the villages' bands.
    auto key = [&](const WorkerGrids& w) {
        const GridRecords::Row first = records.row(w.records.front());
        return std::make_tuple(first.township_code, first.village_code, first.code);
    };
    std::sort(workers.begin(), workers.end(),
              [&](const WorkerGrids& a, const WorkerGrids& b) { return key(a) < key(b); });
    // The unions on every core, as WKB (a GEOS geometry never crosses threads).
    std::vector<std::vector<std::uint8_t>> shapes(workers.size());
    geo::parallel_for(workers.size(), 0, [&](std::size_t i) {
        shapes[i] = united(records, workers[i], directory_.owners()[workers[i].worker].id);
    });
    for (std::size_t i = 0; i < workers.size(); ++i) {
        const WorkerGrids& w = workers[i];
        const grids::Owner& owner = directory_.owners()[w.worker];
        const GridRecords::Row first = records.row(w.records.front());
        double area_m2 = 0.0, weight = 0.0;
        for (std::size_t k : w.records) {
            const GridRecords::Row r = records.row(k);
            area_m2 += r.area_m2;
            weight += r.weight;
        }
        const std::string village_code(first.village_code), township_code(first.township_code);
        // The rest of the chain as the worker's first grid has it: the same for all the worker's
        // grids, which lie in one village.
        const grids::ResolvedChain chain = directory_.chain(std::string(first.code));
        std::vector<Value> values{  // in worker_area_fields() order
            owner.id, village_code, text_or_null(directory_.unit_name(village_code)), township_code,
            text_or_null(directory_.unit_name(township_code))};
        for (const auto& column : grids::kOwnerColumns) {
            values.push_back(text_or_null(grids::owner_value(chain, column)));
        }
        values.insert(values.end(), {static_cast<long long>(w.records.size()), area_m2,
                                     weight > 0 ? Value{weight} : Value{}});
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkb(shapes[i].data(), nullptr, &g, shapes[i].size()) != OGRERR_NONE || !g) {
            throw GeometryError("import WKB", "exporters: OGR cannot read GEOS's WKB of a worker area");
        }
        layer.add(OGRGeometryUniquePtr(OGRGeometryFactory::forceToMultiPolygon(g)), values);
    }
    return layer.written();
}

}  // namespace respgrid::exporters::detail

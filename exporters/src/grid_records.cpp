#include "grid_records.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <utility>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/parallel.hpp"

namespace respgrid::exporters::detail {

namespace {

static_assert(std::endian::native == std::endian::little, "the WKB is written little-endian (NDR)");

// Each vertex transformed about once. The grids come village by village, row by row, so a
// square's corners were mostly met a moment ago in its neighbours: a small direct-mapped cache
// (a slot per hash, the newer vertex replacing the older) keeps them; a hash table cost more
// than PROJ itself. Results are the same with or without it: PROJ is a pure function of the point.
class VertexTransform {
public:
    VertexTransform(const geo::Crs& working, int epsg)
        : transform_(working, geo::Crs::from_epsg(epsg)),
          identity_(working.kind == geo::CrsKind::Epsg && working == transform_.target()),
          slots_(identity_ ? 0 : kSlots) {}

    geo::XY operator()(geo::XY p) {
        if (identity_) return p;
        const std::uint64_t x = std::bit_cast<std::uint64_t>(p.x), y = std::bit_cast<std::uint64_t>(p.y);
        Slot& slot = slots_[((x * 0x9E3779B97F4A7C15ull) ^ (y * 0xC2B2AE3D27D4EB4Full)) >> (64 - kSlotBits)];
        if (slot.used && slot.x == x && slot.y == y) return slot.out;
        geo::XY out = p;
        if (!transform_.transform(out.x, out.y)) {
            throw GeometryError("transform", "exporters: cannot transform (" + std::to_string(p.x) + ", " +
                                                 std::to_string(p.y) + ") to " + transform_.target().name());
        }
        slot = {x, y, out, true};
        return out;
    }

private:
    static constexpr int kSlotBits = 14;
    static constexpr std::size_t kSlots = std::size_t{1} << kSlotBits;
    struct Slot {
        std::uint64_t x = 0, y = 0;
        geo::XY out;
        bool used = false;
    };
    geo::CoordinateTransform transform_;
    bool identity_;
    std::vector<Slot> slots_;
};

// Little-endian writes into a piece of exactly the right size.
class WkbWriter {
public:
    explicit WkbWriter(std::uint8_t* at) : at_(at) {}
    void byte(std::uint8_t b) { *at_++ = b; }
    void u32(std::uint32_t v) { put(&v, 4); }
    void xy(geo::XY p) {
        put(&p.x, 8);
        put(&p.y, 8);
    }

private:
    void put(const void* v, std::size_t n) {
        std::memcpy(at_, v, n);
        at_ += n;
    }
    std::uint8_t* at_;
};

std::size_t multipolygon_wkb_size(std::span<const geo::PolygonRings> polygons) {
    std::size_t size = 9;
    for (const auto& polygon : polygons) {
        size += 9;
        for (const auto& ring : polygon) size += 4 + 16 * ring.size();
    }
    return size;
}

// The rings as ISO WKB MultiPolygon (what OGR's forceToMultiPolygon and exportToWkb made of them
// before), still in the working CRS: transform_in_place() converts them.
void write_multipolygon(WkbWriter out, std::span<const geo::PolygonRings> polygons) {
    out.byte(1);
    out.u32(6);  // MultiPolygon
    out.u32(static_cast<std::uint32_t>(polygons.size()));
    for (const auto& polygon : polygons) {
        out.byte(1);
        out.u32(3);  // Polygon
        out.u32(static_cast<std::uint32_t>(polygon.size()));
        for (const auto& ring : polygon) {
            out.u32(static_cast<std::uint32_t>(ring.size()));
            for (const geo::XY p : ring) out.xy(p);
        }
    }
}

std::uint32_t read_u32(std::uint8_t*& at) {
    std::uint32_t v = 0;
    std::memcpy(&v, at, 4);
    at += 4;
    return v;
}

// The coordinates of a MultiPolygon written by write_multipolygon() into the output CRS, in
// place; returns their envelope.
geo::Envelope transform_in_place(std::uint8_t* wkb, VertexTransform& transform) {
    geo::Envelope box;
    std::uint8_t* at = wkb + 5;
    const std::uint32_t polygons = read_u32(at);
    for (std::uint32_t p = 0; p < polygons; ++p) {
        at += 5;
        const std::uint32_t rings = read_u32(at);
        for (std::uint32_t r = 0; r < rings; ++r) {
            const std::uint32_t points = read_u32(at);
            for (std::uint32_t k = 0; k < points; ++k, at += 16) {
                geo::XY q;
                std::memcpy(&q.x, at, 8);
                std::memcpy(&q.y, at + 8, 8);
                q = transform(q);
                box.min_x = std::min(box.min_x, q.x);
                box.min_y = std::min(box.min_y, q.y);
                box.max_x = std::max(box.max_x, q.x);
                box.max_y = std::max(box.max_y, q.y);
                std::memcpy(at, &q.x, 8);
                std::memcpy(at + 8, &q.y, 8);
            }
        }
    }
    return box;
}

}  // namespace

std::uint64_t GridRecords::Blocks::append(std::size_t size) {
    constexpr std::size_t kBlock = std::size_t{4} << 20;
    if (blocks_.empty() || used_ + size > blocks_.back().size()) {
        blocks_.emplace_back(std::max(kBlock, size));
        used_ = 0;
    }
    const std::uint64_t at = (static_cast<std::uint64_t>(blocks_.size() - 1) << 32) | used_;
    used_ += size;
    return at;
}

GridRecords::GridRecords(const grids::GridRowSource& rows, std::size_t expected, const geo::Crs& working, int epsg) {
    records_.reserve(expected);
    // Read first (SQLite gives one row at a time), then transformed on every core, each thread
    // a run of consecutive grids with its own PROJ transformation and vertex cache.
    rows([&](const grids::GridRowView& g) {
        if (g.code.size() > 0xFFFF || g.name.size() > 0xFFFF || g.label.size() > 0xFFFF) {
            throw GeometryError("export", "exporters: grid " + std::string(g.code.substr(0, 64)) + " has a text over 64 KiB");
        }
        Record r;
        r.wkb_size = static_cast<std::uint32_t>(multipolygon_wkb_size(g.polygons));
        r.code_size = static_cast<std::uint16_t>(g.code.size());
        r.name_size = static_cast<std::uint16_t>(g.name.size());
        r.label_size = static_cast<std::uint16_t>(g.label.size());
        r.wkb = bytes_.append(r.wkb_size + g.code.size() + g.name.size() + g.label.size());
        write_multipolygon(WkbWriter(bytes_.data(r.wkb)), g.polygons);
        char* text = reinterpret_cast<char*>(bytes_.data(r.wkb) + r.wkb_size);
        std::memcpy(text, g.code.data(), g.code.size());
        std::memcpy(text + g.code.size(), g.name.data(), g.name.size());
        std::memcpy(text + g.code.size() + g.name.size(), g.label.data(), g.label.size());
        // The grids come village by village: the village and township are nearly always the last ones.
        if (units_.empty() || units_[last_village_] != g.village_code) last_village_ = unit(g.village_code);
        if (units_[last_township_] != g.township_code) last_township_ = unit(g.township_code);
        r.village = last_village_;
        r.township = last_township_;
        r.dedicated = g.dedicated;
        r.area_m2 = g.area_m2;
        r.weight = g.weight;
        records_.push_back(r);
    });
    envelopes_.resize(records_.size());
    const std::size_t runs = std::max<std::size_t>(1, std::min<std::size_t>(records_.size() / 4096, 4 * geo::default_threads()));
    geo::parallel_for(runs, 0, [&](std::size_t run) {
        VertexTransform transform(working, epsg);
        const std::size_t last = records_.size() * (run + 1) / runs;
        for (std::size_t i = records_.size() * run / runs; i < last; ++i) {
            envelopes_[i] = transform_in_place(bytes_.data(records_[i].wkb), transform);
        }
    });
}

std::vector<geo::Envelope> GridRecords::take_envelopes() { return std::exchange(envelopes_, {}); }

std::uint32_t GridRecords::unit(std::string_view code) {
    if (auto it = unit_index_.find(code); it != unit_index_.end()) return it->second;
    units_.emplace_back(code);
    unit_index_.emplace(std::string(code), static_cast<std::uint32_t>(units_.size() - 1));
    return static_cast<std::uint32_t>(units_.size() - 1);
}

GridRecords::Row GridRecords::row(std::size_t i) const {
    const Record& r = records_[i];
    const std::string_view text(reinterpret_cast<const char*>(bytes_.data(r.wkb) + r.wkb_size),
                                std::size_t{r.code_size} + r.name_size + r.label_size);
    return {text.substr(0, r.code_size),
            text.substr(r.code_size, r.name_size),
            units_[r.village],
            units_[r.township],
            text.substr(std::size_t{r.code_size} + r.name_size),
            r.area_m2,
            r.weight,
            r.dedicated};
}

OGRGeometryUniquePtr GridRecords::geometry(std::size_t i) const {
    const Record& r = records_[i];
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(bytes_.data(r.wkb), nullptr, &g, r.wkb_size) != OGRERR_NONE || !g) {
        throw GeometryError("import WKB", "exporters: OGR cannot read its own WKB");
    }
    return OGRGeometryUniquePtr(g);
}

}  // namespace respgrid::exporters::detail

#include "spatialite_blob.hpp"

#include <bit>
#include <cstring>
#include <stdexcept>

namespace respgrid::store::detail {

namespace {

class WkbReader {
public:
    explicit WkbReader(std::span<const std::uint8_t> wkb) : wkb_(wkb) {}
    std::uint32_t u32() {
        need(4);
        std::uint32_t v;
        std::memcpy(&v, wkb_.data() + at_, 4);  // little-endian host and data (checked by the caller)
        at_ += 4;
        return v;
    }
    std::uint8_t byte() {
        need(1);
        return wkb_[at_++];
    }
    std::span<const std::uint8_t> bytes(std::size_t n) {
        need(n);
        auto s = wkb_.subspan(at_, n);
        at_ += n;
        return s;
    }

private:
    void need(std::size_t n) const {
        if (at_ + n > wkb_.size()) throw std::invalid_argument("store: truncated WKB");
    }
    std::span<const std::uint8_t> wkb_;
    std::size_t at_ = 0;
};

template <typename T>
void put(std::vector<std::uint8_t>& out, T v) {
    std::uint8_t b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.insert(out.end(), b, b + sizeof(T));
}

void expect_header(WkbReader& r, std::uint32_t type) {
    if (r.byte() != 1) throw std::invalid_argument("store: only little-endian WKB is written directly");
    if (r.u32() != type) throw std::invalid_argument("store: unexpected WKB geometry type");
}

// One polygon's body: rings and points, copied as they are (both formats use little-endian doubles).
void copy_polygon(WkbReader& r, std::vector<std::uint8_t>& out) {
    std::uint32_t rings = r.u32();
    put<std::int32_t>(out, static_cast<std::int32_t>(rings));
    for (std::uint32_t k = 0; k < rings; ++k) {
        std::uint32_t points = r.u32();
        put<std::int32_t>(out, static_cast<std::int32_t>(points));
        auto coords = r.bytes(std::size_t{points} * 16);
        out.insert(out.end(), coords.begin(), coords.end());
    }
}

}  // namespace

std::vector<std::uint8_t> multipolygon_blob(std::span<const std::uint8_t> wkb, int srid, const geo::Envelope& box) {
    std::vector<std::uint8_t> out;
    write_multipolygon_blob(out, wkb, srid, box);
    return out;
}

void write_multipolygon_blob(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> wkb, int srid,
                             const geo::Envelope& box) {
    static_assert(sizeof(double) == 8);
    out.clear();
    out.reserve(wkb.size() + 64);
    out.push_back(0x00);
    out.push_back(0x01);
    put<std::int32_t>(out, srid);
    put<double>(out, box.min_x);
    put<double>(out, box.min_y);
    put<double>(out, box.max_x);
    put<double>(out, box.max_y);
    out.push_back(0x7C);
    put<std::int32_t>(out, 6);  // MULTIPOLYGON
    WkbReader r(wkb);
    if (wkb.size() < 5 || wkb[0] != 1) throw std::invalid_argument("store: only little-endian WKB is written directly");
    std::uint32_t type;
    std::memcpy(&type, wkb.data() + 1, 4);
    if (type == 3) {
        expect_header(r, 3);
        put<std::int32_t>(out, 1);
        out.push_back(0x69);
        put<std::int32_t>(out, 3);
        copy_polygon(r, out);
    } else if (type == 6) {
        expect_header(r, 6);
        std::uint32_t n = r.u32();
        put<std::int32_t>(out, static_cast<std::int32_t>(n));
        for (std::uint32_t i = 0; i < n; ++i) {
            expect_header(r, 3);
            out.push_back(0x69);
            put<std::int32_t>(out, 3);
            copy_polygon(r, out);
        }
    } else {
        throw std::invalid_argument("store: WKB is not a Polygon or MultiPolygon");
    }
    out.push_back(0xFE);
}

}  // namespace respgrid::store::detail

namespace respgrid::store::detail {

namespace {

// Bounds-checked little-endian reads from a BLOB.
class BlobReader {
public:
    explicit BlobReader(std::span<const std::uint8_t> blob) : blob_(blob) {}
    bool byte(std::uint8_t& v) { return take(&v, 1); }
    bool int32(std::int32_t& v) { return take(&v, 4); }
    bool real(double& v) { return take(&v, 8); }

private:
    bool take(void* out, std::size_t n) {
        if (pos_ + n > blob_.size()) return false;
        std::memcpy(out, blob_.data() + pos_, n);
        pos_ += n;
        return true;
    }
    std::span<const std::uint8_t> blob_;
    std::size_t pos_ = 0;
};

bool read_polygon_body(BlobReader& in, geo::PolygonRings& rings) {
    std::int32_t ring_count = 0;
    if (!in.int32(ring_count) || ring_count < 0) return false;
    rings.resize(static_cast<std::size_t>(ring_count));
    for (auto& ring : rings) {
        std::int32_t n = 0;
        if (!in.int32(n) || n < 0) return false;
        ring.resize(static_cast<std::size_t>(n));
        for (auto& p : ring) {
            if (!in.real(p.x) || !in.real(p.y)) return false;
        }
    }
    return true;
}

}  // namespace

bool read_polygons_blob(std::span<const std::uint8_t> blob, std::vector<geo::PolygonRings>& out) {
    static_assert(std::endian::native == std::endian::little, "SpatiaLite BLOBs are read as little-endian");
    BlobReader in(blob);
    std::uint8_t start = 0, endian = 0, mbr_end = 0;
    std::int32_t srid = 0, kind = 0;
    double mbr[4];
    if (!in.byte(start) || start != 0x00 || !in.byte(endian) || endian != 0x01 || !in.int32(srid)) return false;
    for (double& v : mbr) {
        if (!in.real(v)) return false;
    }
    if (!in.byte(mbr_end) || mbr_end != 0x7C || !in.int32(kind)) return false;
    if (kind == 3) {
        out.resize(1);
        return read_polygon_body(in, out.front());
    }
    if (kind != 6) return false;
    std::int32_t count = 0;
    if (!in.int32(count) || count < 0) return false;
    out.resize(static_cast<std::size_t>(count));
    for (auto& polygon : out) {
        std::uint8_t entity = 0;
        std::int32_t polygon_kind = 0;
        if (!in.byte(entity) || entity != 0x69 || !in.int32(polygon_kind) || polygon_kind != 3) return false;
        if (!read_polygon_body(in, polygon)) return false;
    }
    return true;
}

}  // namespace respgrid::store::detail

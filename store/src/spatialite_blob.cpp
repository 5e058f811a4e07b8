#include "spatialite_blob.hpp"

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

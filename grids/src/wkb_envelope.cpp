#include "respgrid/grids/wkb_envelope.hpp"

#include <cstring>
#include <optional>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {

namespace {

// A cursor over WKB bytes; every read fails (nullopt) past the end.
class WkbCursor {
public:
    explicit WkbCursor(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    std::optional<std::uint32_t> header(std::uint32_t expected_type) {
        if (at_ + 5 > bytes_.size() || bytes_[at_] > 1) return std::nullopt;
        little_ = bytes_[at_++] == 1;
        auto type = u32();
        if (!type || *type != expected_type) return std::nullopt;
        return type;
    }
    std::optional<std::uint32_t> u32() {
        if (at_ + 4 > bytes_.size()) return std::nullopt;
        std::uint8_t b[4];
        std::memcpy(b, bytes_.data() + at_, 4);
        at_ += 4;
        return little_ ? std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24
                       : std::uint32_t(b[3]) | std::uint32_t(b[2]) << 8 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[0]) << 24;
    }
    std::optional<double> f64() {
        if (at_ + 8 > bytes_.size()) return std::nullopt;
        std::uint8_t b[8];
        std::memcpy(b, bytes_.data() + at_, 8);
        at_ += 8;
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= std::uint64_t(b[little_ ? i : 7 - i]) << (8 * i);
        double d;
        std::memcpy(&d, &v, sizeof d);
        return d;
    }
    [[nodiscard]] bool at_end() const { return at_ == bytes_.size(); }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t at_ = 0;
    bool little_ = true;
};

// Adds a polygon's shell to `box` (its holes lie inside it); false on anything unexpected.
bool add_polygon(WkbCursor& in, geo::Envelope& box) {
    if (!in.header(3)) return false;
    auto rings = in.u32();
    if (!rings) return false;
    for (std::uint32_t r = 0; r < *rings; ++r) {
        auto points = in.u32();
        if (!points) return false;
        for (std::uint32_t p = 0; p < *points; ++p) {
            auto x = in.f64();
            auto y = in.f64();
            if (!x || !y) return false;
            if (r == 0) box.expand(geo::XY{*x, *y});
        }
    }
    return true;
}

std::optional<geo::Envelope> read_envelope(std::span<const std::uint8_t> wkb) {
    geo::Envelope box;
    if (wkb.size() < 5) return std::nullopt;
    WkbCursor peek(wkb);
    if (peek.header(3)) {
        WkbCursor in(wkb);
        if (!add_polygon(in, box) || !in.at_end()) return std::nullopt;
        return box;
    }
    WkbCursor in(wkb);
    if (!in.header(6)) return std::nullopt;
    auto parts = in.u32();
    if (!parts) return std::nullopt;
    for (std::uint32_t k = 0; k < *parts; ++k) {
        if (!add_polygon(in, box)) return std::nullopt;
    }
    if (!in.at_end()) return std::nullopt;
    return box;
}

}  // namespace

geo::Envelope wkb_envelope(std::span<const std::uint8_t> wkb) {
    if (auto box = read_envelope(wkb)) return *box;
    return geo::Geometry::from_wkb(wkb).envelope();
}

}  // namespace respgrid::grids

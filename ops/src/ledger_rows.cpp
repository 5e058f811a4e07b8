#include "ledger_rows.hpp"

#include <cstdint>
#include <cstdio>

namespace respgrid::ops::detail {

namespace {

// FNV-1a over the values with a separator no cell holds, twice with different bases: 128 bits,
// so two different rows of one county's ledger never share a key in practice.
std::uint64_t fnv1a(const std::vector<std::string>& values, std::uint64_t hash) {
    constexpr std::uint64_t kPrime = 1099511628211ULL;
    for (const auto& v : values) {
        for (unsigned char ch : v) {
            hash ^= ch;
            hash *= kPrime;
        }
        hash ^= 0x1f;  // unit separator
        hash *= kPrime;
    }
    return hash;
}

std::string hex(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

}  // namespace

std::string content_key(const std::vector<std::string>& values) {
    return "content:" + hex(fnv1a(values, 14695981039346656037ULL)) + hex(fnv1a(values, 0x6a09e667f3bcc908ULL));
}

std::vector<std::string> split_photo_refs(const std::string& cell) {
    std::vector<std::string> out;
    std::string piece;
    auto flush = [&] {
        auto t = importers::trim(piece);
        if (!t.empty()) out.push_back(std::move(t));
        piece.clear();
    };
    for (std::size_t i = 0; i < cell.size(); ++i) {
        const char ch = cell[i];
        if (ch == ';' || ch == ',' || ch == '|' || ch == '\n' || ch == '\r') {
            flush();
        } else if (cell.compare(i, 3, "；") == 0 || cell.compare(i, 3, "，") == 0) {
            flush();
            i += 2;
        } else {
            piece += ch;
        }
    }
    flush();
    return out;
}

std::optional<grids::Instant> ledger_time(std::string_view text, grids::UtcOffset zone, std::string& why) {
    auto parsed = grids::parse_time(text);
    if (!parsed.value) {
        why = parsed.error;
        return std::nullopt;
    }
    if (!parsed.value->second_of_day) return grids::Instant::start_of_day(parsed.value->date, zone);
    return parsed.value->instant(zone);
}

LedgerRowReader::LedgerRowReader(const importers::PointTable& table, grids::UtcOffset zone, grids::Instant default_dispatch)
    : table_(table), zone_(zone), default_dispatch_(default_dispatch) {
    id_ = table.id_field ? table.id_field : find({"id", "编号", "问题编号", "report_id", "上报编号"});
    source_ = find({"source", "来源", "问题来源"});
    reported_ = find({"reported_at", "found_at", "上报时间", "发现时间"});
    dispatched_ = find({"dispatched_at", "派遣时间", "派单时间"});
    location_ = find({"location", "location_text", "地点", "地点描述", "问题地址", "地址"});
    category_ = find({"category", "category_code", "问题类别", "类别"});
    description_ = find({"description", "问题描述", "描述"});
    reporter_ = find({"reporter", "上报人", "发现人"});
    photos_ = find({"photos", "photo", "照片", "图片"});
}

std::optional<std::size_t> LedgerRowReader::find(std::initializer_list<std::string_view> names) const {
    return importers::Table{table_.path, table_.layer, table_.fields}.find(names);
}

std::vector<LedgerRow> LedgerRowReader::read_all(std::vector<Reject>& rejects) const {
    std::vector<LedgerRow> rows;
    rows.reserve(table_.rows.size());
    for (const auto& pr : table_.rows) {
        auto value = [&pr](const std::optional<std::size_t>& i) { return i ? importers::trim(pr.values[*i]) : std::string(); };
        LedgerRow r;
        r.file = table_.path;
        r.layer = table_.layer;
        r.record_label = table_.record_label;
        r.line = pr.line;
        auto refuse = [&](const std::optional<std::size_t>& field, const std::string& why) {
            rejects.push_back({r.where(field ? table_.fields[*field] : std::string()), why});
        };
        r.source_id = value(id_);
        r.source_key = r.source_id.empty() ? content_key(pr.values) : "id:" + r.source_id;
        if (auto text = value(source_); !text.empty()) {
            auto source = grids::parse_case_source(text);
            if (!source) {
                refuse(source_, "source '" + text + "' is not one of inspection, public, hotline, supervision, "
                                "unannounced (人工巡查, 群众上报, 12345热线, 督查组, 第三方暗访)");
                continue;
            }
            r.source = *source;
        }
        r.dispatched_at = default_dispatch_;
        if (auto text = value(dispatched_); !text.empty()) {
            std::string why;
            auto t = ledger_time(text, zone_, why);
            if (!t) {
                refuse(dispatched_, "dispatched_at '" + text + "' is not a date or time: " + why);
                continue;
            }
            r.dispatched_at = *t;
        }
        r.reported_at = r.dispatched_at;
        if (auto text = value(reported_); !text.empty()) {
            std::string why;
            auto t = ledger_time(text, zone_, why);
            if (!t) {
                refuse(reported_, "reported_at '" + text + "' is not a date or time: " + why);
                continue;
            }
            r.reported_at = *t;
        }
        if (r.dispatched_at < r.reported_at) {
            // An import without dispatch times dispatches now; a report from the future is a typo.
            refuse(dispatched_ ? dispatched_ : reported_,
                   "dispatched at " + r.dispatched_at.to_text(zone_) + ", before it was reported (" +
                       r.reported_at.to_text(zone_) + ")");
            continue;
        }
        r.location_text = value(location_);
        r.category_text = value(category_);
        r.description = value(description_);
        r.reporter = value(reporter_);
        r.photos = split_photo_refs(value(photos_));
        r.lon = pr.x;
        r.lat = pr.y;
        r.crs = pr.crs;
        r.position = pr.position;
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace respgrid::ops::detail

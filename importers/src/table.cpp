#include "respgrid/importers/table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>

#include <cpl_conv.h>

#include "ogr_input.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/importers/csv_records.hpp"

namespace respgrid::importers {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool is_spreadsheet(const std::string& path) {
    std::string ext = lower(std::filesystem::path(path).extension().string());
    return ext == ".xlsx" || ext == ".ods";
}

Table read_csv_table(const std::string& path) {
    CsvFile file(path);
    Table table{path, {}, file.fields()};
    table.encoding = file.encoding();
    table.record_label = "line";
    const std::size_t nf = table.fields.size();
    CsvRecordParser parser;
    CsvBlock block;
    std::string values, reason;
    std::vector<std::uint32_t> ends;
    while (file.read_block(block)) {
        for (const auto& record : block.records) {
            values.clear();
            ends.clear();
            const CsvRecordKind kind = parser.parse(block, record, nf, values, ends, reason);
            if (kind == CsvRecordKind::Blank) continue;
            if (kind == CsvRecordKind::Rejected) {
                table.rejects.push_back({SourceLocation{path, {}, record.line, {}, "line"}, reason,
                                         std::string(block.text_of(record))});
                continue;
            }
            TableRow row;
            row.line = record.line;
            row.values.reserve(nf);
            for (std::size_t i = 0; i < nf; ++i) {
                std::size_t begin = i == 0 ? 0 : ends[i - 1];
                row.values.push_back(trim(std::string_view(values).substr(begin, ends[i] - begin)));
            }
            table.rows.push_back(std::move(row));
        }
    }
    return table;
}

// The point of a point layer's feature (a MultiPoint of one point counts), or why there is none.
void read_point(const OGRGeometry* g, TableRow& row) {
    if (g && wkbFlatten(g->getGeometryType()) == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
        g = g->toMultiPoint()->getGeometryRef(0);
    }
    if (!g || g->IsEmpty()) {
        row.no_point = "the feature has no point (empty geometry)";
    } else if (wkbFlatten(g->getGeometryType()) != wkbPoint) {
        row.no_point = std::string("geometry is a ") + OGRGeometryTypeToName(wkbFlatten(g->getGeometryType())) +
                       ", not a point";
    } else {
        row.point = geo::XY{g->toPoint()->getX(), g->toPoint()->getY()};
    }
}

}  // namespace

std::string_view trimmed(std::string_view text) {
    auto is_space = [](std::string_view s, std::size_t at) -> std::size_t {
        unsigned char c = static_cast<unsigned char>(s[at]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
        if (c == 0xC2 && at + 1 < s.size() && static_cast<unsigned char>(s[at + 1]) == 0xA0) return 2;
        return 0;
    };
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t n = is_space(text, begin);
        if (!n) break;
        begin += n;
    }
    std::size_t end = text.size();
    while (end > begin) {
        unsigned char c = static_cast<unsigned char>(text[end - 1]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            --end;
        } else if (c == 0xA0 && end - 1 > begin && static_cast<unsigned char>(text[end - 2]) == 0xC2) {
            end -= 2;
        } else {
            break;
        }
    }
    return text.substr(begin, end - begin);
}

std::string trim(std::string_view text) { return std::string(trimmed(text)); }

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string t = trim(current);
        if (!t.empty()) out.push_back(t);
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ';' || c == ',' || c == ' ' || c == '|') {
            flush();
        } else if (text.compare(i, 3, "；") == 0 || text.compare(i, 3, "，") == 0 || text.compare(i, 3, "、") == 0) {
            flush();
            i += 2;
        } else {
            current += c;
        }
    }
    flush();
    return out;
}

std::optional<double> parse_number(std::string_view text) {
    std::string t = trim(text);
    if (!t.empty() && t.front() == '+') t.erase(0, 1);  // from_chars takes no leading '+'
    if (t.empty() || t.front() == '+') return std::nullopt;
    double value = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<std::size_t> Table::find(std::initializer_list<std::string_view> names) const {
    for (auto name : names) {
        std::string wanted = lower(name);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (lower(trim(fields[i])) == wanted) return i;
        }
    }
    return std::nullopt;
}

std::size_t Table::require(std::initializer_list<std::string_view> names) const {
    if (auto i = find(names)) return *i;
    std::string present;
    for (const auto& f : fields) present += (present.empty() ? "" : ", ") + f;
    throw InputError(SourceLocation{path, layer, {}, std::string(*names.begin())},
                     "importers: required column is missing; columns present: " + present);
}

SourceLocation Table::where(const TableRow& row, std::size_t field) const {
    return SourceLocation{path, layer, row.line, field < fields.size() ? fields[field] : std::string(), record_label};
}

SourceLocation Table::where(const TableRow& row) const {
    return SourceLocation{path, layer, row.line, {}, record_label};
}

Table read_table(const std::string& path, const std::string& layer_name) {
    if (is_csv_path(path)) return read_csv_table(path);
    // Every cell as text, the first row as header (GDAL 3.6's XLSX and ODS drivers take these
    // only as configuration options).
    CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", "FORCE", false);
    CPLConfigOptionSetter xlsx_types("OGR_XLSX_FIELD_TYPES", "STRING", false);
    CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", "FORCE", false);
    CPLConfigOptionSetter ods_types("OGR_ODS_FIELD_TYPES", "STRING", false);
    // The XLSX/ODS drivers number a sheet's rows as the sheet does (header = row 1) in the FID.
    detail::TextLayer in(path, layer_name, is_spreadsheet(path) ? "row" : "feature");
    Table table{path, in.name(), in.field_names()};
    table.encoding = in.encoding();
    table.record_label = in.record_label();
    table.point_layer = in.layer().GetGeomType() != wkbNone;
    if (table.point_layer) table.crs = geo::crs_of_layer(in.layer());
    const int nf = static_cast<int>(table.fields.size());
    in.for_each([&](OGRFeature& feature) {
        TableRow row;
        row.line = feature.GetFID();
        row.values.reserve(table.fields.size());
        for (int i = 0; i < nf; ++i) row.values.push_back(in.text(feature, i));
        if (table.point_layer) {
            read_point(feature.GetGeometryRef(), row);
        } else if (std::all_of(row.values.begin(), row.values.end(), [](const std::string& v) { return v.empty(); })) {
            return;  // blank spreadsheet rows come through as empty values; they are not records
        }
        table.rows.push_back(std::move(row));
    });
    return table;
}

}  // namespace respgrid::importers

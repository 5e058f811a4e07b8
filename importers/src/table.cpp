#include "respgrid/importers/table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>

#include <cpl_conv.h>

#include "respgrid/geo/gdal.hpp"

namespace respgrid::importers {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

enum class Kind { Csv, Spreadsheet, Other };

Kind kind_of(const std::string& path) {
    std::string ext = lower(std::filesystem::path(path).extension().string());
    if (ext == ".csv" || ext == ".txt") return Kind::Csv;
    if (ext == ".xlsx" || ext == ".ods") return Kind::Spreadsheet;
    return Kind::Other;
}

// Open options that make the CSV driver read every cell as text with the first row as header.
// (GDAL 3.6's XLSX and ODS drivers take the same settings only as configuration options.)
std::vector<std::string> open_options_for(Kind kind) {
    if (kind == Kind::Csv) return {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO"};
    return {};
}

// The row a user sees in a spreadsheet (header = row 1): the CSV driver numbers data records
// from 1; the XLSX/ODS drivers number rows as the sheet does.
long long row_of(Kind kind, GIntBig fid) { return kind == Kind::Csv ? fid + 1 : fid; }

}  // namespace

std::string trim(std::string_view text) {
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
    return std::string(text.substr(begin, end - begin));
}

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
    return SourceLocation{path, layer, row.line, field < fields.size() ? fields[field] : std::string(), "row"};
}

SourceLocation Table::where(const TableRow& row) const { return SourceLocation{path, layer, row.line, {}, "row"}; }

Table read_table(const std::string& path, const std::string& layer_name) {
    const Kind kind = kind_of(path);
    CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", "FORCE", false);
    CPLConfigOptionSetter xlsx_types("OGR_XLSX_FIELD_TYPES", "STRING", false);
    CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", "FORCE", false);
    CPLConfigOptionSetter ods_types("OGR_ODS_FIELD_TYPES", "STRING", false);
    // GDAL recognises a CSV by its .csv extension; other text names need the CSV: prefix.
    bool csv_by_name = lower(std::filesystem::path(path).extension().string()) == ".csv";
    auto ds = geo::open_vector(kind == Kind::Csv && !csv_by_name ? "CSV:" + path : path, open_options_for(kind));
    OGRLayer& layer = geo::layer_of(*ds, path, layer_name);
    Table table;
    table.path = path;
    table.layer = layer.GetName();
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) table.fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    layer.ResetReading();
    for (auto& feature : layer) {
        TableRow row;
        row.line = row_of(kind, feature->GetFID());
        row.values.reserve(table.fields.size());
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            row.values.push_back(feature->IsFieldSetAndNotNull(i) ? trim(feature->GetFieldAsString(i)) : std::string());
        }
        // Blank spreadsheet rows come through as empty values; they are not records.
        if (std::all_of(row.values.begin(), row.values.end(), [](const std::string& v) { return v.empty(); })) continue;
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace respgrid::importers

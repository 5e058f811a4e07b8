#include "respgrid/exporters/csv.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <tuple>

#include "layer_fields.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/exporters/table_sink.hpp"

namespace respgrid::exporters {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?, nothing else: what Excel reads as
// a number.
bool is_decimal_number(std::string_view v) {
    std::size_t i = 0;
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    std::size_t digits = 0;
    while (i < v.size() && is_digit(v[i])) ++i, ++digits;
    if (i < v.size() && v[i] == '.') {
        ++i;
        while (i < v.size() && is_digit(v[i])) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
        std::size_t exponent = 0;
        while (i < v.size() && is_digit(v[i])) ++i, ++exponent;
        if (exponent == 0) return false;
    }
    return i == v.size();
}

// What starts a formula in Excel, LibreOffice and WPS (OWASP's list, and a line feed).
bool starts_formula(std::string_view v) {
    if (v.empty()) return false;
    switch (v.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
        case '\n': return true;
        default: return false;
    }
}

// Whether CSV must quote `value`. A plain loop: string_view::find_first_of with a set of four
// calls memchr on the set for every character, which was a tenth of a batch locate's time.
bool needs_quotes(std::string_view value) {
    for (char c : value) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
}

}  // namespace

std::string csv_text(std::string_view value) {
    if (!starts_formula(value) || is_decimal_number(value)) return std::string(value);
    return "'" + std::string(value);
}

void append_csv_field(std::string& out, std::string_view value) {
    const bool guard = starts_formula(value) && !is_decimal_number(value);
    if (!needs_quotes(value)) {
        if (guard) out.push_back('\'');
        out.append(value);
        return;
    }
    out.push_back('"');
    if (guard) out.push_back('\'');
    for (char c : value) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void append_csv_record(std::string& out, std::string_view text, std::uint32_t begin, const std::uint32_t* ends,
                       std::size_t width) {
    if (width == 0) {
        out.push_back('\n');
        return;
    }
    const std::string_view record = text.substr(begin, ends[width - 1] - begin);
    // A character to quote anywhere is one in some cell; a formula start is checked per cell.
    bool plain = !needs_quotes(record);
    for (std::size_t c = 0; c < width && plain; ++c) {
        const std::uint32_t from = c == 0 ? begin : ends[c - 1];
        plain = from == ends[c] || !starts_formula(text.substr(from, 1));
    }
    if (!plain) {
        for (std::size_t c = 0; c < width; ++c) {
            const std::uint32_t from = c == 0 ? begin : ends[c - 1];
            if (c) out.push_back(',');
            append_csv_field(out, text.substr(from, ends[c] - from));
        }
        out.push_back('\n');
        return;
    }
    const std::size_t at = out.size();
    out.resize(at + record.size() + width);  // the cells, width - 1 commas and the line feed
    char* o = out.data() + at;
    const char* in = record.data();
    for (std::size_t c = 0; c < width; ++c) {
        const std::uint32_t from = c == 0 ? begin : ends[c - 1];
        if (c) *o++ = ',';
        std::memcpy(o, in, ends[c] - from);
        o += ends[c] - from;
        in += ends[c] - from;
    }
    *o = '\n';
}

void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
    // One CSV writer for every table (table_sink.hpp): the same BOM, quoting and formula guard.
    std::vector<TableColumn> columns;
    for (const auto& name : header) columns.push_back({name});
    auto sink = csv_file_sink(path, std::move(columns));
    TableRows table(header.size());
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (i < row.size()) {
                table.add(row[i]);
            } else {
                table.add_empty();
            }
        }
    }
    sink->write(table);
    sink->commit();
}

long long write_layer_csv(OGRLayer& layer, const std::string& path, const std::vector<std::string>& options,
                          Headers headers) {
    geo::GdalMessageCapture capture;
    auto ds = geo::create_vector(path, "CSV");
    std::vector<const char*> layer_options;
    for (const auto& o : options) layer_options.push_back(o.c_str());
    layer_options.push_back(nullptr);
    OGRLayer* out = ds->CreateLayer(layer.GetName(), layer.GetSpatialRef(), layer.GetGeomType(),
                                    const_cast<char**>(layer_options.data()));
    if (!out) throw OutputError(path, "exporters: cannot create the CSV layer: " + capture.last_error());
    OGRFeatureDefn* from = layer.GetLayerDefn();
    std::vector<std::pair<int, int>> text_fields;  // source index, CSV index
    std::vector<int> to_csv;                        // the CSV index of each source field
    for (int i = 0; i < from->GetFieldCount(); ++i) {
        OGRFieldDefn field(from->GetFieldDefn(i));
        const std::string_view title = headers == Headers::Zh ? detail::field_title(layer.GetName(), field.GetNameRef())
                                                              : std::string_view();
        if (!title.empty()) field.SetName(std::string(title).c_str());
        if (out->CreateField(&field) != OGRERR_NONE) {
            throw OutputError(path, std::string("exporters: cannot create column '") + field.GetNameRef() +
                                        "': " + capture.last_error());
        }
        to_csv.push_back(out->GetLayerDefn()->GetFieldCount() - 1);
        if (field.GetType() == OFTString) text_fields.emplace_back(i, to_csv.back());
    }
    long long rows = 0;
    layer.ResetReading();
    for (auto& f : layer) {
        OGRFeatureUniquePtr row(OGRFeature::CreateFeature(out->GetLayerDefn()));
        row->SetFrom(f.get(), to_csv.data(), TRUE);
        for (auto [i, to] : text_fields) {
            if (to >= 0 && f->IsFieldSetAndNotNull(i)) row->SetField(to, csv_text(f->GetFieldAsString(i)).c_str());
        }
        if (out->CreateFeature(row.get()) != OGRERR_NONE) {
            throw OutputError(path,
                              "exporters: cannot write row " + std::to_string(rows + 1) + ": " + capture.last_error());
        }
        ++rows;
    }
    ds.reset();  // GDAL 3.6 reports write failures only through its error handler on close
    if (!capture.last_error().empty()) throw OutputError(path, "exporters: " + capture.last_error());
    return rows;
}

namespace rejects_csv {

namespace {
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kColumns = "file,layer,record,field,reason";
}  // namespace

std::string header(bool with_text) {
    std::string out(kBom);
    out.append(kColumns);
    if (with_text) out.append(",text");
    out.push_back('\n');
    return out;
}

void append(std::string& out, const Reject& r, bool with_text) {
    append_csv_field(out, r.where.file);
    out.push_back(',');
    append_csv_field(out, r.where.layer);
    out.push_back(',');
    if (r.where.record) out.append(std::to_string(*r.where.record));
    out.push_back(',');
    append_csv_field(out, r.where.field);
    out.push_back(',');
    append_csv_field(out, r.reason);
    if (with_text) {
        out.push_back(',');
        append_csv_field(out, r.text);
    }
    out.push_back('\n');
}

bool is_rejects_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!std::getline(in, line)) return false;
    if (line.rfind(kBom, 0) == 0) line.erase(0, kBom.size());
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line == kColumns || line == std::string(kColumns) + ",text";
}

bool has_text(const std::vector<Reject>& rejects) {
    return std::any_of(rejects.begin(), rejects.end(), [](const Reject& r) { return !r.text.empty(); });
}

std::vector<Reject> in_file_order(std::vector<Reject> rejects) {
    std::stable_sort(rejects.begin(), rejects.end(), [](const Reject& a, const Reject& b) {
        return std::tie(a.where.file, a.where.record) < std::tie(b.where.file, b.where.record);
    });
    return rejects;
}

}  // namespace rejects_csv

}  // namespace respgrid::exporters

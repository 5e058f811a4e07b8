#include "respgrid/exporters/csv.hpp"

#include <algorithm>
#include <fstream>
#include <tuple>

#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/output_files.hpp"

namespace respgrid::exporters {

void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
    // GDAL's CSV driver writes a folder unless the name ends in .csv: stage as .csv, then rename.
    geo::StagedFile staged(path, ".csv");
    auto ds = staged.create("CSV");
    geo::GdalMessageCapture capture;
    // Quote only where CSV needs it: numbers-as-text such as codes stay readable.
    const char* options[] = {"WRITE_BOM=YES", "LINEFORMAT=LF", "STRING_QUOTING=IF_NEEDED", nullptr};
    OGRLayer* layer = ds->CreateLayer("rows", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw OutputError(path, "exporters: cannot create the CSV layer: " + capture.last_error());
    for (const auto& name : header) {
        OGRFieldDefn field(name.c_str(), OFTString);
        if (layer->CreateField(&field) != OGRERR_NONE) {
            throw OutputError(path, "exporters: cannot create column '" + name + "': " + capture.last_error());
        }
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        for (std::size_t i = 0; i < header.size() && i < rows[r].size(); ++i) {
            feature->SetField(static_cast<int>(i), rows[r][i].c_str());
        }
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE) {
            throw OutputError(path, "exporters: cannot write row " + std::to_string(r + 1) + ": " + capture.last_error());
        }
    }
    ds.reset();  // GDAL 3.6 reports write failures only through its error handler on close
    if (!capture.last_error().empty()) throw OutputError(path, "exporters: " + capture.last_error());
    staged.commit();
}

void append_csv_field(std::string& out, std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(value);
        return;
    }
    out.push_back('"');
    for (char c : value) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
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

}  // namespace rejects_csv

void write_rejects(const std::string& path, const std::vector<Reject>& rejects) {
    std::vector<const Reject*> ordered;
    for (const auto& r : rejects) ordered.push_back(&r);
    std::stable_sort(ordered.begin(), ordered.end(), [](const Reject* a, const Reject* b) {
        return std::tie(a->where.file, a->where.record) < std::tie(b->where.file, b->where.record);
    });
    // The record's own text, when the reader kept it, so a technician can fix and resubmit it.
    const bool with_text = std::any_of(rejects.begin(), rejects.end(), [](const Reject& r) { return !r.text.empty(); });
    geo::StagedTextFile file(path);
    std::string text = rejects_csv::header(with_text);
    for (const Reject* r : ordered) rejects_csv::append(text, *r, with_text);
    file.write(text);
    file.commit();
}

}  // namespace respgrid::exporters

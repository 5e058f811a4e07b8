#include "respgrid/exporters/csv.hpp"

#include <algorithm>
#include <tuple>

#include "respgrid/geo/gdal.hpp"

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

void write_rejects(const std::string& path, const std::vector<Reject>& rejects) {
    std::vector<const Reject*> ordered;
    for (const auto& r : rejects) ordered.push_back(&r);
    std::stable_sort(ordered.begin(), ordered.end(), [](const Reject* a, const Reject* b) {
        return std::tie(a->where.file, a->where.record) < std::tie(b->where.file, b->where.record);
    });
    // The record's own text, when the reader kept it, so a technician can fix and resubmit it.
    const bool with_text = std::any_of(rejects.begin(), rejects.end(), [](const Reject& r) { return !r.text.empty(); });
    std::vector<std::vector<std::string>> rows;
    rows.reserve(rejects.size());
    for (const Reject* p : ordered) {
        const Reject& r = *p;
        rows.push_back({r.where.file, r.where.layer, r.where.record ? std::to_string(*r.where.record) : std::string(),
                        r.where.field, r.reason});
        if (with_text) rows.back().push_back(r.text);
    }
    std::vector<std::string> header = {"file", "layer", "record", "field", "reason"};
    if (with_text) header.push_back("text");
    write_csv(path, header, rows);
}

}  // namespace respgrid::exporters

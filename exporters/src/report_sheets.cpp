// The daily report as spreadsheets (exporters/ledger_report.hpp): a folder of CSV files, one per
// table, and one XLSX workbook, one sheet per table, both with every column of report_tables.
#include <charconv>
#include <filesystem>

#include "report_tables.hpp"
#include "respgrid/exporters/ledger_report.hpp"
#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/geo/enum_names.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters {

namespace {

constexpr geo::EnumNames<ReportFormat, 4> kReportFormatNames{{{{ReportFormat::Markdown, "markdown"},
                                                               {ReportFormat::Csv, "csv"},
                                                               {ReportFormat::Xlsx, "xlsx"},
                                                               {ReportFormat::Html, "html"}}}};

// "02_乡镇排名.csv": numbered so a file manager lists them in the report's order.
std::string csv_file_name(std::size_t index, const std::string& table) {
    const std::string n = std::to_string(index + 1);
    return (n.size() < 2 ? "0" + n : n) + "_" + table + ".csv";
}

OGRFieldType field_type(report::CellKind kind) {
    switch (kind) {
        case report::CellKind::Integer: return OFTInteger;
        case report::CellKind::Real: return OFTReal;
        case report::CellKind::Text: return OFTString;
    }
    return OFTString;
}

// A number cell's value; the tables write numbers themselves, so text that is not one is a bug.
template <typename Number>
Number number_of(std::string_view text, const std::string& path) {
    Number v{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw OutputError(path, "exporters: the report's number cell '" + std::string(text) + "' is not a number");
    }
    return v;
}

void write_sheet(GDALDataset& ds, const report::Table& t, const std::string& path,
                 const geo::GdalMessageCapture& capture) {
    OGRLayer* layer = ds.CreateLayer(t.name.c_str(), nullptr, wkbNone, nullptr);
    if (!layer) throw OutputError(path, "exporters: cannot create sheet " + t.name + ": " + capture.last_error());
    for (const report::Column& c : t.columns) {
        OGRFieldDefn field(c.title.c_str(), field_type(c.kind));
        if (layer->CreateField(&field) != OGRERR_NONE) {
            throw OutputError(path, "exporters: cannot create column " + c.title + " of sheet " + t.name + ": " +
                                        capture.last_error());
        }
    }
    for (std::size_t r = 0; r < t.rows.rows(); ++r) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const std::string_view v = t.rows.cell(r, c);
            if (v.empty()) continue;  // an empty cell: no value
            const int i = static_cast<int>(c);
            switch (t.columns[c].kind) {
                case report::CellKind::Integer: feature->SetField(i, number_of<int>(v, path)); break;
                case report::CellKind::Real: feature->SetField(i, number_of<double>(v, path)); break;
                case report::CellKind::Text: feature->SetField(i, std::string(v).c_str()); break;
            }
        }
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE) {
            throw OutputError(path, "exporters: cannot write row " + std::to_string(r + 1) + " of sheet " + t.name +
                                        ": " + capture.last_error());
        }
    }
}

}  // namespace

std::string_view to_string(ReportFormat format) { return kReportFormatNames.name(format); }

std::optional<ReportFormat> parse_report_format(std::string_view text) {
    if (text == "md") return ReportFormat::Markdown;
    return kReportFormatNames.parse(text);
}

geo::OutputKind report_output_kind(ReportFormat format) {
    return format == ReportFormat::Csv ? geo::OutputKind::Folder : geo::OutputKind::File;
}

void write_report_csv(const grids::DailyReport& report, const std::string& folder, const geo::OutputRules& rules) {
    geo::check_output(folder, geo::OutputKind::Folder, rules);
    const auto tables = report::report_tables(report);
    geo::StagedFolder staged(folder);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const report::Table& t = tables[i];
        std::vector<TableColumn> columns;
        for (const report::Column& c : t.columns) columns.push_back({c.title, c.kind != report::CellKind::Text});
        const std::string path = (std::filesystem::path(staged.temporary()) / csv_file_name(i, t.name)).string();
        auto sink = csv_file_sink(path, std::move(columns));
        sink->write(t.rows);
        sink->commit();
    }
    staged.commit();
}

void write_report_xlsx(const grids::DailyReport& report, const std::string& path, const geo::OutputRules& rules) {
    geo::check_output(path, geo::OutputKind::File, rules);
    geo::ensure_gdal();
    const auto tables = report::report_tables(report);
    geo::GdalMessageCapture capture;
    geo::StagedFile staged(path, ".xlsx");
    {
        GDALDatasetUniquePtr ds = staged.create("XLSX");
        for (const report::Table& t : tables) write_sheet(*ds, t, path, capture);
    }  // the XLSX driver writes the workbook when the dataset closes
    if (!capture.last_error().empty()) throw OutputError(path, "exporters: " + capture.last_error());
    staged.commit();
}

}  // namespace respgrid::exporters

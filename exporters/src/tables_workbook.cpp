#include "respgrid/exporters/tables_workbook.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>

#include "layer_fields.hpp"
#include "respgrid/exporters/file_names.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters {

namespace {

// Rows go to the workbook in pieces of this many.
constexpr std::size_t kRowsPerPiece = 4096;
// Excel holds 32,767 characters in a cell; codes and separators are one UTF-16 unit each, so
// bytes are an upper bound of the characters.
constexpr std::size_t kMaxCellBytes = 32000;

std::optional<std::uint64_t> code_number(const std::string& code) {
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), n);
    if (ec != std::errc() || end != code.data() + code.size()) return std::nullopt;
    return n;
}

// Whether `next` follows `previous` (same length, one more).
bool follows(const std::string& previous, const std::string& next) {
    if (previous.size() != next.size()) return false;
    const auto a = code_number(previous), b = code_number(next);
    return a && b && *b == *a + 1;
}

std::string text_of(const OGRFeature& f, int field) {
    return field >= 0 && f.IsFieldSetAndNotNull(field) ? std::string(f.GetFieldAsString(field)) : std::string();
}

double number_of(const OGRFeature& f, int field) {
    return field >= 0 && f.IsFieldSetAndNotNull(field) ? f.GetFieldAsDouble(field) : 0.0;
}

std::string grid_title(std::string_view field) { return std::string(detail::field_title("grids", field)); }

// One roster row: a grid worker's grids in one village.
struct RosterRow {
    std::string township_code, township_name, village_code, village_name, worker, phone;
    std::vector<std::string> codes;  // in code order
    double area_m2 = 0.0;
    double households = 0.0;
};

// Per township (by code), its roster rows in village order, then by the worker's first grid.
using Rosters = std::map<std::string, std::vector<RosterRow>>;

// The grids in code order, gathered into roster rows.
Rosters gather_rosters(GDALDataset& ds, const std::string& path) {
    geo::SqlResult result(ds, "SELECT code, village_code, village_name, township_code, township_name, grid_worker, "
                              "grid_worker_phone, area_m2, weight FROM grids ORDER BY code");
    OGRLayer* grids = result.get();
    if (!grids) throw OutputError(path, "exporters: the exported GeoPackage has no grids layer");
    // (township, village, worker, phone) -> the row's place in its township's list
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::size_t> row_of;
    Rosters rosters;
    for (auto& f : *grids) {  // fields by their place in the SELECT
        RosterRow key{text_of(*f, 3), text_of(*f, 4), text_of(*f, 1), text_of(*f, 2), text_of(*f, 5), text_of(*f, 6), {}};
        auto& rows = rosters[key.township_code];
        auto [at, added] = row_of.try_emplace({key.township_code, key.village_code, key.worker, key.phone}, rows.size());
        if (added) rows.push_back(std::move(key));
        RosterRow& row = rows[at->second];
        row.codes.push_back(text_of(*f, 0));
        row.area_m2 += number_of(*f, 7);
        row.households += number_of(*f, 8);
    }
    for (auto& [code, rows] : rosters) {
        std::stable_sort(rows.begin(), rows.end(), [](const RosterRow& a, const RosterRow& b) {
            return std::tie(a.village_code, a.codes.front()) < std::tie(b.village_code, b.codes.front());
        });
    }
    return rosters;
}

std::vector<TableColumn> roster_columns() {
    return {{"序号", true},
            {grid_title("village_code")},
            {grid_title("village_name")},
            {grid_title("grid_worker")},
            {grid_title("grid_worker_phone")},
            {"网格数", true},
            {grid_title("code")},
            {grid_title("area_m2"), true},
            {"户数(工作量)", true}};
}

std::size_t write_roster(XlsxWorkbook& book, const std::string& sheet, const std::vector<RosterRow>& rows) {
    const auto columns = roster_columns();
    book.begin_sheet(sheet, columns);
    TableRows out(columns.size());
    std::size_t n = 0;
    for (const auto& r : rows) {
        out.add_number(static_cast<double>(++n), 0);
        out.add(r.village_code);
        out.add(r.village_name);
        out.add(r.worker.empty() ? "（未配置网格员）" : r.worker);
        out.add(r.phone);
        out.add_number(static_cast<double>(r.codes.size()), 0);
        out.add(code_ranges(r.codes));
        out.add_number(r.area_m2, 0);
        if (r.households > 0) {
            out.add_number(r.households, 0);
        } else {
            out.add_empty();
        }
        if (out.rows() == kRowsPerPiece) {
            book.write(out);
            out.clear();
        }
    }
    book.write(out);
    return rows.size();
}

// Every feature of the SQL result `sql` as a row of the sheet `sheet`, each field a column titled
// as `layer`'s field (its name when it has no title); numbers as number cells. Returns the rows.
std::size_t write_layer_sheet(XlsxWorkbook& book, GDALDataset& ds, const std::string& path, const std::string& layer,
                              const std::string& sql, const std::string& sheet) {
    geo::SqlResult result(ds, sql);
    OGRLayer* source = result.get();
    if (!source) throw OutputError(path, "exporters: the exported GeoPackage has no " + layer + " layer");
    OGRFeatureDefn* defn = source->GetLayerDefn();
    std::vector<TableColumn> columns;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn* field = defn->GetFieldDefn(i);
        const std::string_view title = detail::field_title(layer, field->GetNameRef());
        const OGRFieldType type = field->GetType();
        columns.push_back({title.empty() ? std::string(field->GetNameRef()) : std::string(title),
                           type == OFTReal || type == OFTInteger || type == OFTInteger64});
    }
    book.begin_sheet(sheet, columns);
    TableRows out(columns.size());
    std::size_t n = 0;
    for (auto& f : *source) {
        for (int i = 0; i < defn->GetFieldCount(); ++i) out.add(text_of(*f, i));
        ++n;
        if (out.rows() == kRowsPerPiece) {
            book.write(out);
            out.clear();
        }
    }
    book.write(out);
    return n;
}

// The township's name as its roster sheet's ("城关镇花名册"); its code when it has none.
std::string roster_sheet_name(const std::vector<RosterRow>& rows, const std::string& code) {
    const std::string& name = rows.front().township_name;
    return (name.empty() ? code : name) + "花名册";
}

}  // namespace

std::string code_ranges(const std::vector<std::string>& codes) {
    std::string out;
    for (std::size_t i = 0; i < codes.size();) {
        std::size_t last = i;
        while (last + 1 < codes.size() && follows(codes[last], codes[last + 1])) ++last;
        std::string run = codes[i];
        if (last > i) run += "～" + codes[last];
        const std::string separator = out.empty() ? "" : "、";
        if (out.size() + separator.size() + run.size() + std::string("…").size() > kMaxCellBytes) {
            out += "…";
            break;
        }
        out += separator + run;
        i = last + 1;
    }
    return out;
}

WorkbookCounts write_tables_workbook(const std::string& gpkg, const std::string& output,
                                     const std::vector<TableSheet>& extra) {
    geo::ensure_gdal();
    auto source = geo::open_vector(gpkg);
    const Rosters rosters = gather_rosters(*source, gpkg);
    std::vector<std::string> wanted;
    for (const auto& [code, rows] : rosters) wanted.push_back(roster_sheet_name(rows, code));
    wanted.insert(wanted.end(), {"网格清单", "问题定位"});
    for (const auto& sheet : extra) wanted.push_back(sheet.name);
    const std::vector<std::string> names = excel_sheet_names(wanted);

    WorkbookCounts counts;
    XlsxWorkbook book(output);
    std::size_t sheet = 0;
    for (const auto& [code, rows] : rosters) {
        counts.roster_rows += write_roster(book, names[sheet++], rows);
        ++counts.roster_sheets;
    }
    counts.grids = write_layer_sheet(book, *source, gpkg, "grids", "SELECT * FROM grids ORDER BY code", names[sheet++]);
    counts.issues = write_layer_sheet(book, *source, gpkg, "issues", "SELECT * FROM issues ORDER BY fid", names[sheet++]);
    for (const auto& s : extra) {
        book.begin_sheet(names[sheet++], s.columns);
        book.write(s.rows);
    }
    book.commit();
    return counts;
}

}  // namespace respgrid::exporters

#include "respgrid/exporters/table_sink.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <ostream>

#include "respgrid/exporters/csv.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/output_files.hpp"

namespace respgrid::exporters {

namespace {

// The header line and the rows as CSV text, in pieces of a few MB.
std::string csv_header(const std::vector<TableColumn>& columns) {
    std::string text = "\xEF\xBB\xBF";  // UTF-8 BOM, so Excel shows the Chinese text
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) text.push_back(',');
        append_csv_field(text, columns[i].name);
    }
    text.push_back('\n');
    return text;
}

void append_csv_rows(std::string& out, const TableRows& rows) {
    const std::size_t width = rows.width();
    for (std::size_t r = 0; r < rows.rows(); ++r) {
        const std::uint32_t begin = r == 0 ? 0 : rows.row_ends(r - 1)[width - 1];
        append_csv_record(out, rows.text(), begin, rows.row_ends(r), width);
    }
}

class CsvFileSink final : public TableSink {
public:
    CsvFileSink(const std::string& path, const std::vector<TableColumn>& columns) : file_(path) {
        file_.write(csv_header(columns));
    }
    void write(const TableRows& rows) override {
        buffer_.clear();
        append_csv_rows(buffer_, rows);
        file_.write(buffer_);
        written_ += rows.rows();
    }
    void commit() override { file_.commit(); }
    [[nodiscard]] std::size_t rows_written() const override { return written_; }

private:
    geo::StagedTextFile file_;
    std::string buffer_;
    std::size_t written_ = 0;
};

class CsvStreamSink final : public TableSink {
public:
    CsvStreamSink(std::ostream& out, std::string name, const std::vector<TableColumn>& columns)
        : out_(out), name_(std::move(name)) {
        put(csv_header(columns));
    }
    void write(const TableRows& rows) override {
        buffer_.clear();
        append_csv_rows(buffer_, rows);
        put(buffer_);
        written_ += rows.rows();
    }
    void commit() override {
        out_.flush();
        check();
    }
    [[nodiscard]] std::size_t rows_written() const override { return written_; }

private:
    void put(const std::string& text) {
        out_.write(text.data(), static_cast<std::streamsize>(text.size()));
        check();
    }
    void check() const {
        if (!out_) throw OutputError(name_, "exporters: cannot write the table to standard output");
    }
    std::ostream& out_;
    std::string name_;
    std::string buffer_;
    std::size_t written_ = 0;
};

// A sheet with a column per TableColumn: text columns as strings (codes stay text cells),
// numeric ones as reals.
OGRLayer* create_xlsx_sheet(GDALDataset& ds, const std::string& path, const std::string& name,
                            const std::vector<TableColumn>& columns, const geo::GdalMessageCapture& capture) {
    OGRLayer* layer = ds.CreateLayer(name.c_str(), nullptr, wkbNone, nullptr);
    if (!layer) throw OutputError(path, "exporters: cannot create sheet " + name + ": " + capture.last_error());
    for (const auto& c : columns) {
        OGRFieldDefn field(c.name.c_str(), c.numeric ? OFTReal : OFTString);
        if (layer->CreateField(&field) != OGRERR_NONE) {
            throw OutputError(path, "exporters: cannot create column " + c.name + ": " + capture.last_error());
        }
    }
    return layer;
}

std::optional<double> parse_number(std::string_view v) {
    double d = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
    return d;
}

// Row `r` of `rows` as a feature of `layer`: an empty text is an empty cell, a numeric column's
// text that is no number stays text.
void add_xlsx_row(OGRLayer& layer, const std::vector<TableColumn>& columns, const TableRows& rows, std::size_t r,
                  const std::string& path, std::size_t row_number, const geo::GdalMessageCapture& capture) {
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer.GetLayerDefn()));
    for (std::size_t c = 0; c < rows.width() && c < columns.size(); ++c) {
        const std::string_view v = rows.cell(r, c);
        if (v.empty()) continue;
        const int field = static_cast<int>(c);
        if (auto number = columns[c].numeric ? parse_number(v) : std::nullopt) {
            feature->SetField(field, *number);
        } else {
            feature->SetField(field, std::string(v).c_str());
        }
    }
    if (layer.CreateFeature(feature.get()) != OGRERR_NONE) {
        throw OutputError(path, "exporters: cannot write row " + std::to_string(row_number) + " to the workbook: " +
                                    capture.last_error());
    }
}

class XlsxFileSink final : public TableSink {
public:
    XlsxFileSink(const std::string& path, std::vector<TableColumn> columns, const std::string& sheet) : book_(path) {
        book_.begin_sheet(sheet, std::move(columns));
    }
    void write(const TableRows& rows) override { book_.write(rows); }
    void commit() override { book_.commit(); }
    [[nodiscard]] std::size_t rows_written() const override { return book_.rows_written(); }

private:
    XlsxWorkbook book_;
};

}  // namespace

void TableRows::add_number(double value, int decimals) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    add(ec == std::errc() ? std::string_view(buf, static_cast<std::size_t>(end - buf)) : std::string_view());
}

bool is_xlsx_path(const std::string& path) {
    if (path.size() < 5) return false;
    std::string ext = path.substr(path.size() - 5);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".xlsx";
}

std::optional<Headers> parse_headers(std::string_view text) {
    if (text == "en") return Headers::En;
    if (text == "zh") return Headers::Zh;
    return std::nullopt;
}

std::vector<TableColumn> headed(std::vector<TableColumn> columns, Headers headers) {
    if (headers == Headers::Zh) {
        for (auto& c : columns) {
            if (!c.title.empty()) c.name = c.title;
        }
    }
    return columns;
}

struct XlsxWorkbook::Impl {
    // An Excel sheet holds 1,048,576 rows, the header included.
    static constexpr std::size_t kRowsPerSheet = 1048575;

    explicit Impl(const std::string& p) : path(p), staged(p, ".xlsx") { ds = staged.create("XLSX"); }

    void next_part() {
        ++part;
        const std::string name = part == 1 ? sheet : sheet + "_" + std::to_string(part);
        layer = create_xlsx_sheet(*ds, path, name, columns, capture);
        in_sheet = 0;
    }

    std::string path;
    geo::StagedFile staged;
    geo::GdalMessageCapture capture;
    GDALDatasetUniquePtr ds;
    std::string sheet;
    std::vector<TableColumn> columns;
    OGRLayer* layer = nullptr;
    int part = 0;
    std::size_t in_sheet = 0;
    std::size_t written = 0;
};

XlsxWorkbook::XlsxWorkbook(const std::string& path) {
    geo::ensure_gdal();
    impl_ = std::make_unique<Impl>(path);
}

XlsxWorkbook::~XlsxWorkbook() = default;

void XlsxWorkbook::begin_sheet(std::string name, std::vector<TableColumn> columns) {
    impl_->sheet = std::move(name);
    impl_->columns = std::move(columns);
    impl_->part = 0;
    impl_->next_part();  // a header row even without rows
}

void XlsxWorkbook::write(const TableRows& rows) {
    Impl& b = *impl_;
    if (!b.layer) throw OutputError(b.path, "exporters: rows written to a workbook before its first sheet");
    for (std::size_t r = 0; r < rows.rows(); ++r) {
        if (b.in_sheet == Impl::kRowsPerSheet) b.next_part();
        add_xlsx_row(*b.layer, b.columns, rows, r, b.path, b.written + 1, b.capture);
        ++b.in_sheet;
        ++b.written;
    }
}

void XlsxWorkbook::commit() {
    Impl& b = *impl_;
    b.ds.reset();  // the XLSX driver writes the workbook when the dataset closes
    if (!b.capture.last_error().empty()) throw OutputError(b.path, "exporters: " + b.capture.last_error());
    b.staged.commit();
}

std::size_t XlsxWorkbook::rows_written() const { return impl_->written; }

std::unique_ptr<TableSink> csv_file_sink(const std::string& path, std::vector<TableColumn> columns) {
    return std::make_unique<CsvFileSink>(path, columns);
}

std::unique_ptr<TableSink> csv_stream_sink(std::ostream& out, std::string name, std::vector<TableColumn> columns) {
    return std::make_unique<CsvStreamSink>(out, std::move(name), columns);
}

std::unique_ptr<TableSink> xlsx_file_sink(const std::string& path, std::vector<TableColumn> columns,
                                          const std::string& sheet) {
    return std::make_unique<XlsxFileSink>(path, std::move(columns), sheet);
}

void write_xlsx_workbook(const std::string& path, const std::vector<TableSheet>& sheets) {
    XlsxWorkbook book(path);
    for (const auto& sheet : sheets) {
        book.begin_sheet(sheet.name, sheet.columns);
        book.write(sheet.rows);
    }
    book.commit();
}

}  // namespace respgrid::exporters

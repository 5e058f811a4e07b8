#pragma once
// Where a table of results goes, whatever makes it: a CSV file (UTF-8 with a BOM, for Excel), CSV
// on standard output, or a real XLSX workbook through GDAL (codes stay text cells, so
// 411626001001001 never turns into 4.11626E+14). The producer fills TableRows, in as many
// pieces as it likes; the sink writes them in order. File sinks are staged beside their target
// and renamed over it by commit(); an uncommitted sink leaves the target as it was.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace respgrid::exporters {

// Rows of text cells, back to back (one buffer, no allocation per cell).
class TableRows {
public:
    explicit TableRows(std::size_t width = 0) : width_(width) {}
    void add(std::string_view cell) {
        text_.append(cell);
        ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    }
    // Several cells in one copy: their texts back to back in `texts`, cell i ending at ends[i]
    // (offsets into `texts`).
    void add_cells(std::string_view texts, const std::uint32_t* ends, std::size_t count) {
        const auto base = static_cast<std::uint32_t>(text_.size());
        text_.append(texts);
        for (std::size_t i = 0; i < count; ++i) ends_.push_back(base + ends[i]);
    }
    void add_number(double value, int decimals);  // fixed notation, as a numeric column wants it
    void add_empty() { ends_.push_back(static_cast<std::uint32_t>(text_.size())); }
    void clear() {
        text_.clear();
        ends_.clear();
    }
    [[nodiscard]] std::size_t width() const { return width_; }
    [[nodiscard]] std::size_t rows() const { return width_ ? ends_.size() / width_ : 0; }
    // Every cell's text back to back, and where row `row`'s cells end in it (the row starts
    // where the previous row's last cell ends): for writers that take a row whole.
    [[nodiscard]] std::string_view text() const { return text_; }
    [[nodiscard]] const std::uint32_t* row_ends(std::size_t row) const { return ends_.data() + row * width_; }
    [[nodiscard]] std::string_view cell(std::size_t row, std::size_t column) const {
        const std::size_t i = row * width_ + column;
        const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(text_).substr(begin, ends_[i] - begin);
    }

private:
    std::size_t width_;
    std::string text_;
    std::vector<std::uint32_t> ends_;
};

struct TableColumn {
    std::string name;
    bool numeric = false;  // XLSX: a number cell (empty text = empty cell); CSV: written as it is
    std::string title{};   // the Chinese title people read (--headers zh); "" = none, the name serves
};

// Which header row a table gets: the ASCII names scripts read (en, the default) or the Chinese
// titles people read (zh). One rule for every table a command writes (batch locate, ledger list,
// export --format csv).
enum class Headers { En, Zh };
// "en" or "zh"; nullopt otherwise.
std::optional<Headers> parse_headers(std::string_view text);
// `columns` as `headers` heads them: with Zh each column that has a title is named by it.
std::vector<TableColumn> headed(std::vector<TableColumn> columns, Headers headers);

class TableSink {
public:
    virtual ~TableSink() = default;
    virtual void write(const TableRows& rows) = 0;  // throws OutputError
    virtual void commit() = 0;                      // throws OutputError
    [[nodiscard]] virtual std::size_t rows_written() const = 0;
};

// Whether `path` names an XLSX workbook (by its extension, any case).
bool is_xlsx_path(const std::string& path);

// A CSV file at `path` (staged), UTF-8 with a BOM.
std::unique_ptr<TableSink> csv_file_sink(const std::string& path, std::vector<TableColumn> columns);
// CSV on `out` (standard output); `name` names it in errors ("-").
std::unique_ptr<TableSink> csv_stream_sink(std::ostream& out, std::string name, std::vector<TableColumn> columns);
// An XLSX workbook at `path` (staged, through GDAL); rows beyond one sheet's 1,048,575 go on to
// sheets `<sheet>_2`, `<sheet>_3`...
std::unique_ptr<TableSink> xlsx_file_sink(const std::string& path, std::vector<TableColumn> columns,
                                          const std::string& sheet);

// An XLSX workbook at `path` (staged, through GDAL), written sheet after sheet: begin_sheet() then
// the sheet's rows in pieces; commit() writes it (the XLSX driver writes on close) and renames it
// over `path`. Text columns are string cells (codes stay text), numeric ones number cells. Rows
// beyond one sheet's 1,048,575 go on to sheets `<name>_2`, `<name>_3`... Throws OutputError.
class XlsxWorkbook {
public:
    explicit XlsxWorkbook(const std::string& path);
    ~XlsxWorkbook();
    XlsxWorkbook(const XlsxWorkbook&) = delete;
    XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;
    // `name` must already be Excel-safe and unique in the workbook (excel_sheet_names, file_names.hpp).
    // The sheet gets its header row even when no rows follow.
    void begin_sheet(std::string name, std::vector<TableColumn> columns);
    void write(const TableRows& rows);
    void commit();
    [[nodiscard]] std::size_t rows_written() const;  // in every sheet

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One sheet of a workbook written whole (write_xlsx_workbook). Its name must already be
// Excel-safe and unique in the workbook (excel_sheet_names, file_names.hpp).
struct TableSheet {
    std::string name;
    std::vector<TableColumn> columns;
    TableRows rows;
};

// An XLSX workbook at `path` (staged, through GDAL) holding `sheets` in order, each with its
// header row even when it has no rows; cells as xlsx_file_sink writes them. Throws OutputError.
void write_xlsx_workbook(const std::string& path, const std::vector<TableSheet>& sheets);

}  // namespace respgrid::exporters

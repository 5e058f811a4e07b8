#include "cli/locate_batch.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/batch_locator.hpp"
#include "cli/commands.hpp"
#include "respgrid/geo/parallel.hpp"
#include "respgrid/importers/csv_points.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

// The columns locate adds after the input's own, in order.
std::vector<std::string> added_columns() {
    std::vector<std::string> columns = {"status", "grid_code", "grid_name"};
    for (const auto& c : BatchLocator::unit_columns()) columns.push_back(c);
    columns.insert(columns.end(), {"nearest_grid", "distance_m"});
    return columns;
}

// The output file, written in large pieces.
class CsvOut {
public:
    explicit CsvOut(const std::string& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
        if (!file_) throw OutputError(path, "cannot create the file");
    }
    ~CsvOut() {
        if (file_) std::fclose(file_);
    }
    CsvOut(const CsvOut&) = delete;
    CsvOut& operator=(const CsvOut&) = delete;
    void write(std::string_view text) {
        if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
            throw OutputError(path_, "cannot write (disk full?)");
        }
    }
    void close() {
        FILE* f = file_;
        file_ = nullptr;
        if (std::fclose(f) != 0) throw OutputError(path_, "cannot write (disk full?)");
    }

private:
    std::string path_;
    std::FILE* file_;
};

struct StatusCounts {
    std::array<std::size_t, 3> by_status{};  // Inside, InGap, Outside
};

void append_distance(std::string& out, double metres) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, metres, std::chars_format::fixed, 1);
    out.append(buf, ec == std::errc() ? end : buf);
}

// Locates the parsed rows and appends their output lines to `out`.
void locate_rows(const BatchLocator& index, const importers::PointRows& rows, const std::vector<std::size_t>& kept,
                 std::string& out, StatusCounts& counts) {
    const auto& locator = index.locator();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t k = 0; k < kept.size(); ++k) {
            if (k) out.push_back(',');
            append_csv_value(out, rows.value(r, kept[k]));
        }
        if (!kept.empty()) out.push_back(',');
        grids::LocateResult hit = locator.locate(rows.positions[r]);
        ++counts.by_status[static_cast<std::size_t>(hit.status)];
        out.append(grids::to_string(hit.status));
        out.push_back(',');
        if (hit.cell) {
            std::size_t c = *hit.cell;
            out.append(locator.cell(c).code);
            out.push_back(',');
            out.append(index.name_csv(c));
            out.push_back(',');
            out.append(index.unit_csv(c));
            out.append(",,\r\n");
        } else {
            out.append(",");
            out.append(BatchLocator::unit_columns().size(), ',');
            out.push_back(',');
            if (hit.nearest) {
                out.append(locator.cell(*hit.nearest).code);
                out.push_back(',');
                append_distance(out, hit.nearest_distance_m);
            } else {
                out.push_back(',');
            }
            out.append("\r\n");
        }
    }
}

}  // namespace

int locate_batch(const LocateBatchOptions& opt, Console& console) {
    auto project = store::Project::open(opt.project);
    auto generation = project.current_generation();
    if (!generation) throw UsageError("the project has no grids yet; run `respgrid grid " + opt.project + " --size 100`");
    importers::PointTableOptions o;
    o.path = opt.input;
    if (!opt.crs.empty()) o.default_crs = crs_option(opt.crs, "--crs");
    o.target_crs = project.working_crs();
    // The county's extent: swapped and far-away coordinates are caught, not located.
    if (auto county = project.load_units(grids::AdminLevel::County); !county.empty()) {
        o.expected_area = county.front().geometry.envelope();
    }
    const bool fast = importers::is_csv_path(opt.input);
    std::unique_ptr<importers::CsvPointFile> csv;
    importers::PointTable table;  // GDAL path (.xlsx and other tables): read whole
    std::vector<std::string> fields;
    if (fast) {
        csv = std::make_unique<importers::CsvPointFile>(o);
        fields = csv->fields();
    } else {
        table = importers::read_point_table(o);
        fields = table.fields;
    }

    auto load_progress = console.progress("loading grids");
    BatchLocator index(project, generation->id, load_progress);
    report(load_progress, 1.0, "grids loaded");

    // Input columns named like the ones locate adds (a file that was located before) are
    // replaced by the fresh values, not duplicated.
    const std::vector<std::string> added = added_columns();
    std::vector<std::size_t> kept;
    std::string header = "\xEF\xBB\xBF";  // UTF-8 BOM, so Excel shows the Chinese text
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (std::find(added.begin(), added.end(), fields[i]) != added.end()) continue;
        if (!kept.empty()) header.push_back(',');
        kept.push_back(i);
        append_csv_value(header, fields[i]);
    }
    for (std::size_t i = 0; i < added.size(); ++i) {
        if (!kept.empty() || i) header.push_back(',');
        header.append(added[i]);
    }
    header.append("\r\n");
    CsvOut out(opt.output);
    out.write(header);

    std::vector<Reject> rejects;
    StatusCounts total;
    std::size_t located = 0;
    auto progress = console.progress("locating");
    if (fast) {
        // Blocks of whole records, each split between the threads; outputs written in order.
        const unsigned threads = std::max(1u, geo::default_threads());
        std::vector<std::unique_ptr<importers::PointChecker>> checkers;
        for (unsigned t = 0; t < threads; ++t) checkers.push_back(std::make_unique<importers::PointChecker>(o));
        std::vector<importers::PointRows> parsed(threads);
        std::vector<std::string> text(threads);
        std::vector<StatusCounts> counts(threads);
        importers::CsvBlock block;
        while (csv->read_block(block)) {
            const std::size_t n = block.records.size();
            geo::parallel_for(threads, threads, [&](std::size_t t) {
                parsed[t].clear();
                text[t].clear();
                csv->parse(block, n * t / threads, n * (t + 1) / threads, *checkers[t], parsed[t]);
                locate_rows(index, parsed[t], kept, text[t], counts[t]);
            });
            for (unsigned t = 0; t < threads; ++t) {
                out.write(text[t]);
                located += parsed[t].size();
                std::move(parsed[t].rejects.begin(), parsed[t].rejects.end(), std::back_inserter(rejects));
            }
            if (csv->bytes_total() > 0) {
                report(progress, static_cast<double>(csv->bytes_read()) / static_cast<double>(csv->bytes_total()),
                       "locating");
            }
        }
        for (const auto& c : counts) {
            for (std::size_t s = 0; s < 3; ++s) total.by_status[s] += c.by_status[s];
        }
    } else {
        importers::PointRows rows;
        rows.field_count = fields.size();
        for (auto& row : table.rows) {
            for (const auto& v : row.values) {
                rows.values.append(v);
                rows.ends.push_back(static_cast<std::uint32_t>(rows.values.size()));
            }
            rows.lines.push_back(row.line);
            rows.positions.push_back(row.position);
        }
        std::string text;
        locate_rows(index, rows, kept, text, total);
        out.write(text);
        located = rows.size();
        rejects = std::move(table.rejects);
    }
    out.close();
    report(progress, 1.0, "located");
    write_rejects_beside(console, opt.output, opt.output, rejects);
    console.io.out << "located " << located << " point(s) from " << opt.input << " into " << opt.output << ": "
                   << total.by_status[0] << " inside a grid, " << total.by_status[1] << " in a coverage gap, "
                   << total.by_status[2] << " outside the county, " << rejects.size() << " rejected\n";
    return rejects.empty() ? kOk : kRowsRejected;
}

}  // namespace respgrid::cli

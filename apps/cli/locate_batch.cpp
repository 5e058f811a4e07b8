#include "cli/locate_batch.hpp"

#include <algorithm>
#include <memory>

#include "cli/rejects_file.hpp"
#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/importers/csv_points.hpp"

namespace respgrid::cli {

namespace {

// The located rows, to standard output ("-"), an XLSX workbook or a CSV file, by the name; the
// file is opened when the columns are known and replaces its target at finish().
class TableFileSink : public ops::LocatedRowSink {
public:
    TableFileSink(std::string output, exporters::Headers headers, std::ostream& out)
        : output_(std::move(output)), headers_(headers), out_(out) {}
    void begin(std::vector<exporters::TableColumn> given) override {
        auto columns = exporters::headed(std::move(given), headers_);
        if (output_ == "-") {
            sink_ = exporters::csv_stream_sink(out_, "-", std::move(columns));
        } else if (exporters::is_xlsx_path(output_)) {
            sink_ = exporters::xlsx_file_sink(output_, std::move(columns), "located");
        } else {
            sink_ = exporters::csv_file_sink(output_, std::move(columns));
        }
    }
    void write(const exporters::TableRows& rows) override { sink_->write(rows); }
    void finish() override { sink_->commit(); }

private:
    std::string output_;
    exporters::Headers headers_;
    std::ostream& out_;
    std::unique_ptr<exporters::TableSink> sink_;
};

class RejectsFileSink : public ops::RejectSink {
public:
    explicit RejectsFileSink(RejectsFile& file) : file_(file) {}
    void add(const std::vector<Reject>& rejects) override { file_.add(rejects); }

private:
    RejectsFile& file_;
};

// The loading of the grids, then the rows, each on its own progress line.
Progress two_stage_progress(const Console& console) {
    return [loading = console.progress("loading grids"), locating = console.progress("locating")](
               double fraction, std::string_view message) {
        const bool rows = message == ops::kLocatingMessage || message == "located";
        return report(rows ? locating : loading, fraction, message);
    };
}

std::string timing_note(const ops::TableLocateResult& r, std::size_t rows_read) {
    return "loaded " + std::to_string(r.cell_count) + " grids in " + geo::number_text(r.load_seconds, 2) +
           " s (grid rings " + geo::number_text(static_cast<double>(r.cell_bytes) / 1048576.0, 1) + " MiB, bucket index " +
           geo::number_text(static_cast<double>(r.index_bytes) / 1048576.0, 1) + " MiB, bucket " +
           geo::number_text(r.bucket_size_m, 1) + " m); read, located and wrote " + std::to_string(rows_read) +
           " rows in " + geo::number_text(r.locate_seconds, 2) + " s (" +
           geo::number_text(static_cast<double>(rows_read) / std::max(r.locate_seconds, 1e-9), 0) + " rows/s)";
}

}  // namespace

int locate_batch(const ops::TableLocateOptions& options, const std::string& output, bool overwrite,
                 exporters::Headers headers, Console& console) {
    // Every output is checked before any work (geo/output_files.hpp): never the project or the
    // input, an existing file only with --overwrite. With the rows on standard output, the
    // rejects go beside the project, named after the input.
    const geo::OutputRules rules{{options.project, options.input}, overwrite};
    const bool to_stdout = output == "-";
    if (!to_stdout) geo::check_output(output, geo::OutputKind::File, rules);
    RejectsFile rejects(to_stdout ? options.project : output, to_stdout ? options.input : output, rules,
                        importers::is_csv_path(options.input));
    // The summary goes where the rows do not.
    std::ostream& summary = to_stdout ? console.io.err : console.io.out;
    TableFileSink rows(output, headers, console.io.out);
    RejectsFileSink reject_sink(rejects);
    const auto r = ops::locate_table(options, rows, reject_sink, two_stage_progress(console));

    console.note(timing_note(r, r.written + rejects.count()));
    rejects.finish(console, options.input);
    const std::string note = geo::transcoding_note(r.encoding, options.input);
    if (!note.empty()) summary << note << "\n";
    summary << "located " << r.written << " point(s) from " << options.input << " into "
            << (to_stdout ? std::string("standard output") : output) << ": " << r.by_status[0] << " inside a grid, "
            << r.by_status[1] << " in a coverage gap, " << r.by_status[2] << " outside the county, " << r.by_status[3]
            << " assigned to the nearest grid; " << rejects.count() << " rejected (generation " << r.generation
            << ", at " << r.at.to_text(r.zone) << ")\n";
    if (!r.unrecognised.empty()) summary << r.unrecognised.summary() << "\n";
    return rejects.count() == 0 ? kOk : kRowsRejected;
}

}  // namespace respgrid::cli

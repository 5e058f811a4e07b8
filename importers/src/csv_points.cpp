#include "respgrid/importers/csv_points.hpp"

#include <fast_float/fast_float.h>

#include <cmath>

#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

namespace {

// A number as parse_number (table.hpp) takes it, without allocating: this is the hot path.
bool parse_double(std::string_view text, double& value) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return false;
    auto [ptr, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(value);
}

}  // namespace

std::string_view PointRows::value(std::size_t row, std::size_t field) const {
    std::size_t k = row * field_count + field;
    std::size_t begin = k == 0 ? 0 : ends[k - 1];
    return std::string_view(values).substr(begin, ends[k] - begin);
}

void PointRows::clear() {
    values.clear();
    ends.clear();
    lines.clear();
    positions.clear();
    rejects.clear();
}

CsvPointFile::CsvPointFile(const PointTableOptions& options) : options_(options), file_(options.path) {
    const Table columns{options.path, {}, file_.fields()};
    x_field_ = columns.require({"lon", "lng", "longitude", "x", "经度"});
    y_field_ = columns.require({"lat", "latitude", "y", "纬度"});
    crs_field_ = columns.find({"crs", "坐标系"});
    if (!crs_field_ && !options.default_crs) {
        throw InputError(SourceLocation{options.path, {}, {}, "crs"},
                         "importers: the table has no crs column; give the coordinates' CRS with --crs");
    }
}

std::optional<std::size_t> CsvPointFile::find(std::initializer_list<std::string_view> names) const {
    return Table{options_.path, {}, file_.fields()}.find(names);
}

void CsvPointFile::parse(const CsvBlock& block, std::size_t first, std::size_t last, PointChecker& checker,
                         PointRows& out) const {
    out.field_count = fields().size();
    const std::size_t nf = fields().size();
    CsvRecordParser parser;
    std::string error;
    for (std::size_t r = first; r < last; ++r) {
        const CsvRecord& rec = block.records[r];
        auto reject = [&](std::size_t field, std::string reason) {
            out.rejects.push_back(
                {SourceLocation{options_.path, {}, rec.line, field < nf ? fields()[field] : std::string(), "line"},
                 std::move(reason), std::string(block.text_of(rec))});
        };
        const std::size_t values_before = out.values.size();
        const std::size_t ends_before = out.ends.size();
        auto undo = [&] {
            out.values.resize(values_before);
            out.ends.resize(ends_before);
        };
        const CsvRecordKind kind = parser.parse(block, rec, nf, out.values, out.ends, error);
        if (kind == CsvRecordKind::Blank) continue;
        if (kind == CsvRecordKind::Rejected) {
            reject(nf, error);
            continue;
        }
        auto value = [&](std::size_t field) {
            std::size_t k = ends_before + field;
            std::size_t begin = k == 0 ? 0 : out.ends[k - 1];
            return std::string_view(out.values).substr(begin, out.ends[k] - begin);
        };
        // Values trimmed as read_table trims them, so both readers word a reject alike.
        const std::string_view x_text = trimmed(value(x_field_)), y_text = trimmed(value(y_field_));
        double x = 0.0, y = 0.0;
        if (!parse_double(x_text, x)) {
            std::string reason = "longitude/x '" + std::string(x_text) + "' is not a number";
            undo();
            reject(x_field_, std::move(reason));
            continue;
        }
        if (!parse_double(y_text, y)) {
            std::string reason = "latitude/y '" + std::string(y_text) + "' is not a number";
            undo();
            reject(y_field_, std::move(reason));
            continue;
        }
        PointProblem problem;
        const geo::Crs* crs = checker.crs_of(crs_field_ ? trimmed(value(*crs_field_)) : std::string_view(), problem);
        geo::XY position;
        if (!crs || !checker.check(x, y, *crs, x_text, y_text, position, problem)) {
            std::size_t field = problem.field == PointField::X   ? x_field_
                                : problem.field == PointField::Y ? y_field_
                                                                 : crs_field_.value_or(x_field_);
            undo();
            reject(field, std::move(problem.reason));
            continue;
        }
        out.lines.push_back(rec.line);
        out.positions.push_back(position);
    }
}

}  // namespace respgrid::importers

#include "respgrid/importers/points.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "respgrid/grids/local_time.hpp"
#include "respgrid/importers/point_checker.hpp"
#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

namespace {

// A coordinate as text for a reject's reason: the shortest text that reads back the same.
std::string coordinate_text(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, ec == std::errc() ? end : buf);
}

// Rows of a point layer: the point is the feature's geometry, in the layer's CRS (or --crs).
void read_layer_points(Table& table, const PointTableOptions& options, PointChecker& checker, PointTable& out) {
    std::optional<geo::Crs> crs = options.default_crs ? options.default_crs : table.crs;
    if (!crs) {
        throw InputError(SourceLocation{options.path, table.layer, {}, {}},
                         "importers: the layer has no CRS; give one with --crs (EPSG:n, wgs84, cgcs2000, gcj02, bd09)");
    }
    for (auto& row : table.rows) {
        if (!row.point) {
            out.rejects.push_back({table.where(row), row.no_point});
            out.rejects.back().where.field = "geometry";
            continue;
        }
        PointRow point;
        PointProblem problem;
        if (!checker.check(row.point->x, row.point->y, *crs, coordinate_text(row.point->x),
                           coordinate_text(row.point->y), point.position, problem)) {
            out.rejects.push_back({table.where(row), problem.reason});
            out.rejects.back().where.field = "geometry";
            continue;
        }
        point.x = row.point->x;
        point.y = row.point->y;
        point.crs = crs->name();
        point.line = row.line;
        point.values = std::move(row.values);
        out.rows.push_back(std::move(point));
    }
}

// Rows of a table: the point is its lon/lat (or x/y) columns, in the row's crs or the default.
void read_table_points(Table& table, const PointTableOptions& options, PointChecker& checker, PointTable& out) {
    const auto x_i = table.require({"lon", "lng", "longitude", "x", "经度"});
    const auto y_i = table.require({"lat", "latitude", "y", "纬度"});
    const auto crs_i = table.find({"crs", "坐标系"});
    if (!crs_i && !options.default_crs) {
        throw InputError(SourceLocation{options.path, table.layer, {}, "crs"},
                         "importers: the table has no crs column; give the coordinates' CRS with --crs");
    }
    auto field_of = [&](PointField f) {
        return f == PointField::X ? x_i : f == PointField::Y ? y_i : crs_i.value_or(x_i);
    };
    for (auto& row : table.rows) {
        auto reject = [&](std::size_t field, const std::string& reason) {
            out.rejects.push_back({table.where(row, field), reason});
        };
        auto x = parse_number(row.values[x_i]);
        auto y = parse_number(row.values[y_i]);
        if (!x) {
            reject(x_i, "longitude/x '" + row.values[x_i] + "' is not a number");
            continue;
        }
        if (!y) {
            reject(y_i, "latitude/y '" + row.values[y_i] + "' is not a number");
            continue;
        }
        PointProblem problem;
        const geo::Crs* crs = checker.crs_of(crs_i ? std::string_view(row.values[*crs_i]) : std::string_view(), problem);
        PointRow point;
        if (!crs || !checker.check(*x, *y, *crs, row.values[x_i], row.values[y_i], point.position, problem)) {
            reject(field_of(problem.field), problem.reason);
            continue;
        }
        point.x = *x;
        point.y = *y;
        point.crs = crs->name();
        point.line = row.line;
        point.values = std::move(row.values);
        out.rows.push_back(std::move(point));
    }
}

}  // namespace

PointTable read_point_table(const PointTableOptions& options) {
    Table table = read_table(options.path, options.layer);
    PointTable out;
    out.path = options.path;
    out.layer = table.layer;
    out.fields = table.fields;
    out.id_field = table.find({"id", "编号", "问题编号"});
    out.record_label = table.record_label;
    out.encoding = table.encoding;
    // Records the CSV reader rejected (broken quoting, too many values) come first.
    out.rows_read = table.records_read();
    out.rejects = std::move(table.rejects);
    PointChecker checker(options);
    if (table.point_layer) {
        read_layer_points(table, options, checker, out);
    } else {
        read_table_points(table, options, checker, out);
    }
    return out;
}

IssueImport read_issues(const PointTableOptions& options, grids::UtcOffset zone) {
    PointTable points = read_point_table(options);
    IssueImport result;
    result.rows_read = points.rows_read;
    result.rejects = std::move(points.rejects);
    result.encoding = points.encoding;
    if (!points.id_field) {
        throw InputError(SourceLocation{options.path, options.layer, {}, "id"},
                         "importers: issues need an id column (id or 问题编号)");
    }
    auto column = [&points](std::initializer_list<std::string_view> names) -> std::optional<std::size_t> {
        Table header{points.path, {}, points.fields, {}};
        return header.find(names);
    };
    const auto reported_i = column({"reported_at", "上报时间", "发现时间"});
    const auto category_i = column({"category", "category_code", "问题类别", "类别"});
    const auto description_i = column({"description", "问题描述", "描述"});
    std::map<std::string, long long> first_line_of_id;
    for (auto& row : points.rows) {
        auto value = [&row](std::optional<std::size_t> i) { return i ? row.values[*i] : std::string(); };
        grids::IssueReport issue;
        issue.id = row.values[*points.id_field];
        SourceLocation where{options.path, points.layer, row.line, points.fields[*points.id_field],
                             points.record_label};
        if (issue.id.empty()) {
            result.rejects.push_back({where, "issue id is empty"});
            continue;
        }
        if (auto [it, fresh] = first_line_of_id.emplace(issue.id, row.line); !fresh) {
            result.rejects.push_back({where, "issue id " + issue.id + " repeats line " + std::to_string(it->second)});
            continue;
        }
        // One reading of times for every reader (grids/local_time.hpp), stored in one form: the day,
        // or the time with the project's offset.
        if (const std::string reported = value(reported_i); !reported.empty()) {
            auto t = grids::parse_time(reported);
            if (!t.value) {
                SourceLocation field{options.path, points.layer, row.line, points.fields[*reported_i], points.record_label};
                result.rejects.push_back({field, "reported_at '" + reported + "' is not a date or time: " + t.error});
                continue;
            }
            issue.reported_at = t.value->canonical(zone);
        }
        issue.lon = row.x;
        issue.lat = row.y;
        issue.crs = row.crs;
        issue.category_text = value(category_i);  // matched to the catalogue by the caller (grids/categories.hpp)
        issue.description = value(description_i);
        issue.position = row.position;
        issue.source_file = options.path;
        issue.source_line = row.line;
        result.issues.push_back(std::move(issue));
    }
    return result;
}

}  // namespace respgrid::importers

#include "respgrid/importers/points.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "respgrid/importers/point_checker.hpp"
#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

PointTable read_point_table(const PointTableOptions& options) {
    Table table = read_table(options.path, options.layer);
    const auto x_i = table.require({"lon", "lng", "longitude", "x", "经度"});
    const auto y_i = table.require({"lat", "latitude", "y", "纬度"});
    const auto crs_i = table.find({"crs", "坐标系"});
    if (!crs_i && !options.default_crs) {
        throw InputError(SourceLocation{options.path, table.layer, {}, "crs"},
                         "importers: the table has no crs column; give the coordinates' CRS with --crs");
    }

    PointTable out;
    out.path = options.path;
    out.layer = table.layer;
    out.fields = table.fields;
    out.id_field = table.find({"id", "编号", "问题编号"});
    PointChecker checker(options);
    auto field_of = [&](PointField f) {
        return f == PointField::X ? x_i : f == PointField::Y ? y_i : crs_i.value_or(x_i);
    };

    for (auto& row : table.rows) {
        ++out.rows_read;
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
    return out;
}

IssueImport read_issues(const PointTableOptions& options) {
    PointTable points = read_point_table(options);
    IssueImport result;
    result.rows_read = points.rows_read;
    result.rejects = std::move(points.rejects);
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
        SourceLocation where{options.path, points.layer, row.line, points.fields[*points.id_field], "row"};
        if (issue.id.empty()) {
            result.rejects.push_back({where, "issue id is empty"});
            continue;
        }
        if (auto [it, fresh] = first_line_of_id.emplace(issue.id, row.line); !fresh) {
            result.rejects.push_back({where, "issue id " + issue.id + " repeats line " + std::to_string(it->second)});
            continue;
        }
        issue.reported_at = value(reported_i);
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

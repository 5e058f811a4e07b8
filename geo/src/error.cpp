#include "respgrid/geo/error.hpp"

#include <utility>

namespace respgrid {

std::string SourceLocation::describe() const {
    std::string out;
    auto add = [&out](const std::string& item) {
        if (!out.empty()) out += ", ";
        out += item;
    };
    if (!file.empty()) add("file='" + file + "'");
    if (!layer.empty()) add("layer='" + layer + "'");
    if (record) add(record_label + "=" + std::to_string(*record));
    if (!field.empty()) add("field='" + field + "'");
    return out;
}

namespace {
std::string with_context(const std::string& what, const std::string& context) {
    return context.empty() ? what : what + " (" + context + ")";
}
}  // namespace

InputError::InputError(SourceLocation where, const std::string& what)
    : Error(with_context(what, where.describe())), where_(std::move(where)) {}

CrsError::CrsError(std::string source_crs, std::string target_crs, const std::string& what)
    : Error(with_context(what, "source='" + source_crs + "', target='" + target_crs + "'")),
      source_(std::move(source_crs)),
      target_(std::move(target_crs)) {}

GeometryError::GeometryError(std::string operation, const std::string& what)
    : Error(with_context(what, "operation=" + operation)), operation_(std::move(operation)) {}

OutputError::OutputError(std::string path, const std::string& what)
    : Error(with_context(what, "path='" + path + "'")), path_(std::move(path)) {}

}  // namespace respgrid

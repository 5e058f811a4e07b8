#pragma once
// Root error types of respgrid. Every layer throws one of these (or a subtype declared in its
// own module, such as store::StoreError); the CLI maps the type to an exit code once, in main.
//
// Message shape: "<module>: <what went wrong> (<key=value context>)", e.g.
//   importers: boundary code is empty (file='villages.shp', feature=17, field='code')
// Tests assert on the accessors, not on the prose.

#include <optional>
#include <stdexcept>
#include <string>

namespace respgrid {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where in an input something was found: file, layer, feature id or line, field.
struct SourceLocation {
    std::string file;
    std::string layer;
    std::optional<long long> record;  // feature id (OGR FID) or spreadsheet row (header = row 1)
    std::string field;
    std::string record_label = "feature";  // how `record` is named: "feature", "row"

    [[nodiscard]] std::string describe() const;  // "file='a.csv', line=3, field='lon'"
};

// Input that cannot be used as a whole: unreadable file, missing layer or field, unknown CRS.
// A bad row inside a usable file is a reject (see importers), not an InputError.
class InputError : public Error {
public:
    InputError(SourceLocation where, const std::string& what);
    [[nodiscard]] const SourceLocation& where() const noexcept { return where_; }

private:
    SourceLocation where_;
};

// One input record that a batch left out, and why. Batches keep their good records and write
// the rejects beside their output (see exporters/rejects.hpp).
struct Reject {
    SourceLocation where;
    std::string reason;
    std::string text{};  // the record as it was in the file, when the reader has it (CSV batch locate)
};

// A CRS name that cannot be parsed, or a transformation PROJ cannot build or apply.
class CrsError : public Error {
public:
    CrsError(std::string source_crs, std::string target_crs, const std::string& what);
    [[nodiscard]] const std::string& source_crs() const noexcept { return source_; }
    [[nodiscard]] const std::string& target_crs() const noexcept { return target_; }

private:
    std::string source_;
    std::string target_;
};

// GEOS failed on an operation (it reports a TopologyException or similar).
class GeometryError : public Error {
public:
    GeometryError(std::string operation, const std::string& what);
    [[nodiscard]] const std::string& operation() const noexcept { return operation_; }

private:
    std::string operation_;
};

// Writing an output file failed (driver, path, layer).
class OutputError : public Error {
public:
    OutputError(std::string path, const std::string& what);
    [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
};

}  // namespace respgrid

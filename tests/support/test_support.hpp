#pragma once
// Helpers shared by the tests: temporary folders, paths to the source tree and the built CLI,
// and geometry comparison.

#include <filesystem>
#include <string>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::test {

// A fresh temporary folder, removed with everything in it when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// The repository root (the environment variable RESPGRID_SOURCE_DIR overrides the build's).
std::filesystem::path source_dir();
// A file under data/ of the repository (the sample county).
std::string sample_file(const std::string& name);
// A file under tests/data/.
std::string test_data_file(const std::string& name);
// The built respgrid binary (RESPGRID_BINARY overrides the build's).
std::string respgrid_binary();

geo::Geometry wkt(const std::string& text);

// Writes `content` to `path` (UTF-8 as given).
void write_text(const std::string& path, const std::string& content);
std::string read_text(const std::string& path);

// `utf8` in GBK (code page 936, what Chinese Windows and Excel's plain "CSV" write), through
// iconv. Throws when a character has no GBK form.
std::string gbk(const std::string& utf8);

// A GeoJSON FeatureCollection of one feature with properties {code, name}: the 1 km square
// x 500000..501000, y 3730000..3731000 of EPSG:4547 (no CRS declared). Import it with --crs
// EPSG:4547 as a county, its township and its village for a one-village project.
std::string square_geojson(const std::string& code, const std::string& name);

}  // namespace respgrid::test

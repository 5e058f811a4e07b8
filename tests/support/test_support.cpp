#include "test_support.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace respgrid::test {

TempDir::TempDir() {
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("respgrid-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path source_dir() {
    const char* dir = std::getenv("RESPGRID_SOURCE_DIR");
    return dir ? dir : RESPGRID_SOURCE_DIR_DEFAULT;
}

std::string sample_file(const std::string& name) { return (source_dir() / "data" / name).string(); }

std::string test_data_file(const std::string& name) { return (source_dir() / "tests" / "data" / name).string(); }

std::string respgrid_binary() {
    const char* bin = std::getenv("RESPGRID_BINARY");
    return bin ? bin : RESPGRID_BINARY_DEFAULT;
}

geo::Geometry wkt(const std::string& text) { return geo::Geometry::from_wkt(text); }

void write_text(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv has no GBK");
    std::string out(utf8.size() * 2 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* dest = out.data();
    std::size_t out_left = out.size();
    std::size_t result = iconv(cd, &in, &in_left, &dest, &out_left);
    iconv_close(cd);
    if (result == static_cast<std::size_t>(-1)) throw std::runtime_error("no GBK form for: " + utf8);
    out.resize(out.size() - out_left);
    return out;
}

std::string square_geojson(const std::string& code, const std::string& name) {
    return R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": ")" + code +
           R"(", "name": ")" + name +
           R"("}, "geometry": {"type": "Polygon", "coordinates": [[[500000, 3730000], [501000, 3730000], [501000, 3731000], [500000, 3731000], [500000, 3730000]]]}}]})";
}

}  // namespace respgrid::test

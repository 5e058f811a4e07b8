#pragma once
// A zip archive written through GDAL's CPL zip functions (a .qgz project, a .kmz), one member
// at a time; the archive is closed by close() or, on an error path, by the destructor.

#include <string>

namespace respgrid::exporters::detail {

class ZipWriter {
public:
    explicit ZipWriter(std::string path);  // a file or /vsimem/ path; throws OutputError
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    void add(const std::string& member, const std::string& content);
    // Streams the file at `source` into the archive as `member`, a megabyte at a time.
    void add_file(const std::string& member, const std::string& source);
    void close();  // throws OutputError

private:
    void begin(const std::string& member);
    void write(const void* data, std::size_t size);
    void end();
    std::string path_;
    void* handle_ = nullptr;
};

}  // namespace respgrid::exporters::detail

#include "zip_writer.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <memory>
#include <vector>

#include "respgrid/geo/error.hpp"

namespace respgrid::exporters::detail {

ZipWriter::ZipWriter(std::string path) : path_(std::move(path)), handle_(CPLCreateZip(path_.c_str(), nullptr)) {
    if (!handle_) throw OutputError(path_, "cannot create the zip archive");
}

ZipWriter::~ZipWriter() {
    if (handle_) CPLCloseZip(handle_);
}

void ZipWriter::begin(const std::string& member) {
    if (CPLCreateFileInZip(handle_, member.c_str(), nullptr) != CE_None) {
        throw OutputError(path_, "cannot add " + member + " to the zip archive");
    }
}

void ZipWriter::write(const void* data, std::size_t size) {
    if (CPLWriteFileInZip(handle_, data, static_cast<int>(size)) != CE_None) {
        throw OutputError(path_, "cannot write into the zip archive");
    }
}

void ZipWriter::end() {
    if (CPLCloseFileInZip(handle_) != CE_None) throw OutputError(path_, "cannot finish a member of the zip archive");
}

void ZipWriter::add(const std::string& member, const std::string& content) {
    begin(member);
    write(content.data(), content.size());
    end();
}

void ZipWriter::add_file(const std::string& member, const std::string& source) {
    std::unique_ptr<VSILFILE, decltype(&VSIFCloseL)> in(VSIFOpenL(source.c_str(), "rb"), &VSIFCloseL);
    if (!in) throw OutputError(path_, "cannot read " + source + " to zip it");
    begin(member);
    std::vector<char> buffer(1 << 20);
    std::size_t n = 0;
    while ((n = VSIFReadL(buffer.data(), 1, buffer.size(), in.get())) > 0) write(buffer.data(), n);
    end();
}

void ZipWriter::close() {
    void* h = handle_;
    handle_ = nullptr;
    if (CPLCloseZip(h) != CE_None) throw OutputError(path_, "cannot close the zip archive");
}

}  // namespace respgrid::exporters::detail

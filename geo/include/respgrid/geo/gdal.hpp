#pragma once
// The GDAL/OGR handle layer: opening datasets with useful errors, capturing GDAL's messages,
// and moving geometries between OGR and GEOS (through WKB). Importers and exporters both use
// it, and must not depend on each other, so it lives here.

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/geometry.hpp"

namespace respgrid::geo {

// Registers GDAL's drivers once per process (thread-safe).
void ensure_gdal();

// Collects GDAL's error messages for the lifetime of the object instead of printing them;
// restores the previous handler on destruction.
class GdalMessageCapture {
public:
    GdalMessageCapture();
    ~GdalMessageCapture();
    GdalMessageCapture(const GdalMessageCapture&) = delete;
    GdalMessageCapture& operator=(const GdalMessageCapture&) = delete;

    [[nodiscard]] const std::vector<std::string>& messages() const { return messages_; }
    // The last error (not warning) message, or "" if none.
    [[nodiscard]] std::string last_error() const { return last_error_; }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum code, const char* message);
    std::vector<std::string> messages_;
    std::string last_error_;
};

// Opens a vector dataset read-only; throws InputError naming the file and GDAL's reason.
// `open_options` are GDAL open options ("KEY=VALUE"), e.g. for the CSV driver.
GDALDatasetUniquePtr open_vector(const std::string& path, const std::vector<std::string>& open_options = {});

// The layer by name, or the first layer when `name` is empty; throws InputError listing the
// available layers when it is missing.
OGRLayer& layer_of(GDALDataset& ds, const std::string& path, const std::string& name);

// Creates a new vector dataset with `driver` ("GPKG", "CSV"...), replacing an existing file.
// Throws OutputError.
GDALDatasetUniquePtr create_vector(const std::string& path, const std::string& driver,
                                   const std::vector<std::string>& creation_options = {});

// The result layer of GDALDataset::ExecuteSQL (null for statements without rows), released
// with the dataset that made it.
class SqlResult {
public:
    SqlResult(GDALDataset& ds, const std::string& sql) : ds_(ds), layer_(ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {}
    ~SqlResult() {
        if (layer_) ds_.ReleaseResultSet(layer_);
    }
    SqlResult(const SqlResult&) = delete;
    SqlResult& operator=(const SqlResult&) = delete;
    [[nodiscard]] OGRLayer* get() const { return layer_; }

private:
    GDALDataset& ds_;
    OGRLayer* layer_;
};

// A file (on disk or /vsimem/) removed when the object goes out of scope: intermediate files
// that must not outlive the command, whether it succeeds or throws. An empty path removes nothing.
class RemovedOnExit {
public:
    explicit RemovedOnExit(std::string path) : path_(std::move(path)) {}
    ~RemovedOnExit() {
        if (!path_.empty()) VSIUnlink(path_.c_str());
    }
    RemovedOnExit(const RemovedOnExit&) = delete;
    RemovedOnExit& operator=(const RemovedOnExit&) = delete;
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
};

// A file opened through GDAL's virtual file system (local files, /vsizip/, /vsicurl/...), closed
// with the pointer.
struct VsiFileCloser {
    void operator()(VSILFILE* f) const noexcept {
        if (f) VSIFCloseL(f);
    }
};
using VsiFilePtr = std::unique_ptr<VSILFILE, VsiFileCloser>;

// A file (on disk or /vsimem/) read from its start in pieces, for a caller that passes it on
// (into the project) without holding it whole. Throws InputError naming it when unreadable.
class FileReader {
public:
    explicit FileReader(std::string path);
    [[nodiscard]] std::uint64_t size() const { return size_; }  // when opened
    // Fills the start of `buffer` with the next bytes and returns how many: 0 at the end.
    std::size_t read(std::span<std::uint8_t> buffer);

private:
    std::string path_;
    VsiFilePtr file_;
    std::uint64_t size_ = 0;
};

// The whole content of a file (on disk or /vsimem/); throws InputError naming it when unreadable.
std::vector<std::uint8_t> read_whole_file(const std::string& path);

// A temporary file beside `path` to write a dataset into, renamed over `path` by commit() once
// it is complete, so a failed write never destroys the previous file. `extension` (".csv",
// ".gpkg") is the one the GDAL driver needs to see. The temporary file is removed unless
// committed.
class StagedFile {
public:
    StagedFile(std::string path, const std::string& extension);
    ~StagedFile();
    StagedFile(const StagedFile&) = delete;
    StagedFile& operator=(const StagedFile&) = delete;
    [[nodiscard]] const std::string& temporary() const { return temporary_; }
    // Creates the temporary dataset with `driver`; an OutputError names the target path.
    [[nodiscard]] GDALDatasetUniquePtr create(const std::string& driver, const std::vector<std::string>& options = {});
    void commit();  // throws OutputError

private:
    std::string path_;
    std::string temporary_;
    bool committed_ = false;
};

// The CRS of a layer as a respgrid Crs (EPSG when GDAL can identify one), or nullopt when
// the layer has none.
std::optional<Crs> crs_of_layer(OGRLayer& layer);

// A spatial reference for an EPSG code, with x = longitude / easting axis order, as files
// store them. Released with OGRSpatialReference::Release.
struct SrsReleaser {
    void operator()(OGRSpatialReference* s) const noexcept {
        if (s) s->Release();
    }
};
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsReleaser>;
SrsPtr srs_from_epsg(int epsg);

// OGR <-> GEOS through ISO WKB (2D).
Geometry to_geos(const OGRGeometry& g);
OGRGeometryUniquePtr to_ogr(const Geometry& g);

}  // namespace respgrid::geo

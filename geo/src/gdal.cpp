#include "respgrid/geo/gdal.hpp"

#include <cpl_error.h>
#include <cpl_string.h>

#include <mutex>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/output_files.hpp"

namespace respgrid::geo {

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
    });
}

GdalMessageCapture::GdalMessageCapture() { CPLPushErrorHandlerEx(&GdalMessageCapture::handler, this); }

GdalMessageCapture::~GdalMessageCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalMessageCapture::handler(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalMessageCapture*>(CPLGetErrorHandlerUserData());
    if (!self) return;
    std::string text = message ? message : "";
    self->messages_.push_back(text);
    if (level >= CE_Failure) self->last_error_ = text;
}

GDALDatasetUniquePtr open_vector(const std::string& path, const std::vector<std::string>& open_options) {
    ensure_gdal();
    GdalMessageCapture capture;
    CPLStringList options;
    for (const auto& o : open_options) options.AddString(o.c_str());
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                              nullptr, options.List(), nullptr));
    if (!ds) {
        std::string reason = capture.last_error().empty() ? "not a readable vector dataset" : capture.last_error();
        throw InputError(SourceLocation{path, {}, {}, {}}, "geo: cannot open input: " + reason);
    }
    return ds;
}

OGRLayer& layer_of(GDALDataset& ds, const std::string& path, const std::string& name) {
    OGRLayer* layer = name.empty() ? (ds.GetLayerCount() > 0 ? ds.GetLayer(0) : nullptr)
                                   : ds.GetLayerByName(name.c_str());
    if (!layer) {
        std::string available;
        for (int i = 0; i < ds.GetLayerCount(); ++i) {
            if (!available.empty()) available += ", ";
            available += ds.GetLayer(i)->GetName();
        }
        throw InputError(SourceLocation{path, name, {}, {}},
                         name.empty() ? "geo: the dataset has no layer"
                                      : "geo: no such layer; available: " + available);
    }
    return *layer;
}

GDALDatasetUniquePtr create_vector(const std::string& path, const std::string& driver_name,
                                   const std::vector<std::string>& creation_options) {
    ensure_gdal();
    GdalMessageCapture capture;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    if (!driver) throw OutputError(path, "geo: GDAL has no driver " + driver_name);
    VSIStatBufL stat;
    if (VSIStatL(path.c_str(), &stat) == 0) {
        if (driver->Delete(path.c_str()) != CE_None && VSIUnlink(path.c_str()) != 0) {
            throw OutputError(path, "geo: cannot replace the existing file");
        }
    }
    CPLStringList options;
    for (const auto& o : creation_options) options.AddString(o.c_str());
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, options.List()));
    if (!ds) throw OutputError(path, "geo: cannot create " + driver_name + " file: " + capture.last_error());
    return ds;
}

FileReader::FileReader(std::string path) : path_(std::move(path)), file_(VSIFOpenL(path_.c_str(), "rb")) {
    VSIStatBufL stat;
    if (!file_ || VSIStatL(path_.c_str(), &stat) != 0) {
        throw InputError({path_, {}, {}, {}}, "geo: cannot read the file");
    }
    size_ = static_cast<std::uint64_t>(stat.st_size);
}

std::size_t FileReader::read(std::span<std::uint8_t> buffer) {
    // GDAL 3.6 tells no read error from the end: a caller that knows the size checks it.
    return VSIFReadL(buffer.data(), 1, buffer.size(), file_.get());
}

// Read straight into the vector: VSIIngestFile's buffer and a copy of it would hold the file twice.
std::vector<std::uint8_t> read_whole_file(const std::string& path) {
    FileReader file(path);
    std::vector<std::uint8_t> out(file.size());
    std::size_t at = 0;
    while (at < out.size()) {
        const std::size_t n = file.read(std::span<std::uint8_t>(out).subspan(at));
        if (n == 0) throw InputError({path, {}, {}, {}}, "geo: the file ended before its size was read");
        at += n;
    }
    return out;
}

StagedFile::StagedFile(std::string path, const std::string& extension)
    : path_(std::move(path)), temporary_(staging_name(path_, extension)) {}

StagedFile::~StagedFile() {
    if (!committed_) VSIUnlink(temporary_.c_str());
}

GDALDatasetUniquePtr StagedFile::create(const std::string& driver, const std::vector<std::string>& options) {
    try {
        return create_vector(temporary_, driver, options);
    } catch (const OutputError& e) {
        throw OutputError(path_, e.what());
    }
}

void StagedFile::commit() {
    if (VSIRename(temporary_.c_str(), path_.c_str()) != 0) {
        throw OutputError(path_, "geo: cannot move the finished file into place from " + temporary_);
    }
    committed_ = true;
}

std::optional<Crs> crs_of_layer(OGRLayer& layer) {
    const OGRSpatialReference* srs = layer.GetSpatialRef();
    if (!srs) return std::nullopt;
    OGRSpatialReference copy(*srs);
    if (copy.AutoIdentifyEPSG() == OGRERR_NONE || copy.GetAuthorityCode(nullptr)) {
        const char* authority = copy.GetAuthorityName(nullptr);
        const char* code = copy.GetAuthorityCode(nullptr);
        if (authority && code && EQUAL(authority, "EPSG")) return Crs::from_epsg(std::atoi(code));
    }
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (copy.exportToWkt(&wkt, options) != OGRERR_NONE || !wkt) {
        CPLFree(wkt);
        return std::nullopt;
    }
    Crs crs{CrsKind::Wkt, 0, wkt};
    CPLFree(wkt);
    return crs;
}

SrsPtr srs_from_epsg(int epsg) {
    GdalMessageCapture quiet;  // the CrsError below says it; GDAL must not print it too
    SrsPtr srs(new OGRSpatialReference());
    if (srs->importFromEPSG(epsg) != OGRERR_NONE) {
        throw CrsError("EPSG:" + std::to_string(epsg), "", "geo: GDAL does not know this EPSG code");
    }
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

Geometry to_geos(const OGRGeometry& g) {
    // The engine is 2D: drop Z and M here, once, so GEOS never sees them.
    std::unique_ptr<OGRGeometry> flat(g.clone());
    flat->flattenTo2D();
    std::vector<std::uint8_t> wkb(static_cast<std::size_t>(flat->WkbSize()));
    if (flat->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) {
        throw GeometryError("export WKB", "geo: OGR cannot write the geometry as WKB");
    }
    return Geometry::from_wkb(wkb);
}

OGRGeometryUniquePtr to_ogr(const Geometry& g) {
    auto wkb = g.to_wkb();
    OGRGeometry* out = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &out, wkb.size()) != OGRERR_NONE || !out) {
        throw GeometryError("import WKB", "geo: OGR cannot read the GEOS geometry");
    }
    return OGRGeometryUniquePtr(out);
}

}  // namespace respgrid::geo

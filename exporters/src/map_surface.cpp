#include "map_surface.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <cmath>
#include <filesystem>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/output_files.hpp"

namespace respgrid::exporters::map {

namespace {

void check(cairo_status_t status, const std::string& path, const char* what) {
    if (status != CAIRO_STATUS_SUCCESS) {
        throw OutputError(path, std::string("exporters: ") + what + ": " + cairo_status_to_string(status) +
                                    " (path='" + path + "')");
    }
}

}  // namespace

SheetSurface::SheetSurface(std::string path, MapFormat format, const PageBox& page, double dpi,
                           const std::string& title, const std::string& creator)
    : path_(std::move(path)),
      temp_path_(geo::staging_name(path_, std::filesystem::path(path_).extension().string())),
      format_(format) {
    switch (format) {
        case MapFormat::Pdf:
            surface_.reset(cairo_pdf_surface_create(temp_path_.c_str(), page.width(), page.height()));
            check(cairo_surface_status(surface_.get()), path_, "cannot create the PDF");
            cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
            cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR,
                                           creator.empty() ? "respgrid" : creator.c_str());
            break;
        case MapFormat::Svg:
            surface_.reset(cairo_svg_surface_create(temp_path_.c_str(), page.width(), page.height()));
            check(cairo_surface_status(surface_.get()), path_, "cannot create the SVG");
            cairo_svg_surface_set_document_unit(surface_.get(), CAIRO_SVG_UNIT_PT);
            break;
        case MapFormat::Png: {
            const double pixels_per_point = dpi / 72.0;
            surface_.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                      static_cast<int>(std::ceil(page.width() * pixels_per_point)),
                                                      static_cast<int>(std::ceil(page.height() * pixels_per_point))));
            check(cairo_surface_status(surface_.get()), path_, "cannot allocate the image");
            break;
        }
    }
    cr_.reset(cairo_create(surface_.get()));
    if (format == MapFormat::Png) cairo_scale(cr_.get(), dpi / 72.0, dpi / 72.0);
    cairo_set_source_rgb(cr_.get(), 1, 1, 1);
    cairo_paint(cr_.get());
}

SheetSurface::~SheetSurface() {
    if (committed_) return;
    cr_.reset();
    surface_.reset();  // a PDF or SVG surface writes what it has when destroyed: remove it after
    std::error_code ec;
    std::filesystem::remove(temp_path_, ec);
}

void SheetSurface::next_page() { start_page(nullptr); }

void SheetSurface::next_page(const PageBox& page) { start_page(&page); }

void SheetSurface::start_page(const PageBox* size) {
    if (format_ != MapFormat::Pdf) throw OutputError(path_, "exporters: only a PDF has pages (path='" + path_ + "')");
    cairo_show_page(cr_.get());
    check(cairo_status(cr_.get()), path_, "drawing failed");
    if (size) cairo_pdf_surface_set_size(surface_.get(), size->width(), size->height());
    cairo_set_source_rgb(cr_.get(), 1, 1, 1);
    cairo_paint(cr_.get());
}

void SheetSurface::commit() {
    check(cairo_status(cr_.get()), path_, "drawing failed");
    if (format_ == MapFormat::Png) {
        check(cairo_surface_write_to_png(surface_.get(), temp_path_.c_str()), path_, "cannot write the PNG");
    } else {
        cairo_surface_finish(surface_.get());
        check(cairo_surface_status(surface_.get()), path_, "cannot write the file");
    }
    cr_.reset();
    surface_.reset();
    std::error_code ec;
    std::filesystem::rename(temp_path_, path_, ec);
    if (ec) {
        const std::string reason = ec.message();
        std::filesystem::remove(temp_path_, ec);
        throw OutputError(path_, "exporters: cannot move the finished sheet into place: " + reason + " (path='" + path_ + "')");
    }
    committed_ = true;
}

}  // namespace respgrid::exporters::map

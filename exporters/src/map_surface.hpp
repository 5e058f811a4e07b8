#pragma once
// The file a sheet is drawn into: a PDF, SVG or PNG surface of the page's size in points, drawn
// into a temporary file beside the target and renamed onto it only when complete.

#include <string>

#include "map_cairo.hpp"

namespace respgrid::exporters::map {

class SheetSurface {
public:
    // `title` goes into the PDF's metadata. Throws OutputError when Cairo cannot make the surface.
    // `creator` is the PDF's Creator (the program that drew it); PNG and SVG have no such field in Cairo.
    SheetSurface(std::string path, MapFormat format, const PageBox& page, double dpi, const std::string& title,
                 const std::string& creator);
    ~SheetSurface();  // removes the temporary file unless commit() ran
    SheetSurface(const SheetSurface&) = delete;
    SheetSurface& operator=(const SheetSurface&) = delete;

    // User space is points with the origin at the page's top left, whatever the format.
    [[nodiscard]] cairo_t* cr() const { return cr_.get(); }
    // Ends the page and starts the next one, white, of the same size (PDF only: a document of
    // several pages, such as the dispatch sheets).
    void next_page();
    // The same, the next page of `page`'s size (a book's sheets are landscape or portrait each).
    void next_page(const PageBox& page);
    // Finishes the file and renames it onto the target. Throws OutputError.
    void commit();

private:
    void start_page(const PageBox* size);  // null: the same size
    std::string path_;
    std::string temp_path_;
    MapFormat format_;
    SurfacePtr surface_;
    ContextPtr cr_;
    bool committed_ = false;
};

}  // namespace respgrid::exporters::map

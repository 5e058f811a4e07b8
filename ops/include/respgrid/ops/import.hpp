#pragma once
// What every import shares (import_boundaries.hpp, import_roster.hpp, import_tables.hpp,
// import_layers.hpp, import_responsibility.hpp): an import reads its file, rejects the records it
// cannot use (with where they came from and why), stores the rest, and returns how many. It
// refuses a file with nothing usable in it (InputError) and a project it cannot write
// (store::StoreError), in both cases before storing anything.

#include <cstddef>
#include <string>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

// What an import has to say while it works, in the order it happens. The rejects come before
// anything of their file is stored, so a front end that writes them somewhere can refuse (an
// OutputError stops the import with nothing stored).
class ImportListener {
public:
    ImportListener() = default;
    ImportListener(const ImportListener&) = delete;
    ImportListener& operator=(const ImportListener&) = delete;
    virtual ~ImportListener() = default;

    // The first boundary import fixed the project's working CRS.
    virtual void working_crs_fixed(int /*epsg*/) {}
    // Something was accepted that the user should know about (a repaired polygon, a category
    // naming a department the roster lacks).
    virtual void warning(const std::string& /*text*/) {}
    // The rejects of `file` (none: a clean read), before anything of it is stored.
    virtual void rejected(const std::string& /*file*/, const std::vector<Reject>& /*rejects*/) {}
};

// What one file of an import gave.
struct ImportedFile {
    std::string file;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // GB18030: it was transcoded to UTF-8
    std::size_t imported = 0;                              // records stored
    std::size_t rejected = 0;
    store::UpsertCounts stored;  // imports that update by key: new and updated records
};

}  // namespace respgrid::ops

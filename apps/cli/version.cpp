#include "cli/version.hpp"

#include "respgrid/geo/library_versions.hpp"
#include "respgrid/store/sqlite.hpp"
#include "respgrid_build_info.hpp"

namespace respgrid::cli {

std::string producer() {
    std::string text = std::string("respgrid ") + RESPGRID_VERSION;
    if (*RESPGRID_GIT_COMMIT) text += std::string(" (git ") + RESPGRID_GIT_COMMIT + ")";
    return text;
}

std::string version_text() {
    // Asked of the libraries as loaded (geo/library_versions.hpp says why).
    return producer() + "\n" + geo::library_versions() + "\n" + store::library_versions();
}

}  // namespace respgrid::cli

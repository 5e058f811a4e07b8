#include "import_steps.hpp"

namespace respgrid::ops::detail {

store::Project open_to_import(const std::string& path) {
    auto project = store::Project::open(path);
    project.require_writable("an import stores what it reads in it");
    return project;
}

void settle_rejects(ImportListener& listener, const std::string& file, const std::vector<Reject>& rejects,
                    std::size_t accepted, std::size_t read) {
    listener.rejected(file, rejects);
    if (accepted == 0) {
        throw InputError(SourceLocation{file, {}, {}, {}},
                         "cli: nothing to import (" + std::to_string(read) + " record(s) read, all rejected)");
    }
}

std::set<std::string> owner_ids(store::Project& project) {
    std::set<std::string> ids;
    for (const auto& o : project.load_owners()) ids.insert(o.id);
    return ids;
}

}  // namespace respgrid::ops::detail

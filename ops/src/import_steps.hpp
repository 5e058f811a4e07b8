#pragma once
// The steps every import takes, in one place.

#include <set>
#include <string>
#include <vector>

#include "respgrid/ops/import.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops::detail {

// The project of an import, refused at once when it cannot be written: an import reads its
// files first and would fail only when storing them.
store::Project open_to_import(const std::string& path);

// Hands the rejects to the listener, then refuses a file of which nothing is usable (an
// InputError; some rejects are only warnings). Called before anything of `file` is stored.
void settle_rejects(ImportListener& listener, const std::string& file, const std::vector<Reject>& rejects,
                    std::size_t accepted, std::size_t read);

// The ids of the project's owners, for the records that must name one.
std::set<std::string> owner_ids(store::Project& project);

}  // namespace respgrid::ops::detail

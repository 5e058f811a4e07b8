#include "respgrid/ops/import_tables.hpp"

#include "import_steps.hpp"
#include "respgrid/grids/categories.hpp"
#include "respgrid/importers/categories.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/ops/point_options.hpp"

namespace respgrid::ops {

ImportedFile import_categories(store::Project& project, const TableImportOptions& opt, ImportListener& listener) {
    auto read = importers::read_categories(opt.file, opt.layer, project.load_categories());
    detail::settle_rejects(listener, opt.file, read.rejects, read.categories.size(), read.rows_read);
    const auto owners = detail::owner_ids(project);
    std::size_t unknown = 0;
    for (const auto& c : read.categories) unknown += (!c.department_id.empty() && !owners.count(c.department_id)) ? 1 : 0;
    if (unknown) {
        listener.warning(std::to_string(unknown) + " categor" +
                         (unknown == 1 ? "y names a department" : "ies name departments") +
                         " not in the roster (the territory answers for them until the roster has them)");
    }
    ImportedFile result{opt.file, read.encoding, read.categories.size(), read.rejects.size(), {}};
    result.stored = project.upsert_categories(read.categories);
    return result;
}

ImportedFile import_categories(const TableImportOptions& options, ImportListener& listener) {
    auto project = detail::open_to_import(options.project);
    return import_categories(project, options, listener);
}

IssuesImportResult import_issues(const IssuesImportOptions& opt, ImportListener& listener) {
    auto project = detail::open_to_import(opt.project);
    importers::PointTableOptions o = point_options(project, opt.file, opt.crs);
    o.layer = opt.layer;
    auto read = importers::read_issues(o, project.info().time_zone);
    detail::settle_rejects(listener, opt.file, read.rejects, read.issues.size(), read.rows_read);
    IssuesImportResult result{{opt.file, read.encoding, read.issues.size(), read.rejects.size(), {}}, {}, false};
    const grids::CategoryCatalogue catalogue(project.load_categories());
    result.catalogue_empty = catalogue.empty();
    for (auto& i : read.issues) {
        auto match = catalogue.match(i.category_text);
        i.category_code = match ? match.category->code : std::string();
        if (!match && !grids::category_key(i.category_text).empty()) result.unrecognised_categories.add(i.category_text);
    }
    result.file.stored = project.upsert_issues(read.issues);
    return result;
}

}  // namespace respgrid::ops

#include "gpkg_rtree.hpp"

#include <functional>
#include <vector>

#include "respgrid/geo/error.hpp"

namespace respgrid::exporters::detail {

namespace {

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// The triggers of the GeoPackage R-tree extension (GeoPackage 1.2, F.3; the ones GDAL 3.6
// creates): they keep the index current when QGIS or GDAL later edit the layer.
std::vector<std::string> rtree_triggers(const std::string& table, const std::string& column, const std::string& fid) {
    const std::string t = quoted(table), c = quoted(column), i = quoted(fid);
    const std::string rtree = quoted("rtree_" + table + "_" + column);
    const std::string name = "\"rtree_" + table + "_" + column + "_";
    const std::string insert = "INSERT OR REPLACE INTO " + rtree + " VALUES (NEW." + i + ", ST_MinX(NEW." + c +
                               "), ST_MaxX(NEW." + c + "), ST_MinY(NEW." + c + "), ST_MaxY(NEW." + c + "));";
    const std::string present = "(NEW." + c + " NOTNULL AND NOT ST_IsEmpty(NEW." + c + "))";
    const std::string absent = "(NEW." + c + " ISNULL OR ST_IsEmpty(NEW." + c + "))";
    return {
        "CREATE TRIGGER " + name + "insert\" AFTER INSERT ON " + t + " WHEN " + present + " BEGIN " + insert + " END",
        "CREATE TRIGGER " + name + "update1\" AFTER UPDATE OF " + c + " ON " + t + " WHEN OLD." + i + " = NEW." + i +
            " AND " + present + " BEGIN " + insert + " END",
        "CREATE TRIGGER " + name + "update2\" AFTER UPDATE OF " + c + " ON " + t + " WHEN OLD." + i + " = NEW." + i +
            " AND " + absent + " BEGIN DELETE FROM " + rtree + " WHERE id = OLD." + i + "; END",
        "CREATE TRIGGER " + name + "update3\" AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i + " AND " +
            present + " BEGIN DELETE FROM " + rtree + " WHERE id = OLD." + i + "; " + insert + " END",
        "CREATE TRIGGER " + name + "update4\" AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i + " AND " +
            absent + " BEGIN DELETE FROM " + rtree + " WHERE id IN (OLD." + i + ", NEW." + i + "); END",
        "CREATE TRIGGER " + name + "delete\" AFTER DELETE ON " + t + " WHEN OLD." + c + " NOT NULL BEGIN DELETE FROM " +
            rtree + " WHERE id = OLD." + i + "; END",
    };
}

// Rows of VALUES gathered into statements of about a megabyte: one statement per row would cost
// a parse each, one for the whole tree many megabytes of SQL at once.
class BatchInsert {
public:
    BatchInsert(std::string head, std::string tail, std::function<void(const std::string&)> run)
        : head_(std::move(head)), tail_(std::move(tail)), run_(std::move(run)) {}
    std::string& row() {
        sql_ += sql_.empty() ? head_ : ",";
        return sql_;
    }
    void flush_if_full() {
        if (sql_.size() > (1u << 20)) flush();
    }
    void flush() {
        if (!sql_.empty()) run_(sql_ + tail_);
        sql_.clear();
    }

private:
    std::string head_, tail_;
    std::function<void(const std::string&)> run_;
    std::string sql_;
};


}  // namespace

SpatialOrder spatial_order(std::vector<geo::Envelope> boxes, std::size_t node_bytes) {
    std::vector<geo::RtreeEntry> entries;
    entries.reserve(boxes.size());
    std::vector<std::size_t> empty;  // the boxes with no entry, written last
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i].empty()) {
            empty.push_back(i);
        } else {
            entries.push_back({static_cast<long long>(i), boxes[i]});
        }
    }
    const std::size_t count = boxes.size();
    boxes = {};
    SpatialOrder out{geo::pack_rtree(entries, node_bytes), {}};
    entries = {};
    out.order.reserve(count);
    for (auto& leaf : out.tree.levels.front()) {
        for (auto& item : leaf.items) {
            out.order.push_back(static_cast<std::size_t>(item.id));
            item.id = static_cast<long long>(out.order.size());
        }
    }
    out.order.insert(out.order.end(), empty.begin(), empty.end());
    return out;
}

GpkgRtree::GpkgRtree(GDALDataset& ds, std::string path, std::string table, std::string column)
    : ds_(ds), path_(std::move(path)), table_(std::move(table)), column_(std::move(column)),
      rtree_("rtree_" + table_ + "_" + column_) {
    sql("CREATE VIRTUAL TABLE " + quoted(rtree_) + " USING rtree(id, minx, maxx, miny, maxy)");
    geo::GdalMessageCapture capture;
    geo::SqlResult root_size(ds_, "SELECT length(data) FROM " + quoted(rtree_ + "_node") + " WHERE nodeno = 1");
    if (root_size.get()) {
        OGRFeatureUniquePtr root(root_size.get()->GetNextFeature());
        if (root) node_bytes_ = static_cast<std::size_t>(root->GetFieldAsInteger64(0));
    }
    if (node_bytes_ == 0) throw OutputError(path_, "exporters: the R-tree " + rtree_ + " has no root node " + capture.last_error());
}

void GpkgRtree::sql(const std::string& statement) {
    geo::GdalMessageCapture capture;
    const geo::SqlResult rows(ds_, statement);  // released at once: the statements here return none
    if (!capture.last_error().empty()) {
        throw OutputError(path_, "exporters: spatial index of '" + table_ + "': " + capture.last_error() + " (sql=" +
                                     statement.substr(0, 120) + ")");
    }
}

void GpkgRtree::write_nodes(const geo::PackedRtree& tree) {
    // Nodes are numbered 1..count; an inner node's items are its children's numbers.
    std::size_t count = 0;
    for (const auto& level : tree.levels) count += level.size();
    std::vector<long long> parent_of(count + 1, 0);
    for (std::size_t l = 1; l < tree.levels.size(); ++l) {
        for (const auto& node : tree.levels[l]) {
            for (const auto& child : node.items) parent_of[static_cast<std::size_t>(child.id)] = node.number;
        }
    }
    const std::string scratch_name = rtree_ + "_scratch";
    {
        geo::GdalMessageCapture capture;
        const char* options[] = {"ASPATIAL_VARIANT=NOT_REGISTERED", "FID=nodeno", nullptr};
        OGRLayer* scratch = ds_.CreateLayer(scratch_name.c_str(), nullptr, wkbNone, const_cast<char**>(options));
        OGRFieldDefn data("data", OFTBinary), parent("parent", OFTInteger64);
        if (!scratch || scratch->CreateField(&data) != OGRERR_NONE || scratch->CreateField(&parent) != OGRERR_NONE) {
            throw OutputError(path_, "exporters: cannot create " + scratch_name + ": " + capture.last_error());
        }
        OGRFeatureUniquePtr row(OGRFeature::CreateFeature(scratch->GetLayerDefn()));
        std::vector<std::uint8_t> blob;
        for (const auto& level : tree.levels) {
            for (const auto& node : level) {
                tree.encode(node, blob);
                row->SetFID(node.number);
                row->SetField(0, static_cast<int>(blob.size()), blob.data());
                const long long parent_node = parent_of[static_cast<std::size_t>(node.number)];
                if (parent_node != 0) {
                    row->SetField(1, static_cast<GIntBig>(parent_node));
                } else {
                    row->SetFieldNull(1);
                }
                if (scratch->CreateFeature(row.get()) != OGRERR_NONE) {
                    throw OutputError(path_, "exporters: cannot write " + scratch_name + ": " + capture.last_error());
                }
            }
        }
    }
    sql("DELETE FROM " + quoted(rtree_ + "_node"));  // the empty root SQLite made
    sql("INSERT INTO " + quoted(rtree_ + "_node") + " (nodeno, data) SELECT nodeno, data FROM " + quoted(scratch_name));
    sql("INSERT INTO " + quoted(rtree_ + "_parent") + " (nodeno, parentnode) SELECT nodeno, parent FROM " +
        quoted(scratch_name) + " WHERE parent IS NOT NULL");
    sql("DROP TABLE " + quoted(scratch_name));
}

void GpkgRtree::finish(const geo::PackedRtree& tree) {
    // A leaf's entries are runs of consecutive fids (one run when the features were written in
    // leaf order): given as (first, last, leaf) and joined to the table, a million entries cost
    // tens of thousands of rows of SQL to parse, not a million.
    BatchInsert leaves("INSERT INTO " + quoted(rtree_ + "_rowid") + " (rowid, nodeno) SELECT t.fid, r.column3 FROM (VALUES ",
                       ") AS r JOIN " + quoted(table_) + " AS t ON t.fid BETWEEN r.column1 AND r.column2",
                       [this](const std::string& s) { sql(s); });
    for (const auto& node : tree.levels.front()) {
        const std::string number = std::to_string(node.number);
        for (std::size_t k = 0; k < node.items.size();) {
            const long long first = node.items[k].id;
            long long last = first;
            while (++k < node.items.size() && node.items[k].id == last + 1) ++last;
            leaves.row().append("(").append(std::to_string(first)).append(",").append(std::to_string(last)).append(",")
                .append(number).append(")");
        }
        leaves.flush_if_full();
    }
    leaves.flush();
    for (const auto& trigger : rtree_triggers(table_, column_, "fid")) sql(trigger);
    sql("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES ('" + table_ +
        "', '" + column_ + "', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')");
}

}  // namespace respgrid::exporters::detail

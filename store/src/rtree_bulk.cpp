#include "rtree_bulk.hpp"

#include <algorithm>
#include <utility>

namespace respgrid::store::detail {

void rebuild_rtree(Connection& db, const std::string& table, std::vector<RtreeEntry> entries) {
    const std::string q = "\"" + table;
    auto node_size = db.query_integer("SELECT length(data) FROM " + q + "_node\" WHERE nodeno = 1");
    if (!node_size || *node_size < 4) throw StoreError(db.path(), "the R*Tree " + table + " has no root node");
    const geo::PackedRtree tree = geo::pack_rtree(entries, static_cast<std::size_t>(*node_size));
    entries.clear();
    entries.shrink_to_fit();

    db.exec("DELETE FROM " + q + "_node\"; DELETE FROM " + q + "_rowid\"; DELETE FROM " + q + "_parent\"");
    Statement node_insert(db, "INSERT INTO " + q + "_node\" (nodeno, data) VALUES (?, ?)");
    Statement rowid_insert(db, "INSERT INTO " + q + "_rowid\" (rowid, nodeno) VALUES (?, ?)");
    Statement parent_insert(db, "INSERT INTO " + q + "_parent\" (nodeno, parentnode) VALUES (?, ?)");
    std::vector<std::uint8_t> blob;
    // Each entry's leaf, inserted in row id order: appending to the _rowid table's B-tree is much
    // cheaper than inserting a million keys in the leaves' (spatial) order.
    std::vector<std::pair<long long, long long>> leaf_of;
    for (std::size_t l = 0; l < tree.levels.size(); ++l) {
        for (const auto& node : tree.levels[l]) {
            for (const auto& item : node.items) {
                if (l == 0) {
                    leaf_of.emplace_back(item.id, node.number);
                    continue;
                }
                parent_insert.reset();
                parent_insert.bind(item.id).bind(node.number).run();
            }
            tree.encode(node, blob);
            node_insert.reset();
            node_insert.bind(node.number).bind(blob).run();
        }
    }
    std::sort(leaf_of.begin(), leaf_of.end());
    for (const auto& [rowid, leaf] : leaf_of) {
        rowid_insert.reset();
        rowid_insert.bind(rowid).bind(leaf).run();
    }
}

std::vector<RtreeEntry> read_rtree(Connection& db, const std::string& table) {
    // Leaves are read from the shadow tables directly: much faster than a scan of the virtual table.
    std::vector<RtreeEntry> out;
    Statement st(db, "SELECT n.data FROM \"" + table + "_node\" n WHERE n.nodeno IN (SELECT DISTINCT nodeno FROM \"" +
                         table + "_rowid\")");
    while (st.step()) {
        auto data = st.blob(0);
        auto leaf = geo::decode_rtree_leaf(data.data(), data.size());
        out.insert(out.end(), leaf.begin(), leaf.end());
    }
    return out;
}

}  // namespace respgrid::store::detail

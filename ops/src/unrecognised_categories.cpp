#include "respgrid/ops/unrecognised_categories.hpp"

#include <algorithm>
#include <vector>

#include "respgrid/grids/categories.hpp"

namespace respgrid::ops {

void UnrecognisedCategories::add(std::string_view text, std::size_t rows) {
    auto& seen = by_key_[grids::category_key(text)];
    if (seen.text.empty()) seen.text = std::string(text);
    seen.rows += rows;
    rows_ += rows;
}

void UnrecognisedCategories::merge(const UnrecognisedCategories& other) {
    for (const auto& [key, seen] : other.by_key_) add(seen.text, seen.rows);
}

std::string UnrecognisedCategories::summary(std::size_t top) const {
    if (rows_ == 0) return {};
    std::vector<const Seen*> order;
    for (const auto& [key, seen] : by_key_) order.push_back(&seen);
    std::stable_sort(order.begin(), order.end(), [](const Seen* a, const Seen* b) { return a->rows > b->rows; });
    std::string out = std::to_string(rows_) + " row(s) with a category not in the catalogue; the territory answered "
                      "(属地兜底). Add these to the catalogue (as a code, name or alias): ";
    for (std::size_t i = 0; i < order.size() && i < top; ++i) {
        if (i) out += ", ";
        out += order[i]->text + " (" + std::to_string(order[i]->rows) + ")";
    }
    if (order.size() > top) out += " and " + std::to_string(order.size() - top) + " more";
    return out;
}

}  // namespace respgrid::ops

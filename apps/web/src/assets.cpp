#include "respgrid/web/assets.hpp"

#include <algorithm>

#include "asset_table.hpp"

namespace respgrid::web {

std::span<const WebAsset> web_assets() { return {detail::kAssets, detail::kAssetCount}; }

const WebAsset* find_web_asset(std::string_view path) {
    if (path == "/") path = "/index.html";
    // A handful of files: a linear search costs less than building any index.
    const auto assets = web_assets();
    const auto it = std::ranges::find(assets, path, &WebAsset::path);
    return it == assets.end() ? nullptr : &*it;
}

}  // namespace respgrid::web

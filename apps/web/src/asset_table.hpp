#pragma once
// The table embed_assets.py generates (web_assets_data.cpp in the build folder) and assets.cpp reads.

#include <cstddef>

#include "respgrid/web/assets.hpp"

namespace respgrid::web::detail {

extern const WebAsset kAssets[];
extern const std::size_t kAssetCount;

}  // namespace respgrid::web::detail

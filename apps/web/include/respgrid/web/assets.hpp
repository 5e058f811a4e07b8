#pragma once
// The web map's files (apps/web/page and MapLibre GL JS from the npm registry), compiled into the
// binary at build time so that `respgrid serve` needs no file beside it and no network: the page
// works offline. apps/web/CMakeLists.txt says how the files get here.

#include <span>
#include <string_view>

namespace respgrid::web {

// One file as the service answers it. Every view points at static storage (the program's
// lifetime); `bytes` is the file exactly as built, not NUL-terminated within the view.
struct WebAsset {
    std::string_view path;          // the URL path: "/index.html", "/assets/app.js"...
    std::string_view content_type;  // "text/html; charset=utf-8"...
    std::string_view bytes;
    std::string_view etag;          // a strong ETag, quotes included: "\"3f2a...\""
};

// The asset served at `path`, or nullptr. "/" is the page (index.html). The match is exact: the
// caller strips the query string; nothing is percent-decoded, so no path can climb out of the set.
[[nodiscard]] const WebAsset* find_web_asset(std::string_view path);

// Every asset, in build order.
[[nodiscard]] std::span<const WebAsset> web_assets();

}  // namespace respgrid::web

// The web map's files as compiled into the binary (apps/web/include/respgrid/web/assets.hpp).
#include "respgrid/web/assets.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace respgrid::web {
namespace {

TEST(WebAssets, RootIsThePage) {
    const WebAsset* root = find_web_asset("/");
    ASSERT_NE(root, nullptr);
    EXPECT_EQ(root, find_web_asset("/index.html"));
    EXPECT_EQ(root->content_type, "text/html; charset=utf-8");
    EXPECT_NE(root->bytes.find("<html lang=\"zh-CN\">"), std::string_view::npos);
}

TEST(WebAssets, MapLibreComesWithItsLicence) {
    const WebAsset* js = find_web_asset("/assets/maplibre-gl.js");
    ASSERT_NE(js, nullptr);
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
    EXPECT_GT(js->bytes.size(), 100'000U);
    ASSERT_NE(find_web_asset("/assets/maplibre-gl.css"), nullptr);
    const WebAsset* licence = find_web_asset("/assets/maplibre-gl-LICENSE.txt");
    ASSERT_NE(licence, nullptr);
    EXPECT_NE(licence->bytes.find("MapLibre"), std::string_view::npos);
}

TEST(WebAssets, OnlyExactPathsMatch) {
    EXPECT_EQ(find_web_asset(""), nullptr);
    EXPECT_EQ(find_web_asset("/assets/"), nullptr);
    EXPECT_EQ(find_web_asset("/assets/app.js?v=1"), nullptr);
    EXPECT_EQ(find_web_asset("/assets/../index.html"), nullptr);
    EXPECT_EQ(find_web_asset("/assets/%61pp.js"), nullptr);
    EXPECT_EQ(find_web_asset("/ASSETS/app.js"), nullptr);
}

TEST(WebAssets, EveryAssetHasAPathATypeAndAnEtag) {
    ASSERT_GE(web_assets().size(), 5U);
    for (const WebAsset& asset : web_assets()) {
        EXPECT_TRUE(asset.path.starts_with("/")) << asset.path;
        EXPECT_FALSE(asset.content_type.empty()) << asset.path;
        EXPECT_FALSE(asset.bytes.empty()) << asset.path;
        EXPECT_TRUE(asset.etag.size() > 2 && asset.etag.front() == '"' && asset.etag.back() == '"') << asset.path;
        EXPECT_EQ(find_web_asset(asset.path), &asset);
    }
}

// Every file the page links or loads is one the binary holds: nothing is fetched from elsewhere.
TEST(WebAssets, ThePageLoadsOnlyEmbeddedFiles) {
    const std::string page(find_web_asset("/")->bytes);
    const std::regex link(R"re((?:src|href)="([^"]*)")re");
    int links = 0;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), link); it != std::sregex_iterator(); ++it) {
        const std::string target = (*it)[1];
        if (target.starts_with("data:")) continue;
        ++links;
        EXPECT_NE(find_web_asset("/" + target), nullptr) << target;
    }
    EXPECT_EQ(links, 4);
}

}  // namespace
}  // namespace respgrid::web

// Internal to serve: the review pages (cli/src/serve/assets/*), compiled in
// by cli/CMakeLists.txt as string literals: nothing is read or fetched at
// run time.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace protokoll::serve {
namespace data {
// {file stem, content}: "index" (index.html), "app" (app.js), "style" (style.css).
extern const std::pair<std::string_view, std::string_view> kAssets[];
extern const size_t kAssetCount;
}  // namespace data

struct Asset {
  std::string_view content;
  std::string_view content_type;
};

// The asset served at `path` ("/", "/app.js", "/style.css"); nullopt for any other path.
std::optional<Asset> FindAsset(std::string_view path);

}  // namespace protokoll::serve

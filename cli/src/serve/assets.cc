#include "assets.h"

namespace protokoll::serve {

std::optional<Asset> FindAsset(std::string_view path) {
  struct Route {
    std::string_view path, stem, type;
  };
  static constexpr Route kRoutes[] = {{"/", "index", "text/html; charset=utf-8"},
                                      {"/index.html", "index", "text/html; charset=utf-8"},
                                      {"/app.js", "app", "text/javascript; charset=utf-8"},
                                      {"/style.css", "style", "text/css; charset=utf-8"}};
  for (const Route& r : kRoutes) {
    if (r.path != path) continue;
    for (size_t i = 0; i < data::kAssetCount; ++i)
      if (data::kAssets[i].first == r.stem) return Asset{data::kAssets[i].second, r.type};
  }
  return std::nullopt;
}

}  // namespace protokoll::serve

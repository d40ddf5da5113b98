// Internal to serve: page images rendered on demand from the file a document
// was ingested from, kept in a size-capped LRU cache. A file is only read
// from the path the store recorded at ingest, and only used while its
// SHA-256 is still the document's id: a moved or edited file shows nothing
// rather than the wrong page.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "protokoll/logger.h"
#include "protokoll/page_image.h"
#include "protokoll/status.h"

namespace protokoll::serve {

class PageCache {
 public:
  PageCache(size_t max_bytes, int64_t max_pixels, Logger* logger);

  // Page `page` (1-based) of the stored document `id` at `dpi`, from `path`.
  // kNotFound when the file is gone or has no such page; kCorruption when
  // its bytes are no longer the document's (edited or replaced).
  Result<std::shared_ptr<const PagePng>> Get(const std::string& id, const std::string& path, int page, int dpi);

  size_t bytes() const;  // held now, for tests

 private:
  using Key = std::string;  // id/page/dpi
  struct Entry {
    std::shared_ptr<const PagePng> image;
    std::list<Key>::iterator position;
  };
  void Insert(const Key& key, std::shared_ptr<const PagePng> image);

  size_t max_bytes_;
  int64_t max_pixels_;
  Logger* logger_;
  mutable std::mutex mutex_;   // guards the cache
  std::mutex render_mutex_;    // Poppler's global state: one render at a time
  std::list<Key> recent_;      // most recently used first
  std::map<Key, Entry> entries_;
  size_t bytes_ = 0;
};

}  // namespace protokoll::serve

#include "page_cache.h"

#include "protokoll/extractor.h"
#include "protokoll/file_system.h"

namespace protokoll::serve {

PageCache::PageCache(size_t max_bytes, int64_t max_pixels, Logger* logger)
    : max_bytes_(max_bytes), max_pixels_(max_pixels), logger_(logger ? logger : NullLogger()) {}

size_t PageCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

void PageCache::Insert(const Key& key, std::shared_ptr<const PagePng> image) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.count(key) || image->png.size() > max_bytes_) return;
  recent_.push_front(key);
  bytes_ += image->png.size();
  entries_[key] = Entry{std::move(image), recent_.begin()};
  while (bytes_ > max_bytes_ && !recent_.empty()) {
    auto last = entries_.find(recent_.back());
    bytes_ -= last->second.image->png.size();
    entries_.erase(last);
    recent_.pop_back();
  }
}

Result<std::shared_ptr<const PagePng>> PageCache::Get(const std::string& id, const std::string& path, int page,
                                                      int dpi) {
  const Key key = id + "/" + std::to_string(page) + "/" + std::to_string(dpi);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = entries_.find(key);
    if (found != entries_.end()) {
      recent_.splice(recent_.begin(), recent_, found->second.position);
      return found->second.image;
    }
  }
  std::lock_guard<std::mutex> render(render_mutex_);
  // The file is hashed on every miss: cheap next to rendering, and an edit
  // between two requests is noticed.
  auto bytes = DefaultFileSystem()->ReadFile(path, 512ull << 20);
  if (!bytes.ok()) {
    if (bytes.status().code() == ErrorCode::kNotFound)
      return Status(ErrorCode::kNotFound, "the original file is no longer where it was ingested from");
    return Status(bytes.status().code(), "the original file cannot be read: " + bytes.status().message());
  }
  if (Sha256Hex(*bytes) != id)
    return Status(ErrorCode::kCorruption, "the file at the ingest path has changed since it was ingested");
  auto png = RenderPagePng(*bytes, page, dpi, max_pixels_, logger_);
  if (!png.ok()) return png.status();
  auto image = std::make_shared<const PagePng>(std::move(*png));
  Insert(key, image);
  return image;
}

}  // namespace protokoll::serve

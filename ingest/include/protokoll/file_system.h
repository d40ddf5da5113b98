// The OS behind a small interface so tests can fake it (after leveldb's Env).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "protokoll/status.h"

namespace protokoll {

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Reads a whole file. kNotFound when it does not exist, kUnreadable when it
  // cannot be read (permissions, a directory), kTooLarge when it is larger
  // than max_bytes (nothing is read then).
  virtual Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) = 0;

  virtual bool IsDirectory(const std::string& path) = 0;

  // Regular files directly in `dir` (or below it when recursive), sorted by
  // path so that batches are processed in a stable order. Hidden entries
  // (starting with '.') are skipped. With `skipped`, the other entries a walk
  // leaves out are appended to it, sorted, as "path: why" (a FIFO, a socket,
  // a device, a link in a loop or to nothing, a link to a folder, a folder
  // that cannot be read); sub-folders not descended into are not listed.
  virtual Result<std::vector<std::string>> ListFiles(const std::string& dir, bool recursive,
                                                     std::vector<std::string>* skipped = nullptr) = 0;
};

// The real file system. Thread-safe; the returned pointer lives forever.
FileSystem* DefaultFileSystem();

}  // namespace protokoll

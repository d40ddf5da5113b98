#include "protokoll/file_system.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace protokoll {
namespace {
namespace fs = std::filesystem;

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

class PosixFileSystem final : public FileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) override {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return Status(ErrorCode::kNotFound, path + ": no such file");
    if (fs::is_directory(st)) return Status(ErrorCode::kUnreadable, path + ": is a directory");
    uint64_t size = fs::file_size(path, ec);
    if (ec) return Status(ErrorCode::kUnreadable, path + ": " + ec.message());
    if (size > max_bytes)
      return Status(ErrorCode::kTooLarge, path + ": " + std::to_string(size) +
                                              " bytes, more than the limit of " +
                                              std::to_string(max_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status(ErrorCode::kUnreadable, path + ": " + std::strerror(errno));
    std::string data(size, '\0');
    in.read(data.data(), static_cast<std::streamsize>(size));
    if (in.gcount() != static_cast<std::streamsize>(size))
      return Status(ErrorCode::kUnreadable, path + ": short read");
    return data;
  }

  bool IsDirectory(const std::string& path) override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }

  Result<std::vector<std::string>> ListFiles(const std::string& dir, bool recursive) override {
    std::vector<std::string> files;
    std::error_code ec;
    auto visit = [&](const fs::directory_entry& entry) {
      if (!IsHidden(entry.path()) && entry.is_regular_file(ec)) files.push_back(entry.path().string());
    };
    if (recursive) {
      fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (IsHidden(it->path())) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        visit(*it);
      }
    } else {
      fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) visit(*it);
    }
    if (ec) return Status(ErrorCode::kUnreadable, dir + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
  }
};
}  // namespace

FileSystem* DefaultFileSystem() {
  static PosixFileSystem fs;
  return &fs;
}

}  // namespace protokoll

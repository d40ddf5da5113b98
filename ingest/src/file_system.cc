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

// Why a walk leaves out an entry that is not a regular file; "" for a folder.
std::string WhySkipped(const fs::directory_entry& entry) {
  std::error_code ec;
  const fs::file_status link = entry.symlink_status(ec);
  const bool is_link = !ec && fs::is_symlink(link);
  const fs::file_status target = fs::status(entry.path(), ec);
  if (ec) {
    if (ec == std::errc::too_many_symbolic_link_levels) return "a symbolic link in a loop";
    if (is_link && ec == std::errc::no_such_file_or_directory) return "a symbolic link to nothing";
    return ec.message();
  }
  if (fs::is_directory(target)) return is_link ? "a symbolic link to a folder (not followed)" : "";
  if (fs::is_fifo(target)) return "a FIFO (named pipe), not a file";
  if (fs::is_socket(target)) return "a socket, not a file";
  if (fs::is_block_file(target) || fs::is_character_file(target)) return "a device, not a file";
  return "not a regular file";
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

  Result<std::vector<std::string>> ListFiles(const std::string& dir, bool recursive,
                                             std::vector<std::string>* skipped) override {
    std::vector<std::string> files, left_out;
    std::error_code ec;
    auto visit = [&](const fs::directory_entry& entry) {
      if (IsHidden(entry.path())) return;
      std::error_code entry_ec;
      if (entry.is_regular_file(entry_ec)) {
        files.push_back(entry.path().string());
        return;
      }
      const std::string why = WhySkipped(entry);
      if (!why.empty()) left_out.push_back(entry.path().string() + ": " + why);
    };
    if (recursive) {
      fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (IsHidden(it->path())) {
          std::error_code entry_ec;  // not `ec`: that one ends the walk
          if (it->is_directory(entry_ec)) it.disable_recursion_pending();
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
    if (skipped) {
      std::sort(left_out.begin(), left_out.end());
      skipped->insert(skipped->end(), left_out.begin(), left_out.end());
    }
    return files;
  }
};
}  // namespace

FileSystem* DefaultFileSystem() {
  static PosixFileSystem fs;
  return &fs;
}

}  // namespace protokoll

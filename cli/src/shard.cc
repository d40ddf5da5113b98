#include "protokoll/shard.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "protokoll/record.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

Status Invalid(std::string message) { return Status(ErrorCode::kInvalidArgument, std::move(message)); }
Status DbError(std::string message) { return Status(ErrorCode::kDbError, std::move(message)); }

uint64_t First64Bits(const std::string& hex) {
  uint64_t v = 0;
  for (size_t i = 0; i < 16 && i < hex.size(); ++i) {
    const char c = hex[i];
    v = v << 4 | static_cast<uint64_t>(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
  }
  return v;
}

const char* KindName(InputOutcome::Kind kind) {
  return kind == InputOutcome::kStored ? "stored" : kind == InputOutcome::kUnchanged ? "unchanged" : "failed";
}

// ".<name><suffix>" next to `path`: hidden from shell globs such as shards/*.
fs::path HiddenSibling(const fs::path& path, const std::string& suffix) {
  std::string name(1, '.');
  name += path.filename().string();
  name += suffix;
  return path.parent_path() / name;
}

// Writes `text` to `path` and flushes it to the disk before returning, so
// that the rename that publishes the shard never precedes its manifest.
Status WriteDurably(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return DbError(path + ": cannot write");
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      return DbError(path + ": write failed");
    }
    done += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced ? Status::Ok() : DbError(path + ": fsync failed");
}

// Replaces `out` by the finished folder `tmp`: a rename each, so that `out`
// is at every moment either absent, the old shard or the new one.
Status Publish(const fs::path& tmp, const fs::path& out) {
  std::error_code ec;
  if (fs::exists(out, ec)) {
    const fs::path old = HiddenSibling(out, ".old-" + std::to_string(::getpid()));
    fs::remove_all(old, ec);
    fs::rename(out, old, ec);
    if (ec) return DbError(out.string() + ": cannot replace: " + ec.message());
    fs::rename(tmp, out, ec);
    if (ec) return DbError(out.string() + ": cannot publish: " + ec.message());
    fs::remove_all(old, ec);
    return Status::Ok();
  }
  fs::rename(tmp, out, ec);
  return ec ? DbError(out.string() + ": cannot publish: " + ec.message()) : Status::Ok();
}

// The manifest of a finished shard (docs/scale.md lists the fields).
json ManifestJson(const ShardIngestOptions& options, const IngestSummary& summary, std::vector<InputOutcome> inputs,
                  const json& files) {
  std::sort(inputs.begin(), inputs.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  json listed = json::array(), failures = json::array();
  for (const auto& in : inputs) {
    listed.push_back({{"path", in.path}, {"sha256", in.sha256}, {"outcome", KindName(in.kind)}});
    if (in.kind == InputOutcome::kFailed)
      failures.push_back({{"path", in.path}, {"sha256", in.sha256}, {"code", std::string(ErrorCodeName(in.failure.code()))},
                          {"message", in.failure.message()}});
  }
  json shard = options.shard.count > 0 ? json{{"index", options.shard.index}, {"count", options.shard.count}} : json(nullptr);
  return {{"format", kShardFormat},
          {"schema_version", StoreSchemaVersion()},
          {"pipeline_version", std::string(PipelineVersion())},
          {"created_at", NowIsoUtc()},
          {"shard", shard},
          {"stored", summary.stored},
          {"unchanged", summary.unchanged},
          {"failed", summary.failed},
          {"other_shards", summary.other_shards},
          {"text_pages", summary.text_pages},
          {"ocr_pages", summary.ocr_pages},
          {"inputs", std::move(listed)},
          {"failures", std::move(failures)},
          {"files", files}};
}

// A shard's manifest, checked against its folder; what import needs of it.
struct CheckedShard {
  std::vector<SstFile> files;
  std::vector<std::string> stored_paths;
};

Result<CheckedShard> CheckShard(const std::string& dir, Logger* logger) {
  const fs::path root(dir);
  std::ifstream in(root / kShardManifest, std::ios::binary);
  if (!in) return Invalid(dir + ": no " + std::string(kShardManifest) + " (not a shard, or one that did not finish)");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json m = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!m.is_object() || m.value("format", "") != kShardFormat)
    return Invalid(dir + ": " + kShardManifest + " is not a " + kShardFormat + " manifest");
  if (!m["schema_version"].is_number_integer() || m["schema_version"].get<int>() != StoreSchemaVersion())
    return Invalid(dir + ": shard of schema version " + m["schema_version"].dump() + ", this build reads version " +
                   std::to_string(StoreSchemaVersion()));
  if (m.value("pipeline_version", "") != PipelineVersion())
    logger->Warn(dir + ": shard derived by pipeline " + m.value("pipeline_version", "?") + ", this is " +
                 std::string(PipelineVersion()) + " (`reprocess --all` derives its documents again)");
  if (!m["files"].is_array() || !m["inputs"].is_array()) return Invalid(dir + ": manifest without files or inputs");
  CheckedShard shard;
  std::set<std::string> listed;
  for (const auto& f : m["files"]) {
    const std::string name = f.is_object() ? f.value("name", "") : "";
    if (name.empty() || name.find('/') != std::string::npos || name == kShardManifest || !f["bytes"].is_number_unsigned() ||
        !f["entries"].is_number_unsigned() || !f["sha256"].is_string() || !f["family"].is_string())
      return Invalid(dir + ": a file entry of the manifest is malformed");
    const std::string path = (root / name).string();
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);
    if (ec) return Invalid(path + ": listed in the manifest but missing");
    if (bytes != f["bytes"].get<uint64_t>())
      return Invalid(path + ": " + std::to_string(bytes) + " bytes, the manifest says " + f["bytes"].dump());
    auto sha = FileSha256(path);
    if (!sha.ok()) return Invalid(sha.status().message());
    if (*sha != f["sha256"].get<std::string>()) return Invalid(path + ": checksum does not match the manifest");
    listed.insert(name);
    shard.files.push_back(SstFile{f["family"].get<std::string>(), path, f["entries"].get<uint64_t>()});
  }
  std::error_code ec;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name != kShardManifest && !listed.count(name))
      return Invalid(dir + ": " + name + " is not listed in the manifest");
  }
  if (ec) return Invalid(dir + ": cannot list: " + ec.message());
  for (const auto& input : m["inputs"]) {
    if (!input.is_object() || !input["path"].is_string()) return Invalid(dir + ": an input entry of the manifest is malformed");
    const std::string outcome = input.value("outcome", "");
    if (outcome == "stored" || outcome == "unchanged") shard.stored_paths.push_back(input["path"].get<std::string>());
  }
  return shard;
}

}  // namespace

Result<ShardSpec> ParseShardSpec(std::string_view text) {
  const size_t slash = text.find('/');
  auto number = [](std::string_view s) -> int {
    if (s.empty() || s.size() > 6) return -1;
    int v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  if (slash == std::string_view::npos) return Invalid("--shard takes I/N, e.g. 2/8 (got \"" + std::string(text) + "\")");
  const int index = number(text.substr(0, slash)), count = number(text.substr(slash + 1));
  if (index < 1 || count < 1 || index > count || count > 100000)
    return Invalid("--shard I/N needs 1 <= I <= N <= 100000 (got \"" + std::string(text) + "\")");
  return ShardSpec{index, count};
}

bool InShard(const ShardSpec& spec, const std::string& path, const std::string& sha256) {
  if (spec.count <= 0) return true;
  const std::string key = sha256.empty() ? Sha256Hex(path) : sha256;
  return First64Bits(key) % static_cast<uint64_t>(spec.count) == static_cast<uint64_t>(spec.index - 1);
}

Result<std::vector<std::string>> ReadPathList(const std::string& file) {
  std::ifstream in(file);
  if (!in) return Status(ErrorCode::kNotFound, file + ": cannot read the list of paths");
  const fs::path base = fs::path(file).parent_path();
  std::vector<std::string> paths;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const fs::path p(line);
    paths.push_back(p.is_absolute() || base.empty() ? line : (base / p).string());
  }
  return paths;
}

Result<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kUnreadable, path + ": cannot read");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    return Status(ErrorCode::kUnreadable, "sha256 unavailable");
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return Status(ErrorCode::kUnreadable, path + ": read failed");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kDigits[digest[i] >> 4]);
    hex.push_back(kDigits[digest[i] & 15]);
  }
  return hex;
}

Result<ShardIngestSummary> RunShardIngest(const std::vector<std::string>& paths, const ShardIngestOptions& options,
                                          const Dictionary* dictionary, Logger* logger,
                                          const std::function<void(const IngestProgress&)>& progress) {
  if (logger == nullptr) logger = NullLogger();
  std::error_code ec;
  fs::path out = fs::absolute(fs::path(options.out_dir), ec).lexically_normal();
  if (ec) return DbError(options.out_dir + ": " + ec.message());
  if (!out.has_filename()) out = out.parent_path();
  fs::create_directories(out.parent_path(), ec);
  // Hidden and named by process: a shell glob over the shards' folder does
  // not pick it up, and two attempts of one shard do not share it.
  const fs::path tmp = HiddenSibling(out, ".partial-" + std::to_string(::getpid()));
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp, ec);
  if (ec) return DbError(tmp.string() + ": cannot create: " + ec.message());
  auto fail = [&](const Status& s) -> Result<ShardIngestSummary> {
    fs::remove_all(tmp, ec);
    return s;
  };

  StoreOptions store_options;
  store_options.logger = logger;
  auto store = Store::Open((tmp / "scratch.db").string(), store_options);
  if (!store.ok()) return fail(store.status());
  IngestJobOptions ingest = options.ingest;
  std::mutex mutex;
  std::vector<InputOutcome> inputs;
  const ShardSpec spec = options.shard;
  ingest.select = [spec](const std::string& path, const std::string& sha) { return InShard(spec, path, sha); };
  ingest.on_input = [&](const InputOutcome& o) {
    std::lock_guard<std::mutex> lock(mutex);
    inputs.push_back(o);
  };
  ShardIngestSummary summary;
  auto ran = RunIngest(paths, ingest, **store, dictionary, logger, progress);
  if (!ran.ok()) return fail(ran.status());
  summary.ingest = *ran;

  auto files = (*store)->WriteSstFiles(tmp.string());
  if (!files.ok()) return fail(files.status());
  store->reset();  // closed before its folder goes
  fs::remove_all(tmp / "scratch.db", ec);
  json listed = json::array();
  for (const auto& f : *files) {
    auto sha = FileSha256(f.path);
    if (!sha.ok()) return fail(DbError(sha.status().message()));
    const uint64_t bytes = fs::file_size(f.path, ec);
    listed.push_back({{"name", fs::path(f.path).filename().string()}, {"family", f.family}, {"entries", f.entries},
                      {"bytes", bytes}, {"sha256", *sha}});
    ++summary.files;
    summary.bytes += bytes;
  }
  const json manifest = ManifestJson(options, summary.ingest, std::move(inputs), listed);
  if (Status s = WriteDurably((tmp / kShardManifest).string(), manifest.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
      !s.ok())
    return fail(s);
  if (Status s = Publish(tmp, out); !s.ok()) return fail(s);
  return summary;
}

Result<ImportSummary> RunImport(const std::vector<std::string>& dirs, Store& store, Logger* logger) {
  if (logger == nullptr) logger = NullLogger();
  ImportSummary summary;
  for (const auto& dir : dirs) {
    ImportedShard shard{dir, Status::Ok(), {}};
    auto checked = CheckShard(dir, logger);
    if (checked.ok()) {
      auto outcome = store.ImportSstFiles(checked->files, checked->stored_paths);
      if (!outcome.ok() && outcome.status().code() == ErrorCode::kDbError) return outcome.status();
      if (outcome.ok()) shard.outcome = *outcome;
      else shard.refused = Status(outcome.status().code(), dir + ": " + outcome.status().message());
    } else {
      shard.refused = checked.status();
    }
    if (shard.refused.ok()) {
      summary.documents += shard.outcome.documents;
      summary.already_stored += shard.outcome.already_stored;
      summary.failures += shard.outcome.failures;
      logger->Info(dir + ": " + std::to_string(shard.outcome.documents) + " documents imported, " +
                   std::to_string(shard.outcome.already_stored) + " already stored");
    } else {
      ++summary.refused;
      logger->Debug("refused " + shard.refused.message());  // the caller reports it
    }
    summary.shards.push_back(std::move(shard));
  }
  return summary;
}

}  // namespace protokoll

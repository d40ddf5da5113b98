#include "protokoll/extractor.h"

namespace protokoll {

Extractor::Extractor(ExtractOptions options, Logger* logger, FileSystem* fs)
    : options_(std::move(options)), logger_(logger ? logger : NullLogger()), fs_(fs) {}
Extractor::~Extractor() = default;

Result<RawDocument> Extractor::ExtractFile(const std::string& path) {
  auto bytes = fs_->ReadFile(path, options_.max_input_bytes);
  if (!bytes.ok()) return bytes.status();
  std::string name = path.substr(path.find_last_of('/') + 1);
  return ExtractBytes(*bytes, name);
}

Result<RawDocument> Extractor::ExtractBytes(std::string_view bytes, const std::string& file_name) {
  (void)bytes;
  (void)file_name;
  return Status(ErrorCode::kUnsupportedFormat, "not implemented yet");  // TODO(ingest helper)
}

}  // namespace protokoll

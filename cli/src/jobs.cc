#include "protokoll/jobs.h"

#include "protokoll/pipeline.h"

namespace protokoll {

Result<Document> ExtractDocument(const std::string& path, const ExtractOptions& options,
                                 const Dictionary* dictionary, Logger* logger) {
  Extractor extractor(options, logger);
  auto raw = extractor.ExtractFile(path);
  if (!raw.ok()) return raw.status();
  return DeriveDocument(*raw, dictionary, logger);
}

Result<IngestSummary> RunIngest(const std::vector<std::string>&, const IngestJobOptions&, Store&,
                                const Dictionary*, Logger*, const std::function<void(const IngestProgress&)>&) {
  return Status(ErrorCode::kDbError, "not implemented yet");  // TODO
}

}  // namespace protokoll

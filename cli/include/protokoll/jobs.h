// The reusable job API behind the command line (after qpdf's QPDFJob): the
// CLI parses arguments and prints; everything else happens here.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "protokoll/extractor.h"
#include "protokoll/logger.h"
#include "protokoll/paragraphs.h"
#include "protokoll/record.h"
#include "protokoll/status.h"
#include "protokoll/store.h"

namespace protokoll {

// Extracts and derives one file without a database (`protokoll extract`).
Result<Document> ExtractDocument(const std::string& path, const ExtractOptions& options,
                                 const Dictionary* dictionary, Logger* logger);

struct IngestJobOptions {
  ExtractOptions extract;
  bool recursive = false;
  int workers = 1;  // documents extracted in parallel
};

struct IngestProgress {
  size_t done = 0, total = 0;
  std::string current;  // path of the input just finished
};

struct IngestSummary {
  size_t stored = 0, unchanged = 0, failed = 0;
  size_t text_pages = 0, ocr_pages = 0;
  double seconds = 0;
};

// Expands folders, then extracts, derives and stores every input. A failing
// input is recorded in the store's failures and the batch goes on; only a
// database error stops it (kDbError).
// Thread safety: `progress` is called from one thread at a time.
Result<IngestSummary> RunIngest(const std::vector<std::string>& paths, const IngestJobOptions& options,
                                Store& store, const Dictionary* dictionary, Logger* logger,
                                const std::function<void(const IngestProgress&)>& progress = {});

}  // namespace protokoll

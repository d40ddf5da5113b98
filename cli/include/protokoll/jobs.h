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

// "path: code: message" for a failed input, naming the path once even when
// the message starts with it ("x.pdf: not_found: no such file").
std::string DescribeFailure(const std::string& path, const Status& status);

// Extracts and derives one file without a database (`protokoll extract`).
Result<Document> ExtractDocument(const std::string& path, const ExtractOptions& options,
                                 const Dictionary* dictionary, Logger* logger);

struct IngestJobOptions {
  ExtractOptions extract;
  bool recursive = false;
  int workers = 1;  // documents extracted in parallel
  // Shell globs (fnmatch) over the path of a file found in a folder, relative
  // to that folder, and over its name: with `include`, only files matching
  // one are taken; files matching an `exclude` are left out. Paths given as
  // files are always taken.
  std::vector<std::string> include, exclude;
  // Sharded ingest (shard.h): when set, an input is processed only when this
  // returns true for its path and the SHA-256 (hex) of its bytes ("" when
  // they could not be read); the others are counted as other_shards.
  std::function<bool(const std::string& path, const std::string& sha256)> select;
  // When set, called once for every input processed, from worker threads.
  std::function<void(const struct InputOutcome&)> on_input;
};

// What became of one input (IngestJobOptions::on_input).
struct InputOutcome {
  enum Kind { kStored, kUnchanged, kFailed } kind = kStored;
  std::string path, sha256;  // sha256 "" when the bytes could not be read
  Status failure;            // kFailed: why
};

struct IngestProgress {
  size_t done = 0, total = 0;
  std::string current;   // path of the input just finished
  std::string relative;  // the same for people: below the folder given ("corpus/fi-lapua/SOURCE.txt"), or as given
  size_t pages = 0;      // pages extracted so far (unchanged inputs count none)
  double seconds = 0;    // since the ingest started
};

struct IngestSummary {
  size_t stored = 0, unchanged = 0, failed = 0;
  size_t other_shards = 0;  // inputs left to other shards (IngestJobOptions::select)
  size_t text_pages = 0, ocr_pages = 0;
  double seconds = 0;
  // Sub-folders of a folder given without `recursive`: not read.
  std::vector<std::string> skipped_folders;
  // Entries of the folders walked that are not regular files, as
  // "path: why" (FileSystem::ListFiles): FIFOs, links in a loop or to nothing...
  std::vector<std::string> skipped_entries;
};

// Expands folders, then extracts, derives and stores every input. A failing
// input is recorded in the store's failures and the batch goes on; only a
// database error stops it (kDbError).
// Thread safety: `progress` is called from one thread at a time.
Result<IngestSummary> RunIngest(const std::vector<std::string>& paths, const IngestJobOptions& options,
                                Store& store, const Dictionary* dictionary, Logger* logger,
                                const std::function<void(const IngestProgress&)>& progress = {});

struct ReprocessSummary {
  size_t reprocessed = 0;  // derived again and replaced
  size_t current = 0;      // already derived by this pipeline version (with --all)
  size_t failed = 0;       // no stored extraction, or it could not be read
};

// Derives stored documents again from their stored extractions, without the
// input files, and replaces their records (one atomic batch each). `ids`
// (full ids) are always reprocessed; with `all`, every document whose
// pipeline_version differs from this build's is. Only a database error stops it.
Result<ReprocessSummary> RunReprocess(Store& store, const std::vector<std::string>& ids, bool all,
                                      const Dictionary* dictionary, Logger* logger);

// `reprocess --ocr MODE ID...`: reads each document's file again from where
// it was ingested (its SHA-256 must still match) with `options` (OCR mode,
// languages, limits) and replaces the stored document and its extraction,
// corrections applied again. A document whose file is gone or changed fails
// with a message naming it.
Result<ReprocessSummary> RunReread(Store& store, const std::vector<std::string>& ids, const ExtractOptions& options,
                                   const Dictionary* dictionary, Logger* logger);

}  // namespace protokoll

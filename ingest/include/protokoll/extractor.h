// ingest: bytes in, a RawDocument out. Format detection is by content (magic
// bytes), not by file name: a text file named .pdf is not a PDF.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "protokoll/file_system.h"
#include "protokoll/logger.h"
#include "protokoll/raw_document.h"
#include "protokoll/status.h"

namespace protokoll {

enum class OcrMode { kAuto, kAlways, kNever };

// The first reading of a scan whose language is not known yet.
inline constexpr const char* kDefaultOcrLanguages = "swe+eng";

// Cores that the extraction of one document may borrow for its pages,
// shared by the workers of an ingest: a worker that has run out of documents
// gives its core back, and a long document still being read takes it for a
// second reader of its text pages. Thread-safe.
class CoreBudget {
 public:
  // How many of `wanted` cores are granted now (0 when none is free).
  int TryAcquire(int wanted) {
    int free = available_.load();
    while (free > 0) {
      const int take = std::min(free, wanted);
      if (available_.compare_exchange_weak(free, free - take)) {
        lent_ += take;
        return take;
      }
    }
    return 0;
  }
  void Release(int n) { available_ += n; }
  // Cores granted so far, all told (statistics and tests).
  int64_t lent() const { return lent_.load(); }

 private:
  std::atomic<int> available_{0};
  std::atomic<int64_t> lent_{0};
};

struct ExtractOptions {
  OcrMode ocr = OcrMode::kAuto;
  // Tesseract languages for every OCR'd page ("dan+eng"), overriding the
  // choice per page. "": each page is read with its language's model: the
  // language of the document's text layer, or of a first reading with
  // kDefaultOcrLanguages (ingest/src/ocr_language.h).
  std::string ocr_languages;
  // Inputs larger than this fail with kTooLarge before they are read.
  uint64_t max_input_bytes = 512ull << 20;
  int ocr_dpi = 300;
  // Pages of one document OCR'd in parallel, one Tesseract each; 0: one per
  // core. Lower it when several documents are extracted at once.
  int ocr_workers = 0;
  // When set, text pages of one PDF are read by more threads (one Poppler
  // document each) as cores become free in the budget; the result is the
  // same page for page. Null: one page after the other.
  std::shared_ptr<CoreBudget> core_budget;
};

// Hex SHA-256 of bytes (OpenSSL's libcrypto).
std::string Sha256Hex(std::string_view bytes);

// Thread safety: an Extractor may be used from one thread at a time; create
// one per worker. Lifetime: `logger` and `fs` must outlive the Extractor.
class Extractor {
 public:
  Extractor(ExtractOptions options, Logger* logger, FileSystem* fs = DefaultFileSystem());
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Reads and extracts one file. Errors: kNotFound, kUnreadable, kEmptyFile,
  // kTooLarge, kUnsupportedFormat, kDamagedPdf, kEncryptedPdf. A page that
  // fails inside an otherwise readable document is a kPageFailed warning in
  // the result, not an error.
  Result<RawDocument> ExtractFile(const std::string& path);

  // Same, from bytes already in memory; `file_name` is recorded as given.
  Result<RawDocument> ExtractBytes(std::string_view bytes, const std::string& file_name);

 private:
  ExtractOptions options_;
  Logger* logger_;
  FileSystem* fs_;
};

}  // namespace protokoll

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
#include "protokoll/line_limit.h"
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
  // Limits against hostile input (issue 13). Hitting one is a kTooLarge
  // warning on the page or a kTooLarge failure of the file, never an
  // out-of-memory kill, a stack overflow or a hang.
  // Inputs larger than this fail with kTooLarge before they are read.
  uint64_t max_input_bytes = 512ull << 20;
  // Pages of a PDF or images of a TIFF beyond this are not read (a warning).
  int max_pages = 5000;
  // A page rendered for OCR gets a lower resolution to stay within this.
  int64_t max_page_pixels = 40'000'000;
  // An image file whose header declares more pixels fails with kTooLarge
  // before it is decoded (decoding holds it at full size).
  int64_t max_image_pixels = 100'000'000;
  // Rendering a PDF page runs in a child process with at most this much
  // memory and time; a page over either is a kPageFailed/kTooLarge warning.
  int64_t max_render_bytes = 1ll << 30;
  // false: pages render in this process, unbounded (for debugging; about
  // 30 ms a page faster: 300 short pages took 2.6 s in process against
  // 11-15 s in children on a busy 2-core machine).
  bool isolate_rendering = true;
  int max_page_seconds = 120;  // also the OCR time limit per page
  // Pages not yet rendered or OCR'd when a document has taken this long
  // keep what they have (their text layer, or nothing) with a kTooLarge
  // warning each: a thousand-page scan cannot hold a batch for days.
  int max_document_seconds = 1800;
  // Lines of more than this many characters are split (line_limit.h), with
  // a kTooLarge warning on their page.
  size_t max_line_chars = kDefaultMaxLineChars;
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

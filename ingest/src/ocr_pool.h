// Internal to ingest: OCR of a document's pages on several workers.
//
// Page images are produced on the calling thread, in page order (Poppler
// documents are not thread-safe), and read by worker threads, each with its
// own Tesseract instance. At most `workers` images wait in the queue, so
// memory is bounded by the number of workers, not by the document's length.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "ocr.h"
#include "protokoll/logger.h"
#include "protokoll/status.h"

namespace protokoll {

struct OcrPoolOptions {
  OcrEngineOptions engine;
  int workers = 0;  // 0: one per core
};

struct OcrPage {
  OcrResult result;
  std::string note;  // the PageImage's note
};

// Produces the image of job `index`; called for 0, 1, 2, ... in order.
using PageImageSource = std::function<Result<PageImage>(int index)>;

// OCRs `count` page images. Returns one entry per job, in job order: the OCR
// result, the source's error, or the engine's (kOcrUnavailable when Tesseract
// cannot start, kPageFailed for a page that fails or times out).
// Engines are taken from and returned to a process-wide cache keyed by their
// options, so a batch of documents does not reload the language data.
std::vector<Result<OcrPage>> RunOcr(int count, const PageImageSource& source, const OcrPoolOptions& options,
                                    Logger* logger);

// The number of workers `options` asks for (cores when 0), at most `count`.
int OcrWorkerCount(const OcrPoolOptions& options, int count);

}  // namespace protokoll

// Internal to ingest: the OCR side of the PDF path. The text layer is read
// first (pdf_text.h); this decides page by page whether to keep it or OCR the
// page instead (ocr_decision.h), renders the pages to OCR one at a time and
// reads them on several workers (ocr_pool.h).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "isolated.h"
#include "ocr.h"
#include "ocr_decision.h"
#include "ocr_pool.h"
#include "protokoll/extractor.h"
#include "protokoll/logger.h"
#include "protokoll/raw_document.h"

namespace protokoll {

struct PdfOcrOptions {
  OcrMode mode = OcrMode::kAuto;
  OcrPoolOptions ocr;
  int dpi = 300;
  int64_t max_pixels = kMaxPagePixels;
  // Memory and time of each page's rendering, in a child process (isolated.h).
  IsolationLimits render;
  DocumentDeadline deadline;
  // Resolution of the coarse rendering that tells an image page from a blank one.
  int survey_dpi = 50;
  // Doubtful pages are verified by OCR. When this many of them in a document
  // read no better by OCR, the document is in a language the dictionary does
  // not know, and its other doubtful pages keep their text layer unverified.
  int verify_probe_pages = 3;
  const Lexicon* lexicon = Lexicon::Default();  // may be null: no dictionary test
  // Read each page with its language's model (ocr_language.h); false: every
  // page with ocr.engine.languages (--lang).
  bool choose_languages = true;
  OcrDecisionThresholds thresholds;
};

PdfOcrOptions MakePdfOcrOptions(const ExtractOptions& options);

// `pages` are the text-layer pages of the PDF in `bytes` (method kText),
// numbered from 1 as in the PDF. Each gets its method_reason; those the
// decision sends to OCR are replaced by the OCR'd page. An OCR failure keeps
// the text layer and adds a kPageFailed warning for the page; when Tesseract
// cannot start at all, one kOcrUnavailable warning.
void ApplyOcr(std::string_view bytes, std::vector<RawPage>& pages, std::vector<RawWarning>& warnings,
              const PdfOcrOptions& options, Logger* logger);

}  // namespace protokoll
